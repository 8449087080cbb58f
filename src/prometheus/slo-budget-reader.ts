/**
 * Reads what Sloth and Pyrra record for one SLO from Prometheus' HTTP API (`GET /api/v1/query`), in one instant query
 * per SLO, bounded by a timeout (a reply never waits longer) and cached briefly (a storm of one SLO asks once).
 * - Sloth (`examples/_gen/getting-started.yml`): `slo:sli_error:ratio_rate<window>` (label `sloth_window`),
 *   `slo:objective:ratio`, `slo:time_period:days`, `slo:period_error_budget_remaining:ratio`, all by `sloth_id`.
 * - Pyrra (`slo/rules.go`): `<metric>:burnrate<window>` (an error ratio despite its name), `pyrra_objective`,
 *   `pyrra_window` (seconds) and `pyrra_availability`, all by `slo`.
 * Grafana SLO's and generic alerts have no series the bot knows: their numbers come from the labels.
 */
import { z } from 'zod';
import type { BudgetAnswer, SloBudgetReader } from '../app/slo-report.js';
import { DAY_MS } from '../domain/slo/burn-rate.js';
import { parsePrometheusDuration } from '../domain/slo/prometheus-duration.js';
import { sloKey, type SloAlert } from '../domain/slo/slo-alert.js';
import type { BudgetReading } from '../domain/slo/slo-view.js';

const vectorAnswer = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) })),
  }),
});

type Series = z.infer<typeof vectorAnswer>['data']['result'][number];

const quoted = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

interface Generator {
  readonly query: (slo: SloAlert) => string | null;
  readonly reading: (series: readonly Series[]) => BudgetReading;
}

const valueOf = (s: Series): number | null => {
  const n = Number(s.value[1]);
  return Number.isFinite(n) ? n : null;
};

/** The first finite value of series named `name`. */
const first = (series: readonly Series[], name: string): number | null =>
  series.filter((s) => s.metric.__name__ === name).map(valueOf).find((v) => v !== null) ?? null;

/** The worst (highest) error ratio of each window: an SLO split by labels burns as fast as its worst part. */
function worstByWindow(series: readonly Series[], windowOf: (s: Series) => number | null): Map<number, number> {
  const ratios = new Map<number, number>();
  for (const s of series) {
    const windowMs = windowOf(s);
    const value = valueOf(s);
    if (windowMs === null || value === null) continue;
    ratios.set(windowMs, Math.max(value, ratios.get(windowMs) ?? value));
  }
  return ratios;
}

const SLOTH_ERROR = /^slo:sli_error:ratio_rate(.+)$/;
const PYRRA_BURN = /:burnrate(.+)$/;

const GENERATORS: Partial<Record<SloAlert['generator'], Generator>> = {
  sloth: {
    query: (slo) => `{sloth_id=${quoted(slo.id)},__name__=~"slo:(sli_error:ratio_rate.+|objective:ratio|time_period:days|period_error_budget_remaining:ratio)"}`,
    reading: (series) => {
      const days = first(series, 'slo:time_period:days');
      return {
        objective: first(series, 'slo:objective:ratio'),
        periodMs: days === null ? null : days * DAY_MS,
        budgetLeft: first(series, 'slo:period_error_budget_remaining:ratio'),
        availability: null,
        errorRatios: worstByWindow(
          series.filter((s) => SLOTH_ERROR.test(s.metric.__name__ ?? '')),
          (s) => parsePrometheusDuration(s.metric.sloth_window ?? SLOTH_ERROR.exec(s.metric.__name__ ?? '')?.[1] ?? ''),
        ),
      };
    },
  },
  pyrra: {
    query: (slo) => {
      const name = slo.names[0];
      return name === undefined ? null : `{slo=${quoted(name)},__name__=~"pyrra_objective|pyrra_window|pyrra_availability|.+:burnrate.+"}`;
    },
    reading: (series) => {
      const windowSeconds = first(series, 'pyrra_window');
      return {
        objective: first(series, 'pyrra_objective'),
        periodMs: windowSeconds === null ? null : windowSeconds * 1000,
        budgetLeft: null,
        availability: first(series, 'pyrra_availability'),
        errorRatios: worstByWindow(
          series.filter((s) => PYRRA_BURN.test(s.metric.__name__ ?? '')),
          (s) => parsePrometheusDuration(PYRRA_BURN.exec(s.metric.__name__ ?? '')?.[1] ?? ''),
        ),
      };
    },
  },
};

export interface PrometheusSettings {
  readonly url: string;
  readonly timeoutMs: number;
  readonly cacheForMs: number;
}

/** Prometheus as the SLO budget reader; `now` is the clock the cache ages by. */
export function prometheusBudgetReader(settings: PrometheusSettings, now: () => number, warn: (error: unknown, slo: string) => void): SloBudgetReader {
  const cache = new Map<string, { readonly at: number; readonly answer: Promise<BudgetAnswer> }>();
  const base = settings.url.replace(/\/+$/, '');

  async function ask(query: string, generator: Generator, slo: string): Promise<BudgetAnswer> {
    try {
      const response = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(query)}`, { signal: AbortSignal.timeout(settings.timeoutMs) });
      const parsed = vectorAnswer.safeParse(await response.json());
      if (!parsed.success) throw new Error(`Prometheus answered ${response.status} without a vector`);
      const series = parsed.data.data.result;
      return series.length === 0 ? { kind: 'not-recorded' } : { kind: 'answered', reading: generator.reading(series) };
    } catch (error) {
      warn(error, slo);
      return { kind: 'unavailable' };
    }
  }

  return {
    read(slo) {
      const generator = GENERATORS[slo.generator];
      const query = generator?.query(slo) ?? null;
      if (!generator || query === null) return Promise.resolve({ kind: 'not-recorded' });
      const key = sloKey(slo);
      const kept = cache.get(key);
      if (kept && now() - kept.at < settings.cacheForMs) return kept.answer;
      for (const [k, entry] of cache) if (now() - entry.at >= settings.cacheForMs) cache.delete(k);
      const answer = ask(query, generator, key);
      cache.set(key, { at: now(), answer });
      return answer;
    },
  };
}
