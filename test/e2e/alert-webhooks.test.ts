import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { eventually } from '../support/eventually.js';
import { webhookFixture } from '../support/webhook-fixtures.js';
import { buttonValue, CHANNELS, command, startHarness, USERS, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.stop());

const HOOKS = 'C0HOOKS';
const SECRETS = { PROM_TOKEN: 'prometheus-token-0123456789', GRAFANA_TOKEN: 'grafana-token-0123456789', GRAFANA_HMAC: 'grafana-hmac-secret-0123456789' };

/** `watchers`: people in the alert channel besides the bot (explaining its groups is for them). */
async function start(extra: { webhookBacklogLimit?: number } = {}, watchers: readonly string[] = []): Promise<void> {
  h = await startHarness(
    {
      triage: { ...defaultConfig().triage, replyEvery: 300, ...extra },
      alertSources: [
        { name: 'prometheus', kind: 'alertmanager', channel: HOOKS, tokenEnv: 'PROM_TOKEN' },
        { name: 'grafana', kind: 'grafana', channel: HOOKS, tokenEnv: 'GRAFANA_TOKEN', signature: { secretEnv: 'GRAFANA_HMAC', timestampHeader: 'X-Grafana-Alerting-Timestamp' } },
      ],
    },
    undefined,
    {},
    SECRETS,
  );
  h.fake.addChannel({ id: HOOKS, name: 'alerts-hooks', members: ['U0BOT', ...watchers] });
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { ok?: boolean; error?: string; stored?: string };
}

async function send(path: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`http://127.0.0.1:${h.bot.port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? {} : (JSON.parse(text) as Answer['body']) };
}

const prometheus = (payload: unknown, token = SECRETS.PROM_TOKEN) => send('/alerts/alertmanager/prometheus', JSON.stringify(payload), { authorization: `Bearer ${token}` });

function signedGrafana(payload: unknown, options: { secret?: string; ageSeconds?: number } = {}) {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000) - (options.ageSeconds ?? 0));
  const signature = createHmac('sha256', options.secret ?? SECRETS.GRAFANA_HMAC).update(`${timestamp}:${body}`).digest('hex');
  return send('/alerts/grafana/grafana', body, { authorization: `Bearer ${SECRETS.GRAFANA_TOKEN}`, 'x-grafana-alerting-signature': signature, 'x-grafana-alerting-timestamp': timestamp });
}

/** The bot's own messages at the top of the alert channel: one per group. */
const groupMessages = () => h.fake.messages(HOOKS).filter((m) => m.user === 'U0BOT');
const shown = (ts: string): string => JSON.stringify(h.fake.message(HOOKS, ts)?.blocks ?? []);

async function metric(name: string, labels: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${h.bot.port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && labels.split(',').every((pair) => l.includes(pair)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** A notification in which every alert of `payload` has resolved. */
function allResolved(payload: Record<string, unknown>): Record<string, unknown> {
  const alerts = (payload.alerts as Array<Record<string, unknown>>).map((a) => ({ ...a, status: 'resolved', endsAt: '2026-12-07T19:55:00Z' }));
  return { ...payload, status: 'resolved', alerts, truncatedAlerts: 0 };
}

describe('alerts over HTTP', () => {
  it('refuses what it should not take, saying why, and stores nothing', async () => {
    await start();
    const payload = webhookFixture('alertmanager', '01-firing-truncated');
    const missing = await send('/alerts/alertmanager/prometheus', JSON.stringify(payload));
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect(missing.body.error).toContain('bearer token');
    expect((await prometheus(payload, 'prometheus-token-wrong-0000')).status).toBe(401);
    expect((await prometheus(payload, SECRETS.GRAFANA_TOKEN)).status).toBe(401);
    expect(await send('/alerts/alertmanager/nosuch', '{}', { authorization: `Bearer ${SECRETS.PROM_TOKEN}` })).toMatchObject({ status: 404, body: { error: expect.stringContaining('no alert source "nosuch"') } });
    expect((await send('/alerts/grafana/prometheus', '{}', { authorization: `Bearer ${SECRETS.PROM_TOKEN}` })).status).toBe(404);
    expect(await send('/alerts/alertmanager/prometheus', 'not json', { authorization: `Bearer ${SECRETS.PROM_TOKEN}` })).toMatchObject({ status: 400, body: { error: 'body is not JSON' } });
    const noFingerprint = { ...payload, alerts: [{ ...(payload.alerts as object[])[0], fingerprint: undefined }] };
    expect(await prometheus(noFingerprint)).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^alerts\[0\]\.fingerprint: /) } });
    expect(await prometheus({ ...payload, version: '3' })).toMatchObject({ status: 400, body: { error: expect.stringContaining('version: must be "4"') } });
    const huge = { ...payload, padding: 'x'.repeat(5 * 1024 * 1024) };
    expect((await prometheus(huge)).status).toBe(413);

    await h.bot.settled();
    expect(groupMessages()).toEqual([]);
    expect(await h.bot.store.findOpenGroup('instances|source=alertmanager|alertname=highlatency|service=checkout', HOOKS, new Date(0))).toBeUndefined();
    expect(await metric('incident_bot_alert_webhook_requests_total', 'source="prometheus",answer="unauthorized"')).toBe(3);
    expect(await metric('incident_bot_alert_webhook_requests_total', 'answer="stored"')).toBe(0);
  });

  it("posts an Alertmanager group's message itself, with the triage fields and buttons, and edits it as instances fire and resolve", async () => {
    await start();
    const first = webhookFixture('alertmanager', '01-firing-truncated');
    expect(await prometheus(first)).toMatchObject({ status: 200, body: { ok: true, stored: 'new' } });
    const message = await eventually(() => {
      const [only] = groupMessages();
      if (!only) throw new Error('no group message yet');
      return only;
    });
    expect(message.thread_ts ?? message.ts).toBe(message.ts);
    let blocks = shown(message.ts);
    expect(message.text).toContain('Firing: 2 instances');
    expect(blocks).toContain('HighLatency · checkout · critical');
    expect(blocks).toContain('2 alert instances');
    expect(blocks).toContain('+1 not sent by Alertmanager');
    expect(blocks).toContain('Firing now: `instance=web-1`, `instance=web-2`');
    expect(blocks).toContain('<http://prom/graph|Rule>');
    for (const action of ['triage.declare', 'triage.acknowledge', 'triage.mute', 'triage.dismiss']) expect(blocks).toContain(action);

    // The HA pair's other member sends the same notification with its own URL: stored once, shown once.
    expect(await prometheus({ ...first, externalURL: 'http://alertmanager-2.example:9093' })).toMatchObject({ status: 200, body: { stored: 'duplicate' } });

    await prometheus(webhookFixture('alertmanager', '02-one-resolved'));
    await eventually(() => expect(h.fake.message(HOOKS, message.ts)?.text).toContain('Firing: 1 instance'), 5_000);
    const third = webhookFixture('alertmanager', '03-resolved-dropped');
    await prometheus(third);
    await eventually(() => expect(h.fake.message(HOOKS, message.ts)?.text).toContain('Firing: 2 instances · 3 alert instances'), 5_000);
    blocks = shown(message.ts);
    expect(blocks).not.toContain('not sent by');
    expect(blocks).toContain('`instance=web-2`, `instance=web-3`');

    await h.slack.clickButton({ user: USERS.alice, channel: HOOKS, messageTs: message.ts, actionId: 'triage.acknowledge', value: buttonValue(h.fake.message(HOOKS, message.ts)?.blocks, 'triage.acknowledge') });
    await eventually(() => expect(shown(message.ts)).toContain(`Acknowledged by <@${USERS.alice}>`), 5_000);

    await prometheus(allResolved(third));
    await eventually(() => expect(h.fake.message(HOOKS, message.ts)?.text).toContain('Resolved'), 5_000);
    await h.bot.settled();
    expect(groupMessages()).toHaveLength(1);
    expect(h.fake.replies(HOOKS, message.ts)).toEqual([]);
    expect(await metric('incident_bot_alert_webhook_requests_total', 'source="prometheus",answer="duplicate"')).toBe(1);
  });

  it("explains the group's message to the alert channel's members: its source, grouping and instances; nothing to anyone else", async () => {
    await start({}, [USERS.alice]);
    await prometheus(webhookFixture('alertmanager', '01-firing-truncated'));
    await prometheus(webhookFixture('alertmanager', '02-one-resolved'));
    const message = await eventually(() => {
      const [only] = groupMessages();
      if (!only || !only.text.includes('Firing: 1 instance')) throw new Error('no group message with both notifications yet');
      return only;
    }, 5_000);
    const link = `<https://acme.slack.com/archives/${HOOKS}/p${message.ts.replace('.', '')}>`;

    expect(await command(h, `triage explain ${link}`, USERS.alice, CHANNELS.general)).toContain('Alert group');
    const explained = JSON.stringify(h.fake.responsesFor(USERS.alice).at(-1)?.blocks);
    expect(explained).toContain('*Source*: `prometheus` (alertmanager), from `alertSources`');
    expect(explained).toContain('*Grouped by*: source=alertmanager, alertname=highlatency, service=checkout');
    expect(explained).toContain('*Instances*: 2 (1 firing, 1 resolved)');
    expect(explained).toContain('+1 not sent by Alertmanager');
    expect(explained).toContain('• firing `instance=web-2 severity=critical` since');
    expect(explained).toContain('• resolved `instance=web-1 severity=critical`');
    expect(explained).toContain('*Severity*: critical, from the `severity` label');
    expect(explained).toContain('no rule matched: suggest');
    // In the alert channel with no link, the group's message is the latest: the same answer.
    await command(h, 'triage explain', USERS.alice, HOOKS);
    expect(JSON.stringify(h.fake.responsesFor(USERS.alice).at(-1)?.blocks).replace(/"block_id":"[^"]*"/g, '')).toBe(explained.replace(/"block_id":"[^"]*"/g, ''));

    // Bob is not in the alert channel: the link answers as a message that is not an alert, and says nothing of it.
    const missing = `<https://acme.slack.com/archives/${HOOKS}/p1700000000000001>`;
    const refused = await command(h, `triage explain ${link}`, USERS.bob, CHANNELS.general);
    expect(refused).toBe(await command(h, `triage explain ${missing}`, USERS.bob, CHANNELS.general));
    const bobSaw = JSON.stringify(h.fake.responsesFor(USERS.bob));
    for (const secret of ['prometheus', 'web-2', 'HighLatency', 'highlatency']) expect(bobSaw).not.toContain(secret);
  });

  it('checks Grafana’s HMAC signature when the source has a secret, and shows its links', async () => {
    await start();
    const payload = webhookFixture('grafana', '01-docs-firing');
    expect((await signedGrafana(payload, { secret: 'not-the-secret-0123456789' })).status).toBe(401);
    expect(await signedGrafana(payload, { ageSeconds: 600 })).toMatchObject({ status: 401, body: { error: expect.stringContaining('timestamp') } });
    const unsigned = await send('/alerts/grafana/grafana', JSON.stringify(payload), { authorization: `Bearer ${SECRETS.GRAFANA_TOKEN}` });
    expect(unsigned).toMatchObject({ status: 401, body: { error: expect.stringContaining('no signature header') } });
    expect(await signedGrafana(payload)).toMatchObject({ status: 200, body: { stored: 'new' } });
    const message = await eventually(() => {
      const [only] = groupMessages();
      if (!only) throw new Error('no group message yet');
      return only;
    });
    const blocks = shown(message.ts);
    expect(blocks).toContain('High memory usage · checkout');
    expect(blocks).toContain('|Silence>');
    expect(blocks).toContain('|Dashboard>');
    expect(blocks).toContain('|Runbook>');
    expect(blocks).toContain('`zone=us-1`, `zone=eu-1`');
    await signedGrafana(webhookFixture('grafana', '02-one-resolved-truncated'));
    await eventually(() => expect(shown(message.ts)).toContain('+1 not sent by Grafana'), 5_000);
    expect(h.fake.message(HOOKS, message.ts)?.text).toContain('Firing: 1 instance');
  });

  it('answers 503 with Retry-After, never a 4xx, while the inbox is over its limit, and takes the retry once it is not', async () => {
    await start({ webhookBacklogLimit: 1 });
    // Another replica is reading a batch of two events: the inbox holds more than the limit.
    const now = new Date();
    await h.bot.store.acceptEvents([1, 2].map((i) => ({ eventId: `EvBUSY${i}`, key: 'C0BUSY', kind: 'message', body: '{}', receivedAt: now })));
    const claimed = await h.bot.store.claimEvents('other-replica', now, 120_000, 1, 10);
    const ids = claimed.flatMap((batch) => batch.events.map((e) => e.id));
    expect(ids).toHaveLength(2);
    // A request that would be refused as malformed shows when the bot sees the backlog, without storing anything.
    await eventually(async () => expect((await prometheus({ broken: true })).status).toBe(503), 5_000);

    const payload = webhookFixture('alertmanager', '01-firing-truncated');
    const refused = await prometheus(payload);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(5);

    await h.bot.store.completeEvents(ids, 'other-replica', new Date());
    const landed = await eventually(async () => {
      const retry = await prometheus(payload);
      if (retry.status !== 200) throw new Error(`still ${retry.status}`);
      return retry;
    }, 5_000);
    expect(landed.body.stored).toBe('new');
    await eventually(() => expect(groupMessages()).toHaveLength(1), 5_000);
    expect(await metric('incident_bot_alert_webhook_requests_total', 'answer="overloaded"')).toBeGreaterThanOrEqual(2);
  });
});
