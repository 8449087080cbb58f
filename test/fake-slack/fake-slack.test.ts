import { WebAPIHTTPError, WebAPIRateLimitedError, type WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from './server.js';
import { connectWebClient, slackError } from './web-client.js';

const TOKEN = 'xoxb-test-token';
let now = 1_700_000_000_000;
let fake: FakeSlack;
let slack: WebClient;

beforeEach(async () => {
  now = 1_700_000_000_000;
  // These tests check the fake's rules, not its timing (tested below with the defaults every e2e test runs with).
  fake = await FakeSlack.start({ botToken: TOKEN, now: () => now, latency: 'instant', rateLimits: false });
  fake.addUser({ id: 'U0ALICE', name: 'alice', tz: 'Asia/Seoul' });
  fake.addUser({ id: 'U0BOB', name: 'bob' });
  fake.addChannel({ id: 'C0GENERAL', name: 'general', members: ['UBOT', 'U0ALICE'] });
  slack = connectWebClient(fake);
});
afterEach(async () => fake.stop());

const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${fake.url}${path}`, { method: 'POST', body, headers }).then(async (r) => ({ status: r.status, body: await r.text() }));

describe('auth and request bodies', () => {
  it('answers auth.test with the bot identity', async () => {
    expect(await slack.auth.test()).toMatchObject({ ok: true, user_id: 'UBOT', team_id: 'T0TEAM', bot_id: 'B0BOT', user: 'incident-bot' });
  });

  it('refuses a wrong token and a missing one', async () => {
    expect((await slackError(connectWebClient(fake, {}, 'xoxb-wrong').auth.test())).error).toBe('invalid_auth');
    const missing = await post('/api/auth.test', '', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(JSON.parse(missing.body)).toEqual({ ok: false, error: 'not_authed' });
  });

  it('accepts a token form field and JSON bodies with a charset, refuses other content types', async () => {
    const form = await post('/api/auth.test', `token=${TOKEN}`, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(JSON.parse(form.body)).toMatchObject({ ok: true });
    const json = await post('/api/users.info', JSON.stringify({ user: 'U0ALICE' }), {
      'content-type': 'application/json; charset=utf-8',
      authorization: `Bearer ${TOKEN}`,
    });
    expect(JSON.parse(json.body)).toMatchObject({ ok: true, user: { id: 'U0ALICE', tz: 'Asia/Seoul', profile: { display_name: 'alice' } } });
    const text = await post('/api/auth.test', 'hello', { 'content-type': 'text/plain', authorization: `Bearer ${TOKEN}` });
    expect(JSON.parse(text.body)).toEqual({ ok: false, error: 'invalid_form_data' });
    expect((await slackError(slack.users.info({ user: 'U0NOBODY' }))).error).toBe('user_not_found');
    expect(fake.callsTo('users.info').map((c) => c.args.user)).toEqual(['U0ALICE', 'U0NOBODY']);
  });
});

describe('conversations.create', () => {
  it.each([
    ['inc-1-payments-down', undefined],
    ['a'.repeat(80), undefined],
    ['a'.repeat(81), 'invalid_name_maxlength'],
    ['Inc-1', 'invalid_name_specials'],
    ['inc 1', 'invalid_name_specials'],
    ['inc.1', 'invalid_name_specials'],
    ['inc!', 'invalid_name_specials'],
    ['', 'invalid_name_required'],
    ['---', 'invalid_name_punctuation'],
    ['inc-2-결제-실패', undefined],
  ])('%j → %s', async (name, error) => {
    const call = slack.conversations.create({ name });
    if (error === undefined) expect(await call).toMatchObject({ ok: true, channel: { name, is_channel: true, creator: 'UBOT' } });
    else expect((await slackError(call)).error).toBe(error);
  });

  it('answers name_taken, makes uppercase-alnum ids, and the bot is a member', async () => {
    const created = await slack.conversations.create({ name: 'inc-1', is_private: true });
    expect(created.channel?.id).toMatch(/^[CG][0-9A-Z]{7}$/);
    expect((await slackError(slack.conversations.create({ name: 'inc-1' }))).error).toBe('name_taken');
    expect(fake.channel('inc-1')).toMatchObject({ isPrivate: true, members: ['UBOT'], topic: '' });
  });

  it('refuses non-Latin letters when allowNonLatinChannelNames is false', async () => {
    fake.allowNonLatinChannelNames = false;
    expect((await slackError(slack.conversations.create({ name: 'inc-2-결제' }))).error).toBe('invalid_name_specials');
    expect(await slack.conversations.create({ name: 'inc-2' })).toMatchObject({ ok: true });
  });
});

describe('conversations.invite, setTopic, pins', () => {
  it('takes users as a comma-separated string only', async () => {
    const { channel } = await slack.conversations.create({ name: 'inc-1' });
    const id = channel?.id ?? '';
    expect((await slackError(slack.apiCall('conversations.invite', { channel: id, users: ['U0ALICE'] }))).error).toBe('user_not_found');
    await slack.conversations.invite({ channel: id, users: 'U0ALICE,U0BOB' });
    expect(fake.channel(id)?.members).toEqual(['UBOT', 'U0ALICE', 'U0BOB']);
    expect((await slackError(slack.conversations.invite({ channel: id, users: 'U0ALICE' }))).error).toBe('already_in_channel');
    expect((await slackError(slack.conversations.invite({ channel: id, users: 'UBOT' }))).error).toBe('cant_invite_self');
    expect((await slackError(slack.conversations.invite({ channel: id, users: 'U0NOBODY' }))).error).toBe('user_not_found');
    expect((await slackError(slack.conversations.invite({ channel: 'C0MISSING', users: 'U0BOB' }))).error).toBe('channel_not_found');
    fake.addChannel({ id: 'C0OTHER', name: 'other', members: ['U0ALICE'] });
    expect((await slackError(slack.conversations.invite({ channel: 'C0OTHER', users: 'U0BOB' }))).error).toBe('not_in_channel');
  });

  it('keeps topic history and refuses topics over 250 characters', async () => {
    await slack.conversations.setTopic({ channel: 'C0GENERAL', topic: 'SEV2 · investigating' });
    await slack.conversations.setTopic({ channel: 'C0GENERAL', topic: 'SEV1 · investigating' });
    expect((await slackError(slack.conversations.setTopic({ channel: 'C0GENERAL', topic: 'x'.repeat(251) }))).error).toBe('too_long');
    expect(fake.channel('C0GENERAL')?.topic).toBe('SEV1 · investigating');
    expect(fake.channel('C0GENERAL')?.topicHistory.map((t) => t.topic)).toEqual(['SEV2 · investigating', 'SEV1 · investigating']);
  });

  it('pins by `timestamp`, not `ts`', async () => {
    const { ts = '' } = await slack.chat.postMessage({ channel: 'C0GENERAL', text: 'card' });
    expect((await slackError(slack.apiCall('pins.add', { channel: 'C0GENERAL', ts }))).error).toBe('no_item_specified');
    await slack.pins.add({ channel: 'C0GENERAL', timestamp: ts });
    expect((await slackError(slack.pins.add({ channel: 'C0GENERAL', timestamp: ts }))).error).toBe('already_pinned');
    expect((await slackError(slack.pins.add({ channel: 'C0GENERAL', timestamp: '1.000001' }))).error).toBe('message_not_found');
    expect(fake.channel('C0GENERAL')?.pins).toEqual([ts]);
    expect(fake.message('C0GENERAL', ts)?.pinned).toBe(true);
  });
});

describe('messages', () => {
  it('gives strictly increasing ts even when the clock stands still, and edits in place', async () => {
    const a = await slack.chat.postMessage({ channel: 'C0GENERAL', text: 'one' });
    const b = await slack.chat.postMessage({ channel: 'C0GENERAL', text: 'two', thread_ts: a.ts });
    expect(a.ts).toBe('1700000000.000100');
    expect(b.ts).toBe('1700000000.000200');
    await slack.chat.update({ channel: 'C0GENERAL', ts: a.ts ?? '', text: 'one (edited)' });
    expect(fake.messages('C0GENERAL').map((m) => m.text)).toEqual(['one (edited)']);
    expect(fake.message('C0GENERAL', a.ts ?? '')?.edits.map((e) => e.text)).toEqual(['one']);
    expect(fake.replies('C0GENERAL', a.ts ?? '').map((m) => m.text)).toEqual(['two']);
    expect((await slackError(slack.chat.update({ channel: 'C0GENERAL', ts: '1.000001', text: 'x' }))).error).toBe('message_not_found');
    expect((await slackError(slack.chat.postMessage({ channel: 'C0GENERAL', text: '' }))).error).toBe('no_text');
    const human = fake.postMessage('C0GENERAL', { user: 'U0ALICE', text: 'hi' });
    const history = await slack.conversations.history({ channel: 'C0GENERAL', limit: 1 });
    expect(history.messages?.map((m) => m.ts)).toEqual([human]);
    expect(history.response_metadata?.next_cursor).not.toBe('');
    const { permalink } = await slack.chat.getPermalink({ channel: 'C0GENERAL', message_ts: human });
    expect(permalink).toBe(`https://fake.slack.test/archives/C0GENERAL/p${human.replace('.', '')}`);
  });

  it('returns message metadata from conversations.replies only when asked (include_all_metadata)', async () => {
    const root = await slack.chat.postMessage({ channel: 'C0GENERAL', text: 'card' });
    const metadata = { event_type: 'incident_bot_timeline', event_payload: { event_id: 7 } };
    await slack.chat.postMessage({ channel: 'C0GENERAL', text: 'line', thread_ts: root.ts, metadata });
    const plainReplies = await slack.conversations.replies({ channel: 'C0GENERAL', ts: root.ts ?? '' });
    expect(plainReplies.messages?.[1]).not.toHaveProperty('metadata');
    const withMetadata = await slack.conversations.replies({ channel: 'C0GENERAL', ts: root.ts ?? '', include_all_metadata: true });
    expect(withMetadata.messages?.[1]?.metadata).toEqual(metadata);
  });

  it('posts to a user id into that user’s DM channel', async () => {
    const sent = await slack.chat.postMessage({ channel: 'U0BOB', text: 'You are now the incident commander' });
    expect(sent.channel).toMatch(/^D/);
    expect(fake.dmsTo('U0BOB').map((m) => m.text)).toEqual(['You are now the incident commander']);
  });

  it('paginates conversations.list', async () => {
    for (const n of [1, 2, 3]) await slack.conversations.create({ name: `inc-${n}` });
    const first = await slack.conversations.list({ limit: 2 });
    const second = await slack.conversations.list({ limit: 2, cursor: first.response_metadata?.next_cursor ?? '' });
    expect([...(first.channels ?? []), ...(second.channels ?? [])].map((c) => c.name)).toEqual(['general', 'inc-1', 'inc-2', 'inc-3']);
    expect(second.response_metadata?.next_cursor).toBe('');
  });
});

describe('trigger ids', () => {
  const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Declare' }, blocks: [] };

  it('are valid for 3 seconds and once', async () => {
    const trigger = fake.issueTrigger('U0ALICE');
    now += 3000;
    const opened = await slack.views.open({ trigger_id: trigger, view });
    expect(opened.view?.id).toMatch(/^V/);
    expect(fake.lastView()).toMatchObject({ userId: 'U0ALICE', title: { text: 'Declare' } });
    expect((await slackError(slack.views.open({ trigger_id: trigger, view }))).error).toBe('expired_trigger_id');
    const late = fake.issueTrigger();
    now += 3001;
    expect((await slackError(slack.views.open({ trigger_id: late, view }))).error).toBe('expired_trigger_id');
    expect((await slackError(slack.views.open({ trigger_id: '123.456.abc', view }))).error).toBe('invalid_trigger_id');
  });
});

describe('fault injection', () => {
  it('answers 429 with Retry-After, then recovers', async () => {
    fake.rateLimit('chat.postMessage', 1, 7);
    const strict = connectWebClient(fake, { rejectRateLimitedCalls: true });
    const error = await strict.chat.postMessage({ channel: 'C0GENERAL', text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect(error instanceof WebAPIRateLimitedError && error.retryAfter).toBe(7);
    expect(await strict.chat.postMessage({ channel: 'C0GENERAL', text: 'x' })).toMatchObject({ ok: true });
  });

  it('fails with HTTP 500 the asked number of times; failNext(m, 0) clears', async () => {
    fake.failNext('conversations.create', 5);
    const error = await slack.conversations.create({ name: 'inc-1' }).catch((e: unknown) => e);
    expect(error instanceof WebAPIHTTPError && error.statusCode).toBe(500);
    fake.failNext('conversations.create', 0);
    expect(await slack.conversations.create({ name: 'inc-1' })).toMatchObject({ ok: true });
  });

  it('holds hung calls and processes them on unhang', async () => {
    fake.hang('chat.postMessage');
    const pending = slack.chat.postMessage({ channel: 'C0GENERAL', text: 'slow' });
    await expect.poll(() => fake.hungCalls('chat.postMessage')).toBe(1);
    expect(fake.messages('C0GENERAL')).toHaveLength(0);
    fake.unhang('chat.postMessage');
    expect(await pending).toMatchObject({ ok: true });
    expect(fake.messages('C0GENERAL').map((m) => m.text)).toEqual(['slow']);
  });

  it('still processes a hung call whose caller gave up (a process killed mid-call)', async () => {
    fake.hang('conversations.create');
    const impatient = connectWebClient(fake, { timeout: 50 });
    await expect(impatient.conversations.create({ name: 'inc-1' })).rejects.toThrow();
    expect(fake.channel('inc-1')).toBeUndefined();
    fake.unhang('conversations.create');
    expect(fake.channel('inc-1')).toMatchObject({ name: 'inc-1' });
    expect((await slackError(slack.conversations.create({ name: 'inc-1' }))).error).toBe('name_taken');
  });
});

describe('response_url', () => {
  const respond = (url: string, body: unknown) => post(url.replace(fake.url, ''), JSON.stringify(body), { 'content-type': 'application/json' });

  it('works 5 times, then answers 404 used_url', async () => {
    const url = fake.newResponseUrl('C0GENERAL', 'U0ALICE');
    for (let i = 0; i < 5; i += 1) expect(await respond(url, { text: `answer ${i}` })).toEqual({ status: 200, body: 'ok' });
    expect(await respond(url, { text: 'sixth' })).toEqual({ status: 404, body: 'used_url' });
    expect(fake.responsesFor('U0ALICE')).toHaveLength(5);
    expect(fake.responsesFor('U0ALICE')[0]).toMatchObject({ channelId: 'C0GENERAL', responseType: 'ephemeral', text: 'answer 0' });
  });

  it('expires after 30 minutes and validates blocks', async () => {
    const url = fake.newResponseUrl('C0GENERAL', 'U0ALICE');
    const bad = await respond(url, { blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }] });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: 'invalid_blocks' });
    now += 30 * 60 * 1000 + 1;
    expect(await respond(url, { text: 'late' })).toEqual({ status: 404, body: 'expired_url' });
  });

  it('in_channel answers appear in the channel', async () => {
    await respond(fake.newResponseUrl('C0GENERAL', 'U0ALICE'), { response_type: 'in_channel', text: 'for everyone' });
    expect(fake.messages('C0GENERAL').map((m) => m.text)).toEqual(['for everyone']);
  });
});
