import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { CHANNELS, command, declare, startHarness, USERS, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.stop());

describe('never lose or double-apply', () => {
  it('applies a re-delivered event (same event_id) once, and a second pin of the same message once', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Queue backlog');
    const ts = h.fake.postMessage(channelId, { user: USERS.bob, text: 'consumer lag is 40k and rising' });
    const pin = { type: 'pin_added', user: USERS.bob, channel_id: channelId, item: { type: 'message', channel: channelId, message: { ts, text: 'consumer lag is 40k and rising', user: USERS.bob } }, event_ts: ts };
    const first = await h.slack.event(pin, { eventId: 'Ev0PIN1' });
    await h.slack.event(pin, { eventId: 'Ev0PIN1', retryNum: 1, retryReason: 'http_timeout' });
    await h.slack.event({ type: 'reaction_added', user: USERS.alice, reaction: 'pushpin', item: { type: 'message', channel: channelId, ts }, event_ts: ts }, { eventId: 'Ev0REACT1' });
    expect(first.status).toBe(200);
    const pinned = await eventually(async () => {
      const events = (await h.bot.store.timeline(1)).filter((e) => e.kind === 'pinned_message');
      expect(events).toHaveLength(1);
      return events[0];
    });
    expect(pinned).toMatchObject({ text: 'consumer lag is 40k and rising', actorId: USERS.bob, message: { channelId, ts } });
    expect(pinned?.occurredAt.getTime()).toBe(Math.round(Number(ts) * 1000));

    await h.slack.event({ type: 'message', subtype: 'message_changed', channel: channelId, message: { ts, text: 'consumer lag is 55k', user: USERS.bob }, event_ts: '1' }, { eventId: 'Ev0EDIT' });
    await eventually(async () => expect((await h.bot.store.timeline(1)).find((e) => e.kind === 'pinned_message')?.text).toBe('consumer lag is 55k'));
    await h.slack.event({ type: 'message', subtype: 'message_deleted', channel: channelId, deleted_ts: ts, event_ts: '2' }, { eventId: 'Ev0DELETE' });
    await eventually(async () => expect((await h.bot.store.timeline(1)).some((e) => e.kind === 'pinned_message')).toBe(false));
  });

  it('reads a 📌 reaction again until its timeline entry lands when Slack answers 500 while the bot reads the message', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Disk full');
    const ts = h.fake.postMessage(channelId, { user: USERS.bob, text: 'freed 20 GB by rotating logs' });
    // The listener reads the reacted message (conversations.history): Slack fails it twice, so the listener throws twice.
    h.fake.failNext('conversations.history', 2, 500);
    await h.slack.event({ type: 'reaction_added', user: USERS.alice, reaction: 'pushpin', item: { type: 'message', channel: channelId, ts }, event_ts: ts }, { eventId: 'Ev0REACT500' });
    const pinned = await eventually(async () => {
      const found = (await h.bot.store.timeline(1)).find((e) => e.kind === 'pinned_message');
      if (!found) throw new Error('no timeline entry yet');
      return found;
    }, 15_000);
    expect(pinned).toMatchObject({ text: 'freed 20 GB by rotating logs', actorId: USERS.bob, message: { channelId, ts } });
    expect(h.fake.callsTo('conversations.history').map((c) => c.answer)).toEqual(['http_500', 'http_500', 'ok']);
    const metrics = await (await fetch(`http://127.0.0.1:${h.bot.port}/metrics`)).text();
    expect(metrics).toContain('incident_bot_inbox_retries_total{kind="reaction_added"} 2');
    expect(metrics).toContain('incident_bot_inbox_dead_letters_total 0');
  });

  it('buries an event whose listener keeps failing after its attempts, and the channel’s next events go on', async () => {
    h = await startHarness({}, undefined, { drain: { retryBaseMs: 50 } });
    const { channelId } = await declare(h, 'Cache stampede');
    const stuck = h.fake.postMessage(channelId, { user: USERS.bob, text: 'never readable' });
    // Slack fails every read of it (the drain reads a failed batch again one event at a time, so tries vary).
    h.fake.failNext('conversations.history', 1_000, 500);
    await h.slack.event({ type: 'reaction_added', user: USERS.alice, reaction: 'pushpin', item: { type: 'message', channel: channelId, ts: stuck }, event_ts: stuck }, { eventId: 'Ev0STUCK' });
    const next = h.fake.postMessage(channelId, { user: USERS.bob, text: 'queue drained' });
    const pin = { type: 'pin_added', user: USERS.bob, channel_id: channelId, item: { type: 'message', channel: channelId, message: { ts: next, text: 'queue drained', user: USERS.bob } }, event_ts: next };
    await h.slack.event(pin, { eventId: 'Ev0NEXT' });
    await eventually(async () => expect((await h.bot.store.timeline(1)).filter((e) => e.kind === 'pinned_message').map((e) => e.text)).toEqual(['queue drained']), 15_000);
    expect(h.fake.callsTo('conversations.history').length).toBeGreaterThanOrEqual(5);
    expect(await h.bot.store.inboxStats(new Date())).toMatchObject({ dead: 1, queued: 0 });
    const metrics = await (await fetch(`http://127.0.0.1:${h.bot.port}/metrics`)).text();
    expect(metrics).toContain('incident_bot_inbox_retries_total{kind="reaction_added"} 4');
    expect(metrics).toContain('incident_bot_inbox_dead_letters_total 1');
  });

  it('does not record the bot pinning its own summary card', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Card pin');
    const card = h.fake.channel(channelId)?.messages[0];
    await h.slack.event({ type: 'pin_added', user: 'U0BOT', channel_id: channelId, item: { type: 'message', message: { ts: card?.ts, text: 'card' } } }, { eventId: 'Ev0SELF' });
    await h.bot.settled();
    expect((await h.bot.store.timeline(1)).map((e) => e.kind)).toEqual(['declared']);
  });

  it('keeps the record and retries when Slack answers 429 and 500', async () => {
    h = await startHarness();
    h.fake.rateLimit('conversations.create', 1, 1);
    h.fake.failNext('chat.postMessage', 3, 500);
    const started = Date.now();
    const { channelId } = await declare(h, 'Flaky Slack', { impact: 'Slack itself is flaky' });
    // The 429 asked for 1 s: the channel cannot exist sooner.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    // chat.postMessage answered 500 three times (the card's and the announcement's posts, retried by the outbox
    // with backoff): the card and the announcement still land, once each.
    await eventually(async () => {
      expect(h.fake.channel(channelId)?.messages).toHaveLength(1);
      expect(h.fake.channel(channelId)?.pins).toHaveLength(1);
      expect(h.fake.channel(CHANNELS.announce)?.messages).toHaveLength(1);
      expect(await h.bot.store.liveEffects(10)).toHaveLength(0);
    }, 15_000);
    const posts = h.fake.callsTo('chat.postMessage').map((c) => c.answer);
    expect(posts.filter((a) => a === 'http_500')).toHaveLength(3);
    expect(posts.filter((a) => a === 'ok')).toHaveLength(2);
  });

  it('after a restart the incident and its card are intact and still edited in place', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Restart me', { severity: 'sev3', impact: 'none yet' });
    const cardTs = h.fake.channel(channelId)?.messages[0]?.ts;
    await h.restart();
    expect(await h.bot.store.getIncident(1)).toMatchObject({ title: 'Restart me', severity: 'sev3', channelId });
    expect(await command(h, 'severity 1', USERS.alice, channelId)).toContain('SEV1');
    const channel = h.fake.channel(channelId);
    expect(channel?.messages).toHaveLength(1);
    expect(channel?.messages[0]?.ts).toBe(cardTs);
    expect(JSON.stringify(channel?.messages[0]?.blocks)).toContain('SEV1');
    expect(h.fake.channels().filter((c) => c.name.startsWith('inc-'))).toHaveLength(1);
  });
});
