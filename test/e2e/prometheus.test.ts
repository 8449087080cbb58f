import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/clock.js';
import { eventually } from '../support/eventually.js';
import { RULES_FILE } from '../support/monitoring-files.js';
import { startPrometheus, type PrometheusServer } from '../support/prometheus-server.js';
import { startHarness, type Harness } from './harness.js';

/**
 * A real Prometheus (Debian's) scrapes a running bot every second and evaluates the repository's rules for the bot.
 * Slack answers 500 to everything for a while: the triage reply of an alert waits in the outbox, and the bot's own
 * alert fires. Prometheus waits out a rule's `for:` in its own time, so the rules are loaded with each `for:` cut to a
 * second, and the bot's clock is moved on instead of waiting minutes for the outbox to age; expressions and
 * thresholds are the repository's.
 */
const ALERTS = 'C0ALERTS';

let h: Harness | undefined;
let prometheus: PrometheusServer | undefined;
afterEach(async () => {
  await prometheus?.stop();
  await h?.stop();
  prometheus = undefined;
  h = undefined;
});

/** Real time, moved on by the test: the bot believes minutes passed. */
function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

/** The repository's rules with every `for:` cut to one second. */
function rulesWithShortFor(): string {
  const rules = parse(readFileSync(RULES_FILE, 'utf8')) as { groups: Array<{ rules: Array<Record<string, unknown>> }> };
  for (const group of rules.groups) for (const rule of group.rules) if ('for' in rule) rule.for = '1s';
  return stringify(rules);
}

interface PrometheusAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly state: 'pending' | 'firing';
}

const alertsNamed = async (p: PrometheusServer, name: string): Promise<PrometheusAlert[]> =>
  (await p.api<{ alerts: PrometheusAlert[] }>('/api/v1/alerts')).alerts.filter((a) => a.labels.alertname === name);

/** The value Prometheus last scraped for a one-series query, or null when it has none. */
async function scraped(p: PrometheusServer, query: string): Promise<number | null> {
  const data = await p.api<{ result: Array<{ value: [number, string] }> }>(`/api/v1/query?query=${encodeURIComponent(query)}`);
  const [first] = data.result;
  return first ? Number(first.value[1]) : null;
}

describe('a real Prometheus watching the bot', () => {
  it('fires the bot’s own alert while Slack answers 500, and clears it once Slack is back and the outbox has caught up', async () => {
    const clock = movableClock();
    h = await startHarness({ alertChannels: [ALERTS] }, undefined, { clock, delivery: { retryBaseMs: 250 } });
    h.fake.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT'] });
    const config = stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: ['rules.yml'],
      scrape_configs: [{ job_name: 'incident-bot', static_configs: [{ targets: [`127.0.0.1:${h.bot.port}`] }] }],
    });
    prometheus = await startPrometheus(config, { 'rules.yml': rulesWithShortFor() });
    const p = prometheus;
    await eventually(async () => expect(await scraped(p, 'incident_bot_ready{job="incident-bot"}')).toBe(1), 15_000);

    // Slack fails everything; an alert arrives and its triage reply cannot be posted.
    h.fake.chaos({ rate: 1, faults: [{ kind: 'http_error', status: 500 }] });
    const ts = h.fake.postMessage(ALERTS, { user: 'U0BOB', text: '502 errors spiking on checkout!!' });
    expect((await h.slack.event({ type: 'message', channel: ALERTS, ts, event_ts: ts, user: 'U0BOB', text: '502 errors spiking on checkout!!' })).status).toBe(200);
    await eventually(async () => expect(await scraped(p, 'incident_bot_outbox_depth{state="queued"}')).toBeGreaterThan(0), 15_000);
    // Waiting seconds is not late: Prometheus has evaluated the rule and it stays quiet.
    await eventually(async () => expect((await p.api<{ groups: Array<{ rules: Array<{ name: string; lastEvaluation: string }> }> }>('/api/v1/rules')).groups[0]?.rules.find((r) => r.name === 'IncidentBotSlackEffectsLate')?.lastEvaluation).toMatch(/^20/));
    expect(await alertsNamed(p, 'IncidentBotSlackEffectsLate')).toEqual([]);

    // Two minutes pass for the bot with Slack still failing: the alert fires.
    clock.advance(120_000);
    const [firing] = await eventually(async () => {
      const found = await alertsNamed(p, 'IncidentBotSlackEffectsLate');
      expect(found.map((a) => a.state)).toEqual(['firing']);
      return found;
    }, 20_000);
    expect(firing?.labels).toMatchObject({ alertname: 'IncidentBotSlackEffectsLate', severity: 'critical', job: 'incident-bot' });
    expect(firing?.annotations.summary).toMatch(/^incident-bot cannot show the record in Slack: the oldest queued change is 2m \d+s old$/);
    expect(h.fake.replies(ALERTS, ts).filter((m) => m.user === 'U0BOT')).toEqual([]);

    // Slack is back: the reply is posted, the outbox empties, the alert clears.
    h.fake.calm();
    await eventually(() => expect(h?.fake.replies(ALERTS, ts).filter((m) => m.user === 'U0BOT')).toHaveLength(1), 20_000);
    await eventually(async () => expect(await alertsNamed(p, 'IncidentBotSlackEffectsLate')).toEqual([]), 15_000);
  }, 60_000);
});
