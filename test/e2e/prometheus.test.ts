import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/clock.js';
import { Alertmanager } from '../support/alertmanager.js';
import { eventually } from '../support/eventually.js';
import { RULES_FILE } from '../support/monitoring-files.js';
import { startPrometheus, type PrometheusServer } from '../support/prometheus-server.js';
import { startHarness, type Harness } from './harness.js';

/**
 * The bot watched the way its README says to watch it: a real Prometheus (Debian's 2.42) scrapes it every second and
 * evaluates the repository's rules for it, and sends what fires to a real Alertmanager (Debian's 0.25), whose
 * webhook_config delivers into the bot's own alert webhook. Slack answers 500 to everything for two minutes: a
 * triage reply waits in the outbox, the bot's own alert fires, Alertmanager delivers it (stored while Slack is still
 * down), and once Slack is back it is shown in the bot's alert channel and resolved there when the outbox has caught
 * up. Prometheus waits out a rule's `for:` in its own time, so the rules are loaded with each `for:` cut to a second,
 * and the bot's clock is moved on two minutes instead of waiting for the outbox to age; expressions and thresholds
 * are the repository's.
 */
const ALERTS = 'C0ALERTS';
/** Where the team routes the alerts about its tools: the `prometheus` alert source's channel. */
const BOT_ALERTS = 'C0BOTALERTS';
const TOKEN = 'alertmanager-token-0123456789';
const ALERT = 'IncidentBotSlackEffectsLate';

let h: Harness | undefined;
let prometheus: PrometheusServer | undefined;
let alertmanager: Alertmanager | undefined;
afterEach(async () => {
  await prometheus?.stop();
  await alertmanager?.stop(2_000);
  await h?.stop();
  prometheus = undefined;
  alertmanager = undefined;
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

/** As the README shows: every alert to the bot's webhook for its `prometheus` source, with the source's token. */
const alertmanagerConfig = (botPort: number): string =>
  stringify({
    route: { receiver: 'incident-bot', group_by: ['alertname'], group_wait: '1s', group_interval: '1s', repeat_interval: '1h' },
    receivers: [
      {
        name: 'incident-bot',
        webhook_configs: [
          { url: `http://127.0.0.1:${botPort}/alerts/alertmanager/prometheus`, send_resolved: true, http_config: { authorization: { type: 'Bearer', credentials: TOKEN } } },
        ],
      },
    ],
  });

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

/** A message as a person reads it: its text and every text in its blocks. */
const readable = (m: { text: string; blocks?: unknown[] | undefined }): string => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;

describe('a real Prometheus and Alertmanager watching the bot', () => {
  it('Slack unreachable for 2 minutes raises the bot’s own alert, delivered into its alert webhook and shown in its alert channel once Slack is back', async () => {
    const clock = movableClock();
    h = await startHarness(
      { alertChannels: [ALERTS], alertSources: [{ name: 'prometheus', kind: 'alertmanager', channel: BOT_ALERTS, tokenEnv: 'AM_TOKEN' }] },
      undefined,
      { clock, delivery: { retryBaseMs: 250 } },
      { AM_TOKEN: TOKEN },
    );
    const { fake } = h;
    fake.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT'] });
    fake.addChannel({ id: BOT_ALERTS, name: 'alerts-tools', members: ['U0BOT'] });
    const botPosts = () => fake.messages(BOT_ALERTS).filter((m) => m.user === 'U0BOT');
    alertmanager = await Alertmanager.start(alertmanagerConfig(h.bot.port));
    const config = stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: ['rules.yml'],
      alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${alertmanager.port}`] }] }] },
      scrape_configs: [{ job_name: 'incident-bot', static_configs: [{ targets: [`127.0.0.1:${h.bot.port}`] }] }],
    });
    prometheus = await startPrometheus(config, { 'rules.yml': rulesWithShortFor() });
    const p = prometheus;
    await eventually(async () => expect(await scraped(p, 'incident_bot_ready{job="incident-bot"}')).toBe(1), 15_000);

    // Slack fails everything; an alert arrives and its triage reply cannot be posted.
    fake.chaos({ rate: 1, faults: [{ kind: 'http_error', status: 500 }] });
    const ts = fake.postMessage(ALERTS, { user: 'U0BOB', text: '502 errors spiking on checkout!!' });
    expect((await h.slack.event({ type: 'message', channel: ALERTS, ts, event_ts: ts, user: 'U0BOB', text: '502 errors spiking on checkout!!' })).status).toBe(200);
    await eventually(async () => expect(await scraped(p, 'incident_bot_outbox_depth{state="queued"}')).toBeGreaterThan(0), 15_000);
    // Waiting seconds is not late: Prometheus has evaluated the rule and it stays quiet.
    await eventually(async () => expect((await p.api<{ groups: Array<{ rules: Array<{ name: string; lastEvaluation: string }> }> }>('/api/v1/rules')).groups[0]?.rules.find((r) => r.name === ALERT)?.lastEvaluation).toMatch(/^20/));
    expect(await alertsNamed(p, ALERT)).toEqual([]);

    // Two minutes pass for the bot with Slack still failing: the alert fires.
    clock.advance(120_000);
    const [firing] = await eventually(async () => {
      const found = await alertsNamed(p, ALERT);
      expect(found.map((a) => a.state)).toEqual(['firing']);
      return found;
    }, 20_000);
    expect(firing?.labels).toMatchObject({ alertname: ALERT, severity: 'critical', job: 'incident-bot' });
    expect(firing?.annotations.summary).toMatch(/^incident-bot cannot show the record in Slack: the oldest queued change is 2m \d+s old$/);

    // Alertmanager delivers it into the bot's webhook, which stores it although Slack still fails; nobody sees it yet.
    await eventually(async () => expect(await scraped(p, 'incident_bot_alert_webhook_requests_total{source="prometheus",answer="stored"}')).toBeGreaterThanOrEqual(1), 20_000);
    await eventually(async () => expect(await scraped(p, 'incident_bot_alerts_received_total{source="alertmanager",via="webhook"}')).toBe(1), 10_000);
    expect(fake.replies(ALERTS, ts).filter((m) => m.user === 'U0BOT')).toEqual([]);
    expect(botPosts()).toEqual([]);

    // Slack is back: the bot's alert appears in its alert channel, as one message of its own naming it and saying why.
    fake.calm();
    const shown = await eventually(() => {
      const [only, ...more] = botPosts();
      expect(more).toEqual([]);
      if (!only) throw new Error('no message for the bot’s own alert yet');
      return only;
    }, 20_000);
    // As first shown: firing (or already resolved, had Prometheus seen the outbox catch up before Slack took the post).
    const firstSeen = shown.edits[0] ?? shown;
    expect(firstSeen.text).toMatch(new RegExp(`^${ALERT} · `));
    expect(readable(firstSeen)).toMatch(/incident-bot cannot show the record in Slack: the oldest queued change is 2m \d+s old/);

    // The triage reply that waited is posted, the outbox empties, the alert clears, and its message says so in place.
    await eventually(() => expect(fake.replies(ALERTS, ts).filter((m) => m.user === 'U0BOT')).toHaveLength(1), 20_000);
    await eventually(async () => expect(await alertsNamed(p, ALERT)).toEqual([]), 15_000);
    await eventually(() => expect(fake.message(BOT_ALERTS, shown.ts)?.text).toBe(`${ALERT} · ✅ Resolved · 1 alert instance`), 20_000);
    expect(botPosts()).toHaveLength(1);
  }, 60_000);
});
