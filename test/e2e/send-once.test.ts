import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import type { Severity } from '../../src/domain/severity.js';
import type { FakeSlack, FaultTarget, MessageRecord } from '../fake-slack/server.js';
import { eventually } from '../support/eventually.js';
import { rotationDueIn } from '../support/rotation-due.js';
import { CHANNELS, command, declare, startHarness, USERS, type Harness } from './harness.js';

/**
 * Exactly once against Slack's own rules: the bot holds manifest.yml's scopes only, is not a member of the announce
 * channel (the README's setup), and the first post to each target fails in one of the ways Slack fails. Each
 * announcement and DM appears once; no lookup is refused (the fake's stop() fails the test on a missing scope).
 */
let h: Harness;
afterEach(async () => h?.stop());

type Fault = '500' | '429' | 'lost answer';
const FAULTS: readonly Fault[] = ['500', '429', 'lost answer'];

/** The first chat.postMessage to `where` fails as `fault` says. */
function failFirstPost(fake: FakeSlack, fault: Fault, where: FaultTarget): void {
  if (fault === '500') fake.failNext('chat.postMessage', 1, 500, where);
  else if (fault === '429') fake.rateLimit('chat.postMessage', 1, 1, where);
  else fake.loseAnswerNext('chat.postMessage', 1, where);
}

const metadataOf = (m: MessageRecord): string => JSON.stringify(m.metadata?.event_payload ?? null);
const botPosts = (channel: string): MessageRecord[] => (h.fake.channel(channel)?.messages ?? []).filter((m) => m.user === h.fake.botUserId);

/** Settled, and nothing left waiting or buried: every effect landed. */
async function allDelivered(): Promise<void> {
  await h.bot.settled();
  const stats = await h.bot.store.outboxStats(new Date());
  expect(stats).toMatchObject({ queued: 0, running: 0, dead: 0 });
}

/** The fault hit the first post to that conversation (the test is not passing by luck). */
function faultHit(fault: Fault, channel: string): void {
  const posts = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  expect(posts[0]?.answer).toBe({ '500': 'http_500', '429': 'ratelimited', 'lost answer': 'answer_lost:ok' }[fault]);
  // Posted again after a 500 or a 429; found, not posted again, after a lost answer.
  expect(posts.filter((c) => c.answer === 'ok')).toHaveLength(fault === 'lost answer' ? 0 : 1);
}

/** Waits until every effect landed and `check` holds. */
const deliveredAnd = (check: () => void, timeoutMs = 15_000): Promise<void> =>
  eventually(async () => {
    await allDelivered();
    check();
  }, timeoutMs);

/** Every lookup the bot made was answered: none refused for membership or scope. */
function lookupsAnswered(): void {
  const lookups = [...h.fake.callsTo('conversations.history'), ...h.fake.callsTo('conversations.replies')];
  expect(lookups.filter((c) => c.answer !== 'ok').map((c) => `${c.method}: ${c.answer}`)).toEqual([]);
}

describe('the announcement, in an announce channel the bot was never invited to', () => {
  it.each(FAULTS)('a %s on the first post gives exactly one announcement', async (fault) => {
    h = await startHarness();
    failFirstPost(h.fake, fault, { channel: CHANNELS.announce });
    await declare(h, 'Checkout down', { severity: 'sev1', impact: 'Nobody can pay' });
    await deliveredAnd(() => expect(botPosts(CHANNELS.announce)).toHaveLength(1));
    expect(botPosts(CHANNELS.announce)[0]?.text).toContain('INC-1');
    // It joined the channel before posting there, so it could look for a post whose answer was lost.
    expect(h.fake.channel(CHANNELS.announce)?.members).toContain(h.fake.botUserId);
    faultHit(fault, CHANNELS.announce);
    if (fault === 'lost answer') expect(h.fake.callsTo('conversations.history').filter((c) => c.args.channel === CHANNELS.announce).length).toBeGreaterThan(0);
    lookupsAnswered();
  }, 40_000);

  it('a lost answer followed by 150 other messages in that channel still gives one post', async () => {
    h = await startHarness();
    const chatter = (): void => {
      for (let i = 0; i < 150; i += 1) h.fake.postMessage(CHANNELS.announce, { user: USERS.bob, text: `chatter ${i}` });
    };
    h.fake.loseAnswerNext('chat.postMessage', 1, { channel: CHANNELS.announce, afterDone: chatter });
    await declare(h, 'Checkout down', { severity: 'sev1', impact: 'Nobody can pay' });
    await deliveredAnd(() => expect(botPosts(CHANNELS.announce)).toHaveLength(1));
    expect(h.fake.messages(CHANNELS.announce)).toHaveLength(151);
    // The post was on the second page of the channel's history since the send started: the lookup read on.
    const pages = h.fake.callsTo('conversations.history').filter((c) => c.args.channel === CHANNELS.announce);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.some((c) => typeof c.args.cursor === 'string' && c.args.cursor !== '')).toBe(true);
    lookupsAnswered();
  }, 40_000);
});

describe('a lookup Slack refuses', () => {
  it('is never a dead letter: removed from the announce channel after a lost answer, the bot backs off, joins again and finds its post', async () => {
    h = await startHarness();
    const removeBot = (): void => h.fake.leaveChannel(CHANNELS.announce, h.fake.botUserId);
    h.fake.loseAnswerNext('chat.postMessage', 1, { channel: CHANNELS.announce, afterDone: removeBot });
    await declare(h, 'Checkout down', { severity: 'sev1', impact: 'Nobody can pay' });
    await deliveredAnd(() => expect(botPosts(CHANNELS.announce)).toHaveLength(1));
    const lookups = h.fake.callsTo('conversations.history').filter((c) => c.args.channel === CHANNELS.announce);
    expect(lookups.map((c) => c.answer)).toEqual(['not_in_channel', 'ok']);
    expect(h.fake.callsTo('conversations.join').filter((c) => c.args.channel === CHANNELS.announce)).toHaveLength(2);
    // Counted where an operator looks: the metric of sends that could not be checked.
    const metrics = await fetch(`http://127.0.0.1:${h.bot.port}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/incident_bot_slack_effects_retried_total\{kind="sync_announcement",reason="unverified"\} 1/);
  }, 40_000);
});

describe('DMs, which the bot reads back with im:history', () => {
  it.each(FAULTS)('a %s on the lead briefing DM gives exactly one briefing', async (fault) => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Payments flaky', { severity: 'sev2', impact: 'Some card payments fail' });
    failFirstPost(h.fake, fault, { channel: USERS.bob });
    expect(await command(h, `lead <@${USERS.bob}|bob>`, USERS.alice, channelId)).toContain('you stay commander until they acknowledge');
    await deliveredAnd(() => expect(h.fake.dmsTo(USERS.bob).filter((m) => m.text.includes('asked you to lead INC-1'))).toHaveLength(1));
    expect(h.fake.dmsTo(USERS.bob)).toHaveLength(1);
    faultHit(fault, h.fake.dmChannelOf(USERS.bob) ?? '');
    lookupsAnswered();
  }, 40_000);

  const nudgeFast: Severity[] = [{ id: 'sev1', label: 'SEV1', description: 'Critical', announce: true, updateReminderMs: 1_500 }, ...defaultConfig().severities.slice(1)];

  it.each(FAULTS)('a %s on a prompt DM (prompts.nudgeVia: dm) gives that prompt once', async (fault) => {
    h = await startHarness({ severities: nudgeFast, prompts: { ...defaultConfig().prompts, nudgeVia: 'dm' } });
    failFirstPost(h.fake, fault, { channel: USERS.alice });
    await declare(h, 'Slow search', { severity: 'sev1', impact: 'Search takes 10 s' });
    const nudges = () => h.fake.dmsTo(USERS.alice).filter((m) => m.text.includes('No status update for'));
    await eventually(() => expect(nudges().length).toBeGreaterThan(0), 10_000);
    await allDelivered();
    const prompts = nudges().map(metadataOf);
    // Each prompt is posted once: no two DMs carry the same prompt.
    expect(new Set(prompts).size).toBe(prompts.length);
    const dm = h.fake.dmChannelOf(USERS.alice) ?? '';
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === dm)[0]?.answer).toBe({ '500': 'http_500', '429': 'ratelimited', 'lost answer': 'answer_lost:ok' }[fault]);
    lookupsAnswered();
  }, 40_000);

  it.each(FAULTS)('a %s on the shift-handoff reminder DM gives one reminder, and one handoff post in a rotation channel the bot joins', async (fault) => {
    const rotationChannel = 'C0ONCALL';
    const { config } = rotationDueIn(6_000, 3_000, 60_000, rotationChannel, [USERS.alice, USERS.bob]);
    h = await startHarness(config);
    h.fake.addChannel({ id: rotationChannel, name: 'oncall', members: [USERS.alice, USERS.bob] });
    failFirstPost(h.fake, fault, { channel: USERS.alice });
    const reminders = () => h.fake.dmsTo(USERS.alice).filter((m) => m.text.includes('on-call shift ends'));
    const handoffPosts = () => botPosts(rotationChannel).filter((m) => m.text.includes('on-call handoff'));
    await deliveredAnd(() => {
      expect(reminders()).toHaveLength(1);
      expect(handoffPosts()).toHaveLength(1);
    }, 20_000);
    await h.bot.ticked(2);
    await allDelivered();
    expect(reminders()).toHaveLength(1);
    expect(handoffPosts()).toHaveLength(1);
    faultHit(fault, h.fake.dmChannelOf(USERS.alice) ?? '');
    lookupsAnswered();
  }, 40_000);
});
