import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/bot.js';
import { defaultConfig, type Settings } from '../../src/config.js';
import { DURATION_BUCKETS_SECONDS } from '../../src/http/incident-metrics.js';
import type { Incident } from '../../src/domain/incident.js';
import { FakeSlack } from '../fake-slack/server.js';
import { SignedSlackClient } from '../fake-slack/slack-client.js';
import { eventually } from '../support/eventually.js';
import { freshPostgresDatabase } from '../support/postgres.js';
import { parseExposition, samplesOf, sumOf, valueOf, type Exposition } from '../support/prometheus-text.js';
import { promtool } from '../support/promtool.js';
import { BOT_TOKEN, buttonValue, CHANNELS, command, declare, resolveWithModal, SIGNING_SECRET, USERS, type Harness } from './harness.js';

/**
 * A day of incidents on two replicas of the bot sharing one PostgreSQL record, on a clock the test sets (the fake
 * Slack stamps messages by it too). Requests alternate between the replicas, as a load balancer spreads them. At the
 * end, and while an incident is reopened, both replicas' /metrics are read: the duration histograms equal what the
 * record says, the two report the same, and the counters of the two add up to what happened.
 */
const ALERTS = 'C0ALERTS';
const DAY = '2026-11-23';

/** Real time flows (the fake's latency, the scheduler's tick) from wherever the script last set it. */
function scriptClock(start: string) {
  let base = new Date(start).getTime();
  let setAt = Date.now();
  return {
    now: () => new Date(base + (Date.now() - setAt)),
    at(hhmm: string) {
      base = new Date(`${DAY}T${hhmm}:00Z`).getTime();
      setAt = Date.now();
    },
  };
}

let stopAll: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stopAll?.();
  stopAll = null;
});

function alertmanagerPost(alertname: string, service: string) {
  const title = `[FIRING:1] ${alertname} ${service}`;
  const text = [`*Alert:* ${alertname} on ${service} - \`warning\``, '*Description:* see the runbook', '*Details:*', `  • *alertname:* \`${alertname}\``, `  • *service:* \`${service}\``].join('\n');
  return { username: 'alertmanager', bot_id: 'B0AM', text: '', attachments: [{ color: 'danger', title, text, fallback: title, mrkdwn_in: ['text'] }] };
}

async function twoReplicas() {
  const clock = scriptClock(`${DAY}T08:55:00Z`);
  const fake = await FakeSlack.start({ botToken: BOT_TOKEN, botUserId: 'U0BOT', now: () => clock.now().getTime() });
  fake.addUser({ id: USERS.alice, name: 'alice' });
  fake.addUser({ id: USERS.bob, name: 'bob' });
  fake.addChannel({ id: CHANNELS.general, name: 'general', members: ['U0BOT', USERS.alice, USERS.bob] });
  fake.addChannel({ id: CHANNELS.announce, name: 'incidents', members: ['U0BOT'] });
  fake.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT', USERS.alice, USERS.bob] });
  const settings: Settings = {
    slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, appToken: null, apiUrl: `${fake.url}/api/` },
    port: 0,
    database: { kind: 'postgres', url: await freshPostgresDatabase('metrics') },
    configFile: null,
    logLevel: 'silent',
    config: {
      ...defaultConfig(),
      announceChannel: CHANNELS.announce,
      alertChannels: [ALERTS],
      triage: { ...defaultConfig().triage, rules: [{ match: { name: 'DiskFull' }, action: 'declare', severity: 'sev3' }] },
    },
  };
  const logger = pino({ level: process.env.E2E_LOG_LEVEL ?? 'silent' });
  const bots: RunningBot[] = [];
  for (let i = 0; i < 2; i += 1) bots.push(await startBot(settings, { clock, logger }));
  stopAll = async () => {
    for (const bot of bots) await bot.stop();
    await fake.stop();
  };
  // The harness helpers drive one replica each; neither restarts here.
  const replicas: Harness[] = bots.map((bot) => ({
    fake,
    bot,
    settings,
    slack: new SignedSlackClient({ appUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET, fake }),
    restart: () => Promise.reject(new Error('not restarted in this test')),
    stop: () => bot.stop(),
  }));
  const settled = async () => {
    for (const bot of bots) await bot.settled();
  };
  return { clock, fake, bots, replicas, settled };
}

const scrape = async (bot: RunningBot): Promise<{ text: string; exposition: Exposition }> => {
  const response = await fetch(`http://127.0.0.1:${bot.port}/metrics`);
  expect(response.status).toBe(200);
  const text = await response.text();
  return { text, exposition: parseExposition(text) };
};

/** Every series of the incident metrics a dashboard reads with `max`: what the record says, the same on each replica. */
const fromRecord = (e: Exposition) =>
  e.samples.filter((s) => /^incident_bot_(incidents_open|alert_groups_open|follow_ups_open|incident_time_to_\w+_seconds_(bucket|sum|count))$/.test(s.name));

/**
 * The record's own account of each duration, read from the incident and its timeline: detection and acknowledgement
 * from its milestones, mitigation and resolution from the first time its timeline shows the status (a reopen clears
 * the milestones, not the timeline).
 */
async function durationsInRecord(bot: RunningBot, incidents: readonly Incident[]) {
  const measured: Record<'acknowledge' | 'mitigate' | 'resolve', Array<{ severity: string; seconds: number }>> = { acknowledge: [], mitigate: [], resolve: [] };
  for (const incident of incidents) {
    const detected = incident.milestones.detectedAt;
    if (detected === null || incident.status === 'declined') continue;
    const timeline = await bot.store.timeline(incident.number);
    const firstTo = (status: string) => timeline.find((e) => e.kind === 'status_changed' && e.data.to === status)?.occurredAt ?? null;
    const reached = { acknowledge: incident.milestones.acknowledgedAt, mitigate: firstTo('mitigated'), resolve: firstTo('resolved') };
    for (const measure of ['acknowledge', 'mitigate', 'resolve'] as const) {
      const at = reached[measure];
      if (at !== null) measured[measure].push({ severity: incident.severity ?? 'none', seconds: (at.getTime() - detected.getTime()) / 1000 });
    }
  }
  return measured;
}

const histogram = (measure: string) => `incident_bot_incident_time_to_${measure}_seconds`;

describe('incident metrics over a scripted day on two replicas', () => {
  it('histograms equal the record, grow only (a reopen keeps the first resolve), and both replicas report the same', async () => {
    const { clock, fake, bots, replicas, settled } = await twoReplicas();
    const [a, b] = replicas as [Harness, Harness];
    const postAlert = async (h: Harness, post: ReturnType<typeof alertmanagerPost>) => {
      const ts = fake.postMessage(ALERTS, { botId: post.bot_id, text: post.text, attachments: post.attachments });
      await h.slack.event({ type: 'message', subtype: 'bot_message', channel: ALERTS, ts, event_ts: ts, ...post });
      return ts;
    };
    const replyOf = (threadTs: string) =>
      eventually(() => {
        const reply = fake.replies(ALERTS, threadTs).find((m) => m.user === 'U0BOT');
        if (!reply) throw new Error('no triage reply yet');
        return reply;
      }, 10_000);
    const press = async (h: Harness, ts: string, actionId: string, user: string) => {
      const response = await h.slack.clickButton({ user, channel: ALERTS, messageTs: ts, actionId, value: buttonValue(fake.message(ALERTS, ts)?.blocks, actionId) });
      expect(response.status).toBe(200);
    };

    clock.at('09:00');
    const inc1 = await declare(a, 'Checkout errors', { severity: 'sev2', impact: 'Some payments fail' });
    clock.at('09:25');
    expect(await command(b, 'mitigated', USERS.alice, inc1.channelId)).toContain('Mitigated');
    clock.at('10:40');
    await resolveWithModal(a, inc1.channelId, { summary: 'Rolled back', cause: 'Bad deploy' });
    await command(b, 'followup Alert on payment errors', USERS.alice, inc1.channelId);

    clock.at('11:00');
    const latency = await postAlert(b, alertmanagerPost('HighRequestLatency', 'search'));
    const reply = await replyOf(latency);
    clock.at('11:04');
    await press(b, reply.ts, 'triage.acknowledge', USERS.bob);
    await eventually(async () => expect((await bots[0]?.store.groupByThread(ALERTS, latency))?.acknowledgedAt).not.toBeNull());
    clock.at('11:12');
    const viewsBefore = fake.views.length;
    await press(a, reply.ts, 'triage.declare', USERS.bob);
    const view = await eventually(() => fake.views[viewsBefore] ?? Promise.reject(new Error('declare form not open')));
    const submitted = await a.slack.submitView({
      user: USERS.bob,
      view,
      values: { severity: { value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'SEV1' }, value: 'sev1' } } } },
    });
    expect(submitted.body).toBe('');
    const inc2 = await eventually(async () => {
      const incident = await bots[0]?.store.getIncident(2);
      if (!incident?.channelId) throw new Error('INC-2 has no channel yet');
      return incident;
    }, 10_000);
    await settled();
    clock.at('11:50');
    expect(await command(b, 'mitigated', USERS.bob, inc2.channelId ?? '')).toContain('Mitigated');
    clock.at('14:30');
    await resolveWithModal(a, inc2.channelId ?? '', { summary: 'Cache warmed', cause: 'Cold cache after failover' }, USERS.bob);

    clock.at('15:00');
    await postAlert(b, alertmanagerPost('DiskFull', 'db'));
    await eventually(async () => expect(await bots[0]?.store.getIncident(3)).toMatchObject({ status: 'triage', severity: 'sev3' }), 10_000);
    await settled();
    clock.at('15:20');
    // A rule declared it: nobody is in its channel until someone joins.
    fake.joinChannel((await bots[0]?.store.getIncident(3))?.channelId ?? '', USERS.alice);
    expect(await command(a, 'mitigated 3', USERS.alice)).toContain('Mitigated');

    clock.at('17:00');
    await declare(b, 'Login slow', { severity: 'sev1', impact: 'Logins take 20 s' });

    clock.at('18:00');
    await command(a, 'reopen Errors are back', USERS.alice, inc1.channelId);
    await settled();
    // Reopened: open again, yet its first resolve stays counted (a histogram never shrinks).
    const reopened = (await scrape(bots[1] as RunningBot)).exposition;
    expect(valueOf(reopened, 'incident_bot_incidents_open', { severity: 'sev2', status: 'investigating' })).toBe(1);
    expect(valueOf(reopened, `${histogram('resolve')}_count`, { severity: 'sev2' })).toBe(1);
    clock.at('18:45');
    await resolveWithModal(b, inc1.channelId, { summary: 'Rolled back again', cause: 'Bad deploy, twice' });
    await settled();

    const [first, second] = [await scrape(bots[0] as RunningBot), await scrape(bots[1] as RunningBot)];
    const incidents = (await Promise.all([1, 2, 3, 4].map((n) => bots[0]?.store.getIncident(n)))).filter((i): i is Incident => i !== undefined);
    expect(incidents.map((i) => [i.number, i.status, i.severity])).toEqual([
      [1, 'resolved', 'sev2'],
      [2, 'resolved', 'sev1'],
      [3, 'mitigated', 'sev3'],
      [4, 'investigating', 'sev1'],
    ]);

    // The histograms equal the record, measure by measure and severity by severity.
    const record = await durationsInRecord(bots[0] as RunningBot, incidents);
    for (const measure of ['acknowledge', 'mitigate', 'resolve'] as const) {
      const name = histogram(measure);
      expect(sumOf(first.exposition, `${name}_count`)).toBe(record[measure].length);
      expect(sumOf(first.exposition, `${name}_sum`)).toBeCloseTo(record[measure].reduce((t, d) => t + d.seconds, 0), 6);
      for (const severity of new Set(record[measure].map((d) => d.severity))) {
        const mine = record[measure].filter((d) => d.severity === severity);
        expect(valueOf(first.exposition, `${name}_count`, { severity })).toBe(mine.length);
        for (const le of DURATION_BUCKETS_SECONDS) {
          expect(valueOf(first.exposition, `${name}_bucket`, { severity, le: String(le) })).toBe(mine.filter((d) => d.seconds <= le).length);
        }
        expect(valueOf(first.exposition, `${name}_bucket`, { severity, le: '+Inf' })).toBe(mine.length);
      }
    }
    // …and the record is the script: these durations, give or take the seconds the requests took.
    const seconds = (measure: 'acknowledge' | 'mitigate' | 'resolve') => record[measure].map((d) => [d.severity, d.seconds] as const);
    const near = (expected: ReadonlyArray<readonly [string, number]>) => expected.map(([severity, s]) => [severity, expect.closeTo(s, -1.5)]);
    expect(seconds('acknowledge')).toEqual(near([['sev2', 0], ['sev1', 4 * 60], ['sev3', 20 * 60], ['sev1', 0]]));
    expect(seconds('mitigate')).toEqual(near([['sev2', 25 * 60], ['sev1', 50 * 60], ['sev3', 20 * 60]]));
    expect(seconds('resolve')).toEqual(near([['sev2', 100 * 60], ['sev1', 3.5 * 3600]]));

    // Two replicas, one record: the same open counts and histograms on both, whichever served the requests.
    expect(fromRecord(second.exposition)).toEqual(fromRecord(first.exposition));
    expect(valueOf(first.exposition, 'incident_bot_incidents_open', { severity: 'sev1', status: 'investigating' })).toBe(1);
    expect(valueOf(first.exposition, 'incident_bot_incidents_open', { severity: 'sev3', status: 'mitigated' })).toBe(1);
    expect(sumOf(first.exposition, 'incident_bot_incidents_open')).toBe(2);
    expect(valueOf(first.exposition, 'incident_bot_alert_groups_open', { source: 'alertmanager', acknowledged: 'true' })).toBe(1);
    expect(valueOf(first.exposition, 'incident_bot_alert_groups_open', { source: 'alertmanager', acknowledged: 'false' })).toBe(1);
    expect(valueOf(first.exposition, 'incident_bot_follow_ups_open', { incident: 'closed' })).toBe(1);

    // Counters are each replica's own; their sum is what happened.
    const declared = (labels: Record<string, string>) => sumOf(first.exposition, 'incident_bot_incidents_declared_total', labels) + sumOf(second.exposition, 'incident_bot_incidents_declared_total', labels);
    expect([declared({}), declared({ source: 'command', severity: 'sev2' }), declared({ source: 'command', severity: 'sev1' }), declared({ source: 'alert_group', severity: 'sev1' }), declared({ source: 'rule', severity: 'sev3' })]).toEqual([4, 1, 1, 1, 1]);
    const alerts = sumOf(first.exposition, 'incident_bot_alerts_received_total', { source: 'alertmanager', via: 'slack' }) + sumOf(second.exposition, 'incident_bot_alerts_received_total', { source: 'alertmanager', via: 'slack' });
    expect(alerts).toBe(2);
    expect(samplesOf(first.exposition, 'incident_bot_ready')).toEqual([{ name: 'incident_bot_ready', labels: {}, value: 1 }]);

    // The bot's real output passes Prometheus' own linter.
    const lint = await promtool(['check', 'metrics'], first.text);
    expect({ code: lint.code, out: lint.stdout + lint.stderr }).toEqual({ code: 0, out: '' });
  }, 90_000);
});
