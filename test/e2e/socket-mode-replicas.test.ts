import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/bot.js';
import { defaultConfig } from '../../src/config.js';
import { eventually } from '../support/eventually.js';
import { numberedAlert, triageReplies } from '../support/numbered-alerts.js';
import { freshPostgresDatabase } from '../support/postgres.js';
import { startHarness, type Harness } from './harness.js';

/**
 * Two replicas in Socket Mode on one PostgreSQL: each holds its own connection, Slack gives each envelope to one of
 * them (and a redelivery to whichever it picks then), and the shared record keeps every effect once.
 */
const ALERTS = 'C0ALERTS';
const ENVELOPES = 100;
const GROUPS = 4;

let h: Harness | undefined;
let second: RunningBot | undefined;
afterEach(async () => {
  await second?.stop();
  await h?.stop();
  second = undefined;
  h = undefined;
});

describe('two replicas in Socket Mode', () => {
  it(`${ENVELOPES} envelopes across two connected replicas give ${ENVELOPES} effects, none twice, redeliveries included`, async () => {
    const database = { kind: 'postgres' as const, url: await freshPostgresDatabase('socket_replicas') };
    const harness = (h = await startHarness({ alertChannels: [ALERTS], triage: { ...defaultConfig().triage, replyEvery: 300 } }, database, {}, {}, 'socket'));
    harness.fake.addChannel({ id: ALERTS, name: 'alerts', members: [harness.fake.botUserId] });
    second = await startBot(harness.settings, { logger: pino({ level: 'silent' }) });
    const links = harness.fake.socketMode;
    expect(links.open).toHaveLength(2);

    // The first 20 acknowledgements are lost on the way: Slack sends those envelopes again, to either replica.
    links.acksLost = true;
    const sent = Array.from({ length: ENVELOPES }, (_, i) => ({ event: numberedAlert(harness.fake, ALERTS, i % GROUPS), eventId: `EvReplica${i}` }));
    const outcomes = sent.slice(0, 20).map((s) => harness.slack.event(s.event, { eventId: s.eventId }));
    await eventually(() => expect(links.lostAcks).toHaveLength(20));
    links.acksLost = false;
    let next = 20;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let s = sent[next++]; s; s = sent[next++]) expect((await harness.slack.event(s.event, { eventId: s.eventId })).status).toBe(200);
      }),
    );
    await Promise.all(outcomes);
    await eventually(() => expect(new Set(links.deliveries.filter((d) => d.retryAttempt > 0).map((d) => d.envelopeId)).size).toBe(20), 8_000);

    await eventually(() => {
      const replies = triageReplies(harness.fake, ALERTS);
      expect(replies).toHaveLength(GROUPS);
      for (const reply of replies) expect(reply.text).toContain(`${ENVELOPES / GROUPS} alert messages`);
    }, 20_000);
    await Promise.all([harness.bot.settled(), second.settled()]);
    expect(triageReplies(harness.fake, ALERTS)).toHaveLength(GROUPS);
    // Both replicas took envelopes: Slack spreads them over the open connections.
    expect(links.connections.map((c) => c.acked).every((n) => n > 10)).toBe(true);
    expect(links.strayAcks).toEqual([]);
  }, 60_000);
});
