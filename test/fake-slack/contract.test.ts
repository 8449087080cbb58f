import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manifestBotScopes } from './bot-scopes.js';
import { FakeSlack } from './server.js';
import { connectWebClient, slackError } from './web-client.js';

/** The Web API contract the fake enforces by default: the manifest's scopes, membership, paging, the method table. */
let fake: FakeSlack;
let slack: WebClient;

const start = async (scopes?: readonly string[]): Promise<void> => {
  // Rules, not timing: the defaults' latency and limits are tested in realism.test.ts.
  fake = await FakeSlack.start({ botToken: 'xoxb-contract', latency: 'instant', rateLimits: false, ...(scopes ? { scopes } : {}) });
  fake.addUser({ id: 'U0ALICE', name: 'alice' });
  fake.addUser({ id: 'U0BOB', name: 'bob' });
  fake.addChannel({ id: 'C0MINE', name: 'mine' });
  // Public and private channels the bot was never invited to.
  fake.addChannel({ id: 'C0PUBLIC', name: 'public', members: ['U0ALICE'] });
  fake.addChannel({ id: 'G0SECRET', name: 'secret', isPrivate: true, members: ['U0ALICE'] });
  slack = connectWebClient(fake);
};

describe('the bot token', () => {
  beforeEach(() => start());
  afterEach(async () => fake.stop());

  it('holds exactly the bot scopes of manifest.yml', () => {
    expect(fake.scopes).toEqual(manifestBotScopes());
    expect(fake.scopes).toContain('chat:write');
  });

  it('a method the contract table lacks answers unknown_method, and stop() fails until the test takes the violation', async () => {
    expect((await slackError(slack.apiCall('reactions.add', { channel: 'C0MINE', timestamp: '1.1', name: 'eyes' }))).error).toBe('unknown_method');
    const other = await FakeSlack.start({ botToken: 'xoxb-other', latency: 'instant' });
    await slackError(connectWebClient(other).apiCall('chat.delete', { channel: 'C0MINE', ts: '1.1' }));
    await expect(other.stop()).rejects.toThrow(/unknown_method: chat\.delete is not in the Web API contract table/);
    expect(fake.takeViolations()).toEqual([{ method: 'reactions.add', kind: 'unknown_method', detail: 'reactions.add is not in the Web API contract table' }]);
  });

  it('an injected error the method does not document is a violation too', async () => {
    fake.failNextWith('chat.update', 'hash_conflict');
    await slackError(slack.chat.update({ channel: 'C0MINE', ts: '1.1', text: 'x' }));
    expect(fake.takeViolations().map((v) => v.kind)).toEqual(['undocumented_error']);
  });
});

describe('scopes', () => {
  afterEach(async () => {
    // These tests provoke missing_scope on purpose.
    fake.takeViolations();
    await fake.stop();
  });

  it('a call without its scope answers missing_scope with needed and provided', async () => {
    await start(['chat:write', 'channels:history']);
    const refused = await slack.apiCall('users.info', { user: 'U0ALICE' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ data: { ok: false, error: 'missing_scope', needed: 'users:read', provided: 'chat:write,channels:history' } });
    expect(fake.takeViolations()).toEqual([{ method: 'users.info', kind: 'missing_scope', detail: 'users.info needs users:read, which manifest.yml does not grant' }]);
  });

  it('the scope depends on the kind of conversation: DMs need im:history, private channels groups:write', async () => {
    await start(['chat:write', 'channels:history', 'channels:manage', 'im:write']);
    const dm = (await slack.conversations.open({ users: 'U0ALICE' })).channel?.id ?? '';
    expect(await slack.conversations.history({ channel: 'C0MINE' })).toMatchObject({ ok: true });
    expect(await slackError(slack.conversations.history({ channel: dm }))).toMatchObject({ error: 'missing_scope' });
    expect(await slack.conversations.create({ name: 'inc-1' })).toMatchObject({ ok: true });
    expect(await slackError(slack.conversations.create({ name: 'inc-2', is_private: true }))).toMatchObject({ error: 'missing_scope' });
    expect(fake.takeViolations().map((v) => v.detail)).toEqual([
      'conversations.history needs im:history, which manifest.yml does not grant',
      'conversations.create needs groups:write, which manifest.yml does not grant',
    ]);
  });

  it('posting where the bot is not a member needs chat:write.public', async () => {
    await start(['chat:write']);
    expect((await slackError(slack.chat.postMessage({ channel: 'C0PUBLIC', text: 'hi' }))).error).toBe('not_in_channel');
    fake.takeViolations();
    await fake.stop();
    await start(['chat:write', 'chat:write.public']);
    expect(await slack.chat.postMessage({ channel: 'C0PUBLIC', text: 'hi' })).toMatchObject({ ok: true });
    expect(fake.channel('C0PUBLIC')?.members).toEqual(['U0ALICE']);
  });
});

describe('membership', () => {
  beforeEach(() => start());
  afterEach(async () => fake.stop());

  it.each([
    ['conversations.history', { channel: 'C0PUBLIC' }],
    ['conversations.replies', { channel: 'C0PUBLIC', ts: '1.000001' }],
    ['conversations.invite', { channel: 'C0PUBLIC', users: 'U0BOB' }],
    ['conversations.setTopic', { channel: 'C0PUBLIC', topic: 'x' }],
    ['pins.add', { channel: 'C0PUBLIC', timestamp: '1.000001' }],
  ])('%s in a public channel the bot is not in answers not_in_channel', async (method, args) => {
    expect((await slackError(slack.apiCall(method, args))).error).toBe('not_in_channel');
  });

  it.each([
    ['conversations.history', { channel: 'G0SECRET' }],
    ['conversations.members', { channel: 'G0SECRET' }],
    ['chat.postMessage', { channel: 'G0SECRET', text: 'x' }],
    ['conversations.join', { channel: 'G0SECRET' }],
  ])('%s: a private channel the bot is not in does not exist for it', async (method, args) => {
    expect((await slackError(slack.apiCall(method, args))).error).toBe('channel_not_found');
  });

  it('a DM between two people does not exist for the bot', async () => {
    fake.addChannel({ id: 'D0PEOPLE', name: 'D0PEOPLE', isPrivate: true, members: ['U0ALICE', 'U0BOB'] });
    expect((await slackError(slack.conversations.history({ channel: 'D0PEOPLE' }))).error).toBe('channel_not_found');
  });

  it('conversations.join lets the bot into a public channel, once; a private one it is in is not joinable', async () => {
    expect(await slack.conversations.join({ channel: 'C0PUBLIC' })).toMatchObject({ ok: true, channel: { id: 'C0PUBLIC', is_member: true } });
    expect(await slack.conversations.join({ channel: 'C0PUBLIC' })).toMatchObject({ ok: true, warning: 'already_in_channel' });
    expect(fake.channel('C0PUBLIC')?.members).toEqual(['U0ALICE', 'UBOT']);
    expect(await slack.conversations.history({ channel: 'C0PUBLIC' })).toMatchObject({ ok: true });
    fake.addChannel({ id: 'G0OURS', name: 'ours', isPrivate: true });
    expect((await slackError(slack.conversations.join({ channel: 'G0OURS' }))).error).toBe('method_not_supported_for_channel_type');
  });
});

describe('paging', () => {
  beforeEach(() => start());
  afterEach(async () => fake.stop());

  it('conversations.history pages newest first with limit, has_more and next_cursor, within oldest', async () => {
    const sent = Array.from({ length: 5 }, (_, i) => fake.postMessage('C0MINE', { user: 'U0ALICE', text: `m${i}`, ts: `1700000000.00000${i + 1}` }));
    const first = await slack.conversations.history({ channel: 'C0MINE', limit: 2, oldest: sent[0] });
    expect(first.messages?.map((m) => m.text)).toEqual(['m4', 'm3']);
    expect(first.has_more).toBe(true);
    const second = await slack.conversations.history({ channel: 'C0MINE', limit: 2, oldest: sent[0], cursor: first.response_metadata?.next_cursor ?? '' });
    expect(second.messages?.map((m) => m.text)).toEqual(['m2', 'm1']);
    expect(second.has_more).toBe(false);
    expect(second.response_metadata?.next_cursor).toBe('');
  });

  it('conversations.replies pages a thread from its parent on, as Slack orders it', async () => {
    const root = fake.postMessage('C0MINE', { user: 'U0ALICE', text: 'root', ts: '1700000000.000001' });
    for (let i = 2; i <= 4; i += 1) fake.postMessage('C0MINE', { user: 'U0ALICE', text: `r${i}`, threadTs: root, ts: `1700000000.00000${i}` });
    const first = await slack.conversations.replies({ channel: 'C0MINE', ts: root, limit: 2 });
    expect(first.messages?.map((m) => m.text)).toEqual(['root', 'r2']);
    expect(first.has_more).toBe(true);
    const second = await slack.conversations.replies({ channel: 'C0MINE', ts: root, limit: 2, cursor: first.response_metadata?.next_cursor ?? '' });
    expect(second.messages?.map((m) => m.text)).toEqual(['r3', 'r4']);
    expect(second.has_more).toBe(false);
  });
});
