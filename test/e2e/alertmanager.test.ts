/**
 * A real Alertmanager (Debian's 0.25) delivering to the bot: its webhook_config at POST /alerts/alertmanager/<name>,
 * alerts injected through its API v2 as Prometheus would, resolved by their end, grouped, repeated, restarted, and run
 * as an HA pair of two instances; and a second route whose slack_configs posts through the fake Slack's incoming
 * webhook, so the Slack-message path is tested on Alertmanager's own rendering.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { Alertmanager, freePort, type PostableAlert } from '../support/alertmanager.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from './harness.js';

const PROM = 'C0PROM';
const SLACK_ROUTE = 'C0AMSLACK';
const TOKEN = 'alertmanager-token-0123456789';
const RETRY_TOKEN = 'alertmanager-retry-token-0123456789';

let h: Harness | undefined;
const alertmanagers: Alertmanager[] = [];
afterEach(async () => {
  await Promise.all(alertmanagers.splice(0).map((am) => am.stop(2_000)));
  await h?.stop();
  h = undefined;
});

const harness = (): Harness => {
  if (!h) throw new Error('no harness');
  return h;
};

/** Alertmanager's configuration: every alert to the bot's webhook, except `route=slack` ones to Slack. */
function alertmanagerConfig(bot: { port: number; source: string; token: string }, slackWebhookUrl = 'http://127.0.0.1:9/unused'): string {
  return `
route:
  receiver: bot
  group_by: [alertname, service]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 3s
  routes:
    - matchers: ['route="slack"']
      receiver: slack
receivers:
  - name: bot
    webhook_configs:
      - url: http://127.0.0.1:${bot.port}/alerts/alertmanager/${bot.source}
        send_resolved: true
        http_config:
          authorization: { type: Bearer, credentials: ${bot.token} }
  - name: slack
    slack_configs:
      - api_url: ${slackWebhookUrl}
        channel: '#alerts'
        send_resolved: true
`;
}

const at = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();
const HOUR = 3_600_000;

/** Instance `i` of group `g`: alertname and service name the group, instance the host. */
const alertOf = (g: number, i: number, startsAt: string, endsAt: string, extra: Record<string, string> = {}): PostableAlert => ({
  labels: { alertname: `HighLatency${g}`, service: `svc-${g}`, instance: `web-${i}`, severity: 'critical', ...extra },
  annotations: { summary: `p99 latency of svc-${g} above 2s` },
  startsAt,
  endsAt,
  generatorURL: `http://prometheus.example/graph?g0.expr=latency${g}`,
});

const botMessages = (channel: string) => harness().fake.messages(channel).filter((m) => m.user === 'U0BOT');

/** The group message of group `g` (its title names the alert), or undefined. */
const messageOf = (g: number) => botMessages(PROM).find((m) => m.text.startsWith(`HighLatency${g} ·`));

async function requests(labels: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${harness().bot.port}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('incident_bot_alert_webhook_requests_total{') && labels.split(',').every((pair) => l.includes(pair)))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

/** Waits until every group shows `expected[g]` (its state text) and nothing else is posted. */
async function groupsShow(expected: readonly string[], timeoutMs = 30_000): Promise<void> {
  await eventually(
    () => {
      const states = expected.map((_, g) => messageOf(g)?.text.split(' · ')[1] ?? 'no message');
      expect(states).toEqual(expected);
      expect(botMessages(PROM)).toHaveLength(expected.length);
    },
    timeoutMs,
  );
}

describe('a real Alertmanager', () => {
  it('as an HA pair: 50 alerts in 10 groups fire, 20 resolve, 5 fire again; repeats and a restart post nothing twice', async () => {
    h = await startHarness(
      { triage: { ...defaultConfig().triage, replyEvery: 300 }, alertSources: [{ name: 'prometheus', kind: 'alertmanager', channel: PROM, tokenEnv: 'AM_TOKEN' }] },
      undefined,
      {},
      { AM_TOKEN: TOKEN },
    );
    h.fake.addChannel({ id: PROM, name: 'alerts-prometheus', members: ['U0BOT'] });
    const config = alertmanagerConfig({ port: h.bot.port, source: 'prometheus', token: TOKEN });
    const [p1, p2] = [await freePort(), await freePort()];
    const pair = await Promise.all([Alertmanager.start(config, { port: p1, peers: [p2] }), Alertmanager.start(config, { port: p2, peers: [p1] })]);
    alertmanagers.push(...pair);
    // Prometheus sends every alert to every member of the pair.
    const send = (alerts: PostableAlert[]) => Promise.all(pair.map((am) => am.post(alerts)));

    const started = at(0);
    const firing = new Map<string, PostableAlert>();
    for (let g = 0; g < 10; g += 1) for (let i = 0; i < 5; i += 1) firing.set(`${g}/${i}`, alertOf(g, i, started, at(HOUR)));
    await send([...firing.values()]);
    // Both members notify each group (each sends before gossip tells it the other did): ten stored, the twins not.
    await eventually(async () => expect(await requests('answer="stored"')).toBe(10), 15_000);
    const sentByPair = async () => (await Promise.all(pair.map((am) => am.sent('webhook')))).reduce((a, b) => a + b, 0);
    await eventually(async () => expect(await sentByPair()).toBeGreaterThanOrEqual(15), 5_000);
    expect(await requests('answer="stored"')).toBe(10);
    await groupsShow(Array.from({ length: 10 }, () => '🔥 Firing: 5 instances'));

    // 20 resolve by their end: all of groups 0 and 1, two of each of groups 2 to 6.
    const resolving: PostableAlert[] = [];
    for (const [key, alert] of firing) {
      const [g = 0, i = 0] = key.split('/').map(Number);
      if (g <= 1 || (g <= 6 && i <= 1)) {
        resolving.push({ ...alert, endsAt: at(-1_000) });
        firing.delete(key);
      }
    }
    expect(resolving).toHaveLength(20);
    await send(resolving);
    const afterResolve = ['✅ Resolved', '✅ Resolved', ...Array.from({ length: 5 }, () => '🔥 Firing: 3 instances'), ...Array.from({ length: 3 }, () => '🔥 Firing: 5 instances')];
    await groupsShow(afterResolve);

    // 5 fire again (a new start): one of each of groups 2 to 6, back into their still-firing groups.
    const again = [2, 3, 4, 5, 6].map((g) => alertOf(g, 0, at(0), at(HOUR)));
    again.forEach((alert, k) => firing.set(`${k + 2}/0`, alert));
    await send(again);
    const final = ['✅ Resolved', '✅ Resolved', ...Array.from({ length: 5 }, () => '🔥 Firing: 4 instances'), ...Array.from({ length: 3 }, () => '🔥 Firing: 5 instances')];
    await groupsShow(final);
    for (let g = 0; g < 10; g += 1) expect(messageOf(g)?.text).toContain('5 alert instances');

    // Repeats (every 3 s, from both members) and a restart of one member (re-fed by Prometheus) post nothing twice.
    const before = await requests('source="prometheus"');
    await eventually(async () => expect(await requests('source="prometheus"')).toBeGreaterThanOrEqual(before + 4), 20_000);
    await pair[0]?.restart();
    await pair[0]?.post([...firing.values()]);
    const restarted = await requests('source="prometheus"');
    await eventually(async () => expect(await requests('source="prometheus"')).toBeGreaterThanOrEqual(restarted + 2), 20_000);
    await harness().bot.settled();
    await groupsShow(final, 1_000);

    // After its group resolved, an instance firing again opens a new occurrence: a new message; the old stays resolved.
    await send([alertOf(0, 0, at(0), at(HOUR))]);
    await eventually(() => expect(botMessages(PROM)).toHaveLength(11), 20_000);
    const newest = botMessages(PROM).at(-1);
    expect(newest?.text).toBe('HighLatency0 · 🔥 Firing: 1 instance · 1 alert instance');
    expect(botMessages(PROM).filter((m) => m.text.startsWith('HighLatency0 ·')).map((m) => m.text.split(' · ')[1])).toEqual(['✅ Resolved', '🔥 Firing: 1 instance']);
  }, 120_000);

  it("posts through Slack's incoming webhook in Alertmanager's own rendering, and lands its webhook once the bot is no longer overloaded", async () => {
    h = await startHarness(
      {
        alertChannels: [SLACK_ROUTE],
        triage: { ...defaultConfig().triage, replyEvery: 300, webhookBacklogLimit: 1 },
        alertSources: [
          { name: 'prometheus', kind: 'alertmanager', channel: PROM, tokenEnv: 'AM_TOKEN' },
          { name: 'am-retry', kind: 'alertmanager', channel: PROM, tokenEnv: 'AM_RETRY_TOKEN' },
        ],
      },
      undefined,
      {},
      { AM_TOKEN: TOKEN, AM_RETRY_TOKEN: RETRY_TOKEN },
    );
    const { fake } = h;
    fake.addChannel({ id: PROM, name: 'alerts-prometheus', members: ['U0BOT'] });
    fake.addChannel({ id: SLACK_ROUTE, name: 'alerts-slack', members: ['U0BOT'] });
    const hook = fake.incomingWebhooks.add({ channel: SLACK_ROUTE, botId: 'B0AMHOOK', username: 'Alertmanager' });
    fake.incomingWebhooks.deliverTo(async (event) => harness().slack.event(event));
    const am = await Alertmanager.start(alertmanagerConfig({ port: h.bot.port, source: 'am-retry', token: RETRY_TOKEN }, `${fake.url}${hook}`));
    alertmanagers.push(am);

    // The Slack route: Alertmanager's default Slack template, read back by the parser into a triage reply.
    const disk = { labels: { alertname: 'DiskFull', service: 'db', severity: 'warning', route: 'slack' }, annotations: { summary: 'disk 95% full' }, startsAt: at(0) };
    await am.post([{ ...disk, endsAt: at(HOUR) }]);
    const post = await eventually(() => {
      const [first] = fake.messages(SLACK_ROUTE).filter((m) => m.bot_id === 'B0AMHOOK');
      if (!first) throw new Error('no Alertmanager post yet');
      return first;
    }, 15_000);
    expect(JSON.stringify(post.attachments)).toContain('[FIRING:1] DiskFull db (slack warning)');
    const reply = await eventually(() => {
      const [only] = fake.replies(SLACK_ROUTE, post.ts).filter((m) => m.user === 'U0BOT');
      if (!only) throw new Error('no triage reply yet');
      return only;
    }, 15_000);
    expect(reply.text).toContain('DiskFull · 🔥 Firing: 1 instance');
    expect(JSON.stringify(reply.blocks)).toContain('same source=alertmanager, alertname=diskfull, service=db');
    await am.post([{ ...disk, endsAt: at(-1_000) }]);
    await eventually(() => expect(fake.message(SLACK_ROUTE, reply.ts)?.text).toContain('Resolved'), 15_000);
    expect(fake.incomingWebhooks.failedDeliveries).toEqual([]);

    // Overloaded: another replica holds a batch of two unread events, over the limit of one.
    const now = new Date();
    await h.bot.store.acceptEvents([1, 2].map((i) => ({ eventId: `EvBUSY${i}`, key: 'C0BUSY', kind: 'message', body: '{}', receivedAt: now })));
    const ids = (await h.bot.store.claimEvents('other-replica', now, 120_000, 1, 10)).flatMap((b) => b.events.map((e) => e.id));
    const probe = async () =>
      (await fetch(`http://127.0.0.1:${harness().bot.port}/alerts/alertmanager/prometheus`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '{}' })).status;
    await eventually(async () => expect(await probe()).toBe(503), 10_000);
    await am.post([alertOf(7, 1, at(0), at(HOUR))]);
    // Alertmanager meets the 503 and retries (it would give up on a 4xx).
    await eventually(async () => expect(await requests('source="am-retry",answer="overloaded"')).toBeGreaterThanOrEqual(2), 20_000);
    expect(botMessages(PROM)).toEqual([]);
    await h.bot.store.completeEvents(ids, 'other-replica', new Date());
    await eventually(() => expect(botMessages(PROM).map((m) => m.text)).toEqual(['HighLatency7 · 🔥 Firing: 1 instance · 1 alert instance']), 20_000);
    expect(await requests('source="am-retry",answer="stored"')).toBe(1);
  }, 90_000);
});
