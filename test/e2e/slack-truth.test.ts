import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { CHANNELS, declare, startHarness, USERS, type Harness } from './harness.js';

/**
 * Slack stays true to the record under real Slack: 50–250 ms a call, its rate limits, 429s, 5xx, resets and
 * answers lost after the work was done (the fake's defaults plus injected faults).
 */
let h: Harness;
afterEach(async () => h?.stop());

const card = (channelId: string) => {
  const found = h.fake.channel(channelId)?.messages[0];
  if (!found) throw new Error('no card');
  return found;
};
const cardText = (channelId: string): string => JSON.stringify(card(channelId).blocks);
const threadTexts = (channelId: string, ts: string): string[] => h.fake.replies(channelId, ts).map((m) => m.text);

/** Sends `/incident …` and returns once Slack's HTTP request is acknowledged (not waiting for the outbox). */
async function send(text: string, channel: string, user: string = USERS.alice): Promise<void> {
  const response = await h.slack.command(text, { user, channel });
  expect(response.status).toBe(200);
}

describe('the card, topic, threads and announcement follow every change', () => {
  it('eight back-to-back updates end with the card showing the last, each broadcast once in both threads', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Checkout 502s', { impact: 'Card payments fail' });
    for (let i = 1; i <= 8; i += 1) await send(`update step ${i} of 8`, channelId);
    await eventually(() => expect(cardText(channelId)).toContain('step 8 of 8'), 15_000);
    const announcement = h.fake.channel(CHANNELS.announce)?.messages[0];
    await eventually(() => {
      const inCard = threadTexts(channelId, card(channelId).ts).filter((t) => t.includes('of 8'));
      const inAnnouncement = threadTexts(CHANNELS.announce, announcement?.ts ?? '').filter((t) => t.includes('of 8'));
      expect(inCard).toHaveLength(8);
      expect(inAnnouncement).toHaveLength(8);
      // In the order they were sent.
      expect(inCard.map((t) => /step (\d)/.exec(t)?.[1])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    }, 20_000);
    expect(h.fake.channel(channelId)?.messages).toHaveLength(1);
  }, 60_000);

  it('a change sent while the card is being edited reaches the card within 2 s', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Search is slow', { impact: 'Results take 10 s' });
    // Hold the card's next edit in flight (Slack is slow to answer), and change the incident meanwhile.
    h.fake.hang('chat.update');
    await send('update first: rolled back', channelId);
    await eventually(() => expect(h.fake.hungCalls('chat.update')).toBeGreaterThan(0));
    await send('update second: error rate falling', channelId);
    const sent = Date.now();
    h.fake.unhang('chat.update');
    await eventually(() => expect(cardText(channelId)).toContain('second: error rate falling'), 5_000);
    expect(Date.now() - sent).toBeLessThan(2_000);
  }, 30_000);

  it('keeps the card, topic and thread following every change while the announce channel is archived', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Queue backlog', { impact: 'Emails are late' });
    const announcement = h.fake.channel(CHANNELS.announce)?.messages[0];
    h.fake.setArchived(CHANNELS.announce, true);
    await send('severity sev1', channelId);
    await send('update draining the queue', channelId);
    await send('mitigated', channelId);
    await eventually(() => {
      expect(h.fake.channel(channelId)?.topic).toContain('SEV1');
      expect(h.fake.channel(channelId)?.topic).toContain('Mitigated');
      expect(cardText(channelId)).toContain('draining the queue');
      expect(threadTexts(channelId, card(channelId).ts).join('\n')).toContain('draining the queue');
    }, 10_000);
    // The announcement's writes are dead letters: logged, counted, and not retried forever.
    await eventually(async () => {
      const metrics = await (await fetch(`http://127.0.0.1:${h.bot.port}/metrics`)).text();
      expect(metrics).toMatch(/incident_bot_outbox_dead_letters_total\{kind="post_update_to_announcement"\} 1/);
      expect(metrics).toMatch(/incident_bot_outbox_dead_letters_total\{kind="sync_announcement"\} [1-9]/);
    }, 10_000);

    // The channel comes back: the next change edits the one announcement, and the lost update is not posted twice.
    h.fake.setArchived(CHANNELS.announce, false);
    await send('update queue drained', channelId);
    await eventually(() => {
      expect(JSON.stringify(h.fake.message(CHANNELS.announce, announcement?.ts ?? '')?.blocks)).toContain('Mitigated');
      expect(threadTexts(CHANNELS.announce, announcement?.ts ?? '').filter((t) => t.includes('queue drained'))).toHaveLength(1);
    }, 10_000);
    expect(h.fake.channel(CHANNELS.announce)?.messages).toHaveLength(1);
    expect(threadTexts(CHANNELS.announce, announcement?.ts ?? '').filter((t) => t.includes('draining the queue'))).toHaveLength(0);
  }, 40_000);
});

describe('exactly once when Slack does the work but the answer is lost', () => {
  const steps = [
    ['conversations.create', 'creating the channel'],
    ['conversations.invite', 'inviting the declarer'],
    ['conversations.setTopic', 'setting the topic'],
    ['chat.postMessage', 'posting the card or the announcement'],
    ['pins.add', 'pinning the card'],
  ] as const;

  it.each(steps)('a lost answer from %s (%s) leaves one channel, one card and one announcement', async (method) => {
    h = await startHarness();
    h.fake.loseAnswerNext(method, 2);
    const { channelId } = await declare(h, 'Lost answers', { impact: 'Nobody can log in' });
    await eventually(async () => {
      await h.bot.settled();
      expect(h.fake.callsTo(method).filter((c) => c.answer?.startsWith('answer_lost'))).toHaveLength(2);
      expect(h.fake.channels().filter((c) => c.name.startsWith('inc-1'))).toHaveLength(1);
      expect(h.fake.channel(channelId)?.messages).toHaveLength(1);
      expect(h.fake.channel(channelId)?.pins).toEqual([card(channelId).ts]);
      expect(h.fake.channel(channelId)?.topic).toContain('SEV2');
      expect(h.fake.channel(channelId)?.members).toContain(USERS.alice);
      expect(h.fake.channel(CHANNELS.announce)?.messages).toHaveLength(1);
    }, 20_000);
  }, 40_000);

  it('a lost answer on a status update, a note and a triage reply posts each once', async () => {
    h = await startHarness({ alertChannels: ['C0ALERTS'] });
    h.fake.addChannel({ id: 'C0ALERTS', name: 'alerts' });
    const { channelId } = await declare(h, 'Lost replies', { impact: 'Slow pages' });
    h.fake.loseAnswerNext('chat.postMessage', 3);
    await send('update restarted the workers', channelId);
    await send('note cache hit rate is 12%', channelId);
    const ts = h.fake.postMessage('C0ALERTS', { user: USERS.bob, text: 'checkout is throwing 502s!!' });
    await h.slack.event({ type: 'message', channel: 'C0ALERTS', user: USERS.bob, text: 'checkout is throwing 502s!!', ts, event_ts: ts }, { eventId: 'Ev0LOST1' });
    await eventually(() => {
      const thread = threadTexts(channelId, card(channelId).ts);
      expect(thread.filter((t) => t.includes('restarted the workers'))).toHaveLength(1);
      expect(thread.filter((t) => t.includes('cache hit rate'))).toHaveLength(1);
      expect(threadTexts(CHANNELS.announce, h.fake.channel(CHANNELS.announce)?.messages[0]?.ts ?? '').filter((t) => t.includes('restarted the workers'))).toHaveLength(1);
      expect(h.fake.replies('C0ALERTS', ts)).toHaveLength(1);
    }, 20_000);
  }, 40_000);
});

describe('triage replies end with the group as it is', () => {
  it('shows the true count and state after a burst and its resolution, under Slack’s limits', async () => {
    h = await startHarness({ alertChannels: ['C0ALERTS'], triage: { ...(await import('../../src/config.js')).defaultConfig().triage, replyEvery: 500 } });
    h.fake.addChannel({ id: 'C0ALERTS', name: 'alerts' });
    const alert = (status: 'FIRING' | 'RESOLVED', i: number) => {
      const title = `[${status}:1] HighLatency checkout`;
      const attachments = [{ color: status === 'FIRING' ? 'danger' : 'good', title, text: '*Alert:* latency - `critical`\n*Details:*\n  • *alertname:* `HighLatency`\n  • *service:* `checkout`', fallback: title }];
      const ts = h.fake.postMessage('C0ALERTS', { botId: 'B0AM', text: '', attachments });
      return h.slack.event({ type: 'message', subtype: 'bot_message', channel: 'C0ALERTS', bot_id: 'B0AM', username: 'alertmanager', text: '', attachments, ts, event_ts: ts }, { eventId: `Ev0TRI${status}${i}` });
    };
    for (let i = 0; i < 6; i += 1) await alert('FIRING', i);
    await alert('RESOLVED', 0);
    const [first] = h.fake.messages('C0ALERTS');
    await eventually(() => {
      const replies = h.fake.replies('C0ALERTS', first?.ts ?? '');
      expect(replies).toHaveLength(1);
      const shown = JSON.stringify(replies[0]?.blocks);
      expect(shown).toContain('7 alert messages');
      expect(shown).toContain('Resolved');
    }, 20_000);
  }, 40_000);
});
