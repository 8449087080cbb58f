import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { eventually } from '../support/eventually.js';
import { numberedAlert, triageReplies } from '../support/numbered-alerts.js';
import { startHarness, type Harness } from './harness.js';

/**
 * Socket Mode's connection life against the fake's WebSocket: Slack recycling the connection, turning Socket Mode off
 * and on, the network dropping it, a connection gone silent. After each the bot is connected again by one loop (never
 * two connections at once), an envelope sent meanwhile is applied once after it is back, readiness says whether Slack
 * can reach it, and /metrics says why connections ended.
 */
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const ALERTS = 'C0ALERTS';
/** Short enough to see within a test: the bot misses Slack's pong within 1 s, and tries again within a second. */
const TIMING = { clientPingTimeoutMs: 1_000, retryBaseMs: 100, retryMaxMs: 1_000, linkDisabledRetryMs: 400 };

async function socketBot(refused?: (error: Error) => void): Promise<Harness> {
  const options = { socketMode: TIMING, ...(refused ? { refused } : {}) };
  h = await startHarness({ alertChannels: [ALERTS], triage: { ...defaultConfig().triage, replyEvery: 300 } }, undefined, options, {}, 'socket');
  h.fake.addChannel({ id: ALERTS, name: 'alerts', members: [h.fake.botUserId] });
  return h;
}

const get = async (harness: Harness, path: string) => {
  const res = await fetch(`http://127.0.0.1:${harness.bot.port}${path}`);
  return { status: res.status, text: await res.text() };
};

/** An alert for group `n` sent as an envelope (not awaited: Slack holds it until a connection takes it). */
const sendAlert = (harness: Harness, n: number, eventId: string) => harness.slack.event(numberedAlert(harness.fake, ALERTS, n), { eventId });

/** Each group's one reply counts `perGroup` alert messages: every alert applied, none twice. */
async function expectReplies(harness: Harness, perGroup: readonly number[]): Promise<void> {
  await eventually(() => {
    const replies = triageReplies(harness.fake, ALERTS).map((m) => m.text);
    expect(replies).toHaveLength(perGroup.length);
    perGroup.forEach((count, i) => expect(replies[i]).toContain(`${count} alert message`));
  }, 10_000);
  await harness.bot.settled();
  expect(triageReplies(harness.fake, ALERTS)).toHaveLength(perGroup.length);
}

describe('Socket Mode: the connection to Slack', () => {
  it('refresh_requested and a dropped socket: connected again by one loop; an alert sent meanwhile is applied once', async () => {
    const harness = await socketBot();
    expect(harness.fake.socketMode.connections).toHaveLength(1);
    expect((await get(harness, '/readyz')).status).toBe(200);
    expect((await get(harness, '/healthz')).status).toBe(200);

    harness.fake.socketMode.requestRefresh();
    const duringRefresh = sendAlert(harness, 0, 'EvRefresh');
    // The bot closes the old connection itself (Slack would after 10 s) and opens one new one.
    await eventually(() => expect(harness.fake.socketMode.connections.map((c) => c.closedAt === null)).toEqual([false, true]));
    expect((await duringRefresh).status).toBe(200);

    harness.fake.socketMode.dropConnections();
    const duringDrop = sendAlert(harness, 0, 'EvDrop');
    expect((await duringDrop).status).toBe(200);
    await expectReplies(harness, [2]);

    expect(harness.fake.socketMode.connections).toHaveLength(3);
    expect(harness.fake.socketMode.maxOpenAtOnce).toBe(1);
    expect(harness.fake.socketMode.strayAcks).toEqual([]);
    await eventually(async () => expect((await get(harness, '/readyz')).status).toBe(200));
    const metrics = (await get(harness, '/metrics')).text;
    expect(metrics).toMatch(/incident_bot_socket_mode_disconnects_total\{reason="refresh_requested"\} 1/);
    expect(metrics).toMatch(/incident_bot_socket_mode_disconnects_total\{reason="socket_closed"\} 1/);
    expect(metrics).toMatch(/incident_bot_socket_mode_connected 1/);
  });

  it('link_disabled: not ready while Socket Mode is off, connected again once it is on; the alert Slack held is applied once', async () => {
    const harness = await socketBot();
    harness.fake.socketMode.disableLink();
    await eventually(async () => expect((await get(harness, '/readyz')).status).toBe(503));
    expect((await get(harness, '/healthz')).status).toBe(200);
    const held = sendAlert(harness, 1, 'EvWhileOff');
    // Asks again at its slow pace while it is off (link_disabled each time), well within Tier 1's burst.
    await eventually(() => expect(harness.fake.callsTo('apps.connections.open').length).toBeGreaterThanOrEqual(2));
    harness.fake.socketMode.enableLink();
    expect((await held).status).toBe(200);
    await eventually(async () => expect((await get(harness, '/readyz')).status).toBe(200));
    await expectReplies(harness, [1]);
    expect(harness.fake.socketMode.maxOpenAtOnce).toBe(1);
    expect((await get(harness, '/metrics')).text).toMatch(/incident_bot_socket_mode_disconnects_total\{reason="link_disabled"\} [1-9]/);
  });

  it('a connection gone silent is noticed by its missed pings and replaced; an acknowledgement lost on the way means a redelivery, applied once', async () => {
    const harness = await socketBot();
    harness.fake.socketMode.silence();
    await eventually(() => expect(harness.fake.socketMode.connections.filter((c) => !c.silenced && c.closedAt === null)).toHaveLength(1), 8_000);
    expect((await get(harness, '/metrics')).text).toMatch(/incident_bot_socket_mode_disconnects_total\{reason="missed_pings"\} 1/);

    // Slack does not get the ack: it sends the same envelope again after 3 s; the bot acknowledges it and applies it once.
    harness.fake.socketMode.acksLost = true;
    const first = sendAlert(harness, 2, 'EvLostAck');
    await eventually(() => expect(harness.fake.socketMode.lostAcks).toHaveLength(1));
    harness.fake.socketMode.acksLost = false;
    await first;
    await eventually(() => expect(harness.fake.socketMode.deliveries.filter((d) => d.envelopeId === 'envelope-EvLostAck').map((d) => d.retryAttempt)).toEqual([0, 1]), 6_000);
    await expectReplies(harness, [1]);
  });

  it('an app-level token revoked while running: the bot hears it once, naming SLACK_APP_TOKEN, and stops asking', async () => {
    const refusals: string[] = [];
    const harness = await socketBot((error) => refusals.push(error.message));
    harness.fake.socketMode.revokeAppToken();
    await eventually(() => expect(refusals).toEqual([expect.stringMatching(/^setting SLACK_APP_TOKEN: Slack refused the app-level token \(token_revoked\)/)]));
    // The first connection, then the one try that was refused: no loop asking again.
    expect(harness.fake.callsTo('apps.connections.open')).toHaveLength(2);
    expect((await get(harness, '/readyz')).status).toBe(503);
  });
});
