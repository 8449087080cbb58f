/**
 * SLO burn-rate alerts, recognised by the labels each generator writes on them (read in each one's own source):
 * - Sloth (`slok/sloth`, `internal/prometheus` conventions and `examples/_gen/*.yml`): `sloth_id` (`<service>-<slo>`),
 *   `sloth_service`, `sloth_slo`, `sloth_severity` `page` | `ticket`, and `sloth_window` (the short window of the tier that
 *   fired, kept from its recording rule: `examples/_gen/getting-started.yml`). Its page alert joins both page windows
 *   (1 h and 6 h) with `or`: without `sloth_window` the labels say "page", not which speed.
 * - Pyrra (`pyrra-dev/pyrra`, `slo/rules.go`): `slo`, `long`, `short`, `severity`, `exhaustion` (= window / factor),
 *   one alert per window pair; its window table (`Windows`) tells the tier, the factor and the SLO's window.
 * - Grafana SLO (its "Configure burn-rate notifications" page): `grafana_slo_uuid`, `grafana_slo_severity` `critical`
 *   (fast burn: 14.4× over 1 h or 6× over 6 h, a page) | `warning` (slow burn: 3× over 1 d or 1× over 3 d, a ticket),
 *   `grafana_slo_window`.
 * - Anything else with an `slo` label and burn-rate facts beside it (`burn_rate`, or `long`/`short` windows) in its
 *   labels or annotations.
 */
import type { Labels } from '../alerts/alert.js';
import { DAY_MS, WORKBOOK_WINDOWS, type SloTier } from './burn-rate.js';
import { parsePrometheusDuration } from './prometheus-duration.js';

export const SLO_GENERATORS = ['sloth', 'pyrra', 'grafana-slo', 'generic'] as const;
export type SloGenerator = (typeof SLO_GENERATORS)[number];

/** What an SLO alert's labels and annotations say. Everything but the identity is optional: generators differ. */
export interface SloAlert {
  readonly generator: SloGenerator;
  /** The SLO's identity within its generator: all tiers of one SLO share it. */
  readonly id: string;
  /** How people call it (`checkout availability`). */
  readonly title: string;
  /** Names a configured SLO (`slos[].metadata.name`) may have for it. */
  readonly names: readonly string[];
  readonly service: string | null;
  /** Null when the labels do not say (a Sloth alert without `sloth_severity`). */
  readonly tier: SloTier | null;
  readonly longMs: number | null;
  readonly shortMs: number | null;
  /** The burn rate the alert fires at (Pyrra's factor): the current one is at least this. */
  readonly threshold: number | null;
  /** A burn rate the alert itself reports (a generic alert's `burn_rate`). */
  readonly burnRate: number | null;
  /** The SLO's period, when the labels tell it (Pyrra's window follows from its labels). */
  readonly periodMs: number | null;
  readonly objective: number | null;
  readonly budgetLeft: number | null;
  /** Pyrra's `exhaustion`: how long a whole budget lasts at the threshold. */
  readonly exhaustionMs: number | null;
}

type Reading = Omit<SloAlert, 'generator'>;

const NOTHING: Omit<Reading, 'id' | 'title' | 'names' | 'service' | 'tier'> = {
  longMs: null,
  shortMs: null,
  threshold: null,
  burnRate: null,
  periodMs: null,
  objective: null,
  budgetLeft: null,
  exhaustionMs: null,
};

const text = (value: string | undefined): string | null => (value === undefined || value.trim() === '' ? null : value.trim());

/** `16.2`, `16.2x`, `16.2×`. */
function number(value: string | undefined): number | null {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*[x×]?\s*$/i.exec(value ?? '');
  return match ? Number(match[1]) : null;
}

/** `99.9`, `99.9%` or `0.999` → 0.999; `37%` or `0.37` → 0.37 (a share above 1 is read as a percentage). */
function share(value: string | undefined): number | null {
  const percent = /%\s*$/.test(value ?? '');
  const n = number((value ?? '').replace(/%\s*$/, ''));
  if (n === null) return null;
  return percent || Math.abs(n) > 1 ? n / 100 : n;
}

const duration = (value: string | undefined): number | null => (value === undefined ? null : parsePrometheusDuration(value));

function sloth(labels: Labels): Reading | null {
  const id = text(labels['sloth_id']);
  if (!id) return null;
  const service = text(labels['sloth_service']);
  const slo = text(labels['sloth_slo']);
  const severity = labels['sloth_severity']?.trim().toLowerCase();
  const windowMs = duration(labels['sloth_window']);
  const tier: SloTier | null = severity === 'page' ? (windowMs === null ? 'page' : pageSpeedOf(windowMs)) : severity === 'ticket' ? 'ticket' : null;
  return { ...NOTHING, id, title: [service, slo].filter(Boolean).join(' ') || id, names: [id, ...(slo ? [slo] : [])], service, tier, shortMs: tier === 'page' ? null : windowMs };
}

/**
 * Which page a Sloth page alert is. Its expression is `(5m and 1h) or ignoring(sloth_window) (30m and 6h)`: the alert
 * keeps the labels of the left side of what fired, so its `sloth_window` is the fast tier's short window (5m) when the
 * fast burn fires and the slow tier's (30m) when only the slow one does. Alertmanager sees the two as two alerts.
 */
function pageSpeedOf(windowMs: number): SloTier {
  const [fast, slow] = WORKBOOK_WINDOWS;
  if (!fast || !slow) return 'page';
  const near = (target: number): number => Math.abs(Math.log(windowMs / target));
  return Math.min(near(fast.shortMs), near(fast.longMs)) <= Math.min(near(slow.shortMs), near(slow.longMs)) ? 'fast-page' : 'slow-page';
}

/**
 * Pyrra's windows for an SLO window W (`slo/rules.go`, `Windows`): long W/672 with factor 14 and W/112 with factor 7
 * (critical), W/28 with factor 2 and W/7 with factor 1 (warning); `exhaustion` = W / factor.
 */
const PYRRA_WINDOWS: ReadonlyArray<{ readonly longOf: number; readonly factor: number; readonly tier: SloTier }> = [
  { longOf: 672, factor: 14, tier: 'fast-page' },
  { longOf: 112, factor: 7, tier: 'slow-page' },
  { longOf: 28, factor: 2, tier: 'ticket' },
  { longOf: 7, factor: 1, tier: 'ticket' },
];

function pyrra(labels: Labels): Reading | null {
  const slo = text(labels['slo']);
  const exhaustionMs = duration(labels['exhaustion']);
  const longMs = duration(labels['long']);
  if (!slo || exhaustionMs === null || longMs === null) return null;
  // Which of Pyrra's windows this is: the one whose window (from `long`) divided by its factor gives `exhaustion`
  // (Pyrra rounds windows to the minute, hence the tolerance).
  const window = PYRRA_WINDOWS.find((w) => Math.abs((longMs * w.longOf) / w.factor - exhaustionMs) <= exhaustionMs * 0.02 + 60_000);
  const critical = labels['severity']?.trim().toLowerCase() === 'critical';
  const namespace = text(labels['namespace']);
  return {
    ...NOTHING,
    id: namespace ? `${namespace}/${slo}` : slo,
    title: slo,
    names: [slo],
    service: text(labels['service']),
    tier: window?.tier ?? (critical ? 'page' : 'ticket'),
    longMs,
    shortMs: duration(labels['short']),
    threshold: window?.factor ?? null,
    periodMs: window ? window.factor * exhaustionMs : null,
    exhaustionMs,
  };
}

function grafanaSlo(labels: Labels, name: string): Reading | null {
  const uuid = text(labels['grafana_slo_uuid']);
  if (!uuid) return null;
  const severity = labels['grafana_slo_severity']?.trim().toLowerCase();
  const window = duration(labels['grafana_slo_window']);
  const title = text(labels['grafana_slo_name']) ?? name;
  return {
    ...NOTHING,
    id: uuid,
    title,
    names: [uuid, title],
    service: text(labels['grafana_slo_service']) ?? text(labels['service']),
    tier: severity === 'critical' ? 'page' : severity === 'warning' ? 'ticket' : null,
    // The label names the SLO's window (`28d`); anything shorter than a day is not one.
    periodMs: window !== null && window >= DAY_MS ? window : null,
  };
}

/** The workbook tier whose long window is nearest this one, its windows scaled to the SLO's period (30 days if unknown). */
function tierOfWindow(longMs: number, periodMs: number | null): SloTier {
  const scale = (periodMs ?? 30 * DAY_MS) / (30 * DAY_MS);
  const distance = (w: (typeof WORKBOOK_WINDOWS)[number]): number => Math.abs(Math.log((w.longMs * scale) / longMs));
  const [nearest] = [...WORKBOOK_WINDOWS].sort((a, b) => distance(a) - distance(b));
  return nearest?.tier ?? 'ticket';
}

function generic(labels: Labels, annotations: Labels): Reading | null {
  const slo = text(labels['slo']);
  if (!slo) return null;
  const fact = (...keys: string[]): string | undefined => keys.map((k) => labels[k] ?? annotations[k]).find((v) => v !== undefined);
  const burnRate = number(fact('burn_rate', 'burnrate'));
  const longMs = duration(fact('long', 'long_window') ?? '');
  if (burnRate === null && longMs === null) return null;
  const periodMs = duration(fact('slo_window', 'time_window') ?? '');
  const severity = labels['severity']?.trim().toLowerCase();
  const says = severity === 'page' || severity === 'critical' ? 'page' : severity === 'ticket' || severity === 'warning' || severity === 'info' ? 'ticket' : null;
  const byWindow = longMs === null ? null : tierOfWindow(longMs, periodMs);
  const tier: SloTier | null = says === 'ticket' ? 'ticket' : says === 'page' ? (byWindow === 'ticket' || byWindow === null ? 'page' : byWindow) : byWindow;
  return {
    ...NOTHING,
    id: slo,
    title: slo,
    names: [slo],
    service: text(labels['service']),
    tier,
    longMs,
    shortMs: duration(fact('short', 'short_window') ?? ''),
    burnRate,
    periodMs,
    objective: share(fact('objective', 'slo_objective')),
    budgetLeft: share(fact('budget_remaining', 'error_budget_remaining')),
  };
}

/** The generators in the order they are asked: each recognises its own labels; `generic` only what is left. */
const READERS: ReadonlyArray<readonly [SloGenerator, (labels: Labels, annotations: Labels, name: string) => Reading | null]> = [
  ['sloth', (labels) => sloth(labels)],
  ['pyrra', (labels) => pyrra(labels)],
  ['grafana-slo', (labels, _annotations, name) => grafanaSlo(labels, name)],
  ['generic', (labels, annotations) => generic(labels, annotations)],
];

/** The SLO alert an alert is, or null for any other alert. Never throws. */
export function sloAlertOf(alert: { readonly name: string; readonly labels: Labels; readonly annotations: Labels }): SloAlert | null {
  for (const [generator, read] of READERS) {
    const reading = read(alert.labels, alert.annotations, alert.name);
    if (reading) return { generator, ...reading };
  }
  return null;
}

/** One SLO's identity across its tiers: what groups them. */
export const sloKey = (slo: Pick<SloAlert, 'generator' | 'id'>): string => `${slo.generator}:${slo.id}`;
