import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../support/bot-process.js';
import { eventually } from '../support/eventually.js';
import { postToRawPath } from '../support/raw-path-request.js';
import { command, declare, SIGNING_SECRET, startHarness, USERS, type Harness } from './harness.js';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('the HTTP surface', () => {
  it('answers /healthz once ready and serves Prometheus metrics', async () => {
    h = await startHarness();
    const base = `http://127.0.0.1:${h.bot.port}`;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    await command(h, 'help');
    await declare(h, 'Metrics check');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('incident_bot_slack_requests_total{type="command"} 2');
    expect(metrics).toContain('incident_bot_outbox_depth{state="queued"} 0');
    expect(metrics).toContain('incident_bot_outbox_depth{state="dead"} 0');
    expect(metrics).toMatch(/incident_bot_slack_api_calls_total\{method="chat.postMessage"\} [1-9]/);
  });

  it('refuses requests that are not signed by Slack', async () => {
    h = await startHarness();
    const response = await fetch(`http://127.0.0.1:${h.bot.port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-slack-signature': 'v0=00' },
      body: 'command=%2Fincident&text=list&user_id=U0ALICE&channel_id=C0GENERAL',
    });
    expect(response.status).toBe(401);
    expect(h.fake.responsesFor(USERS.alice)).toHaveLength(0);
  });
});

describe('hostile and broken requests', () => {
  // One bot takes every request in turn: a request that could take it down would fail all that follow.
  let bot: Harness;
  beforeAll(async () => {
    bot = await startHarness();
  });
  afterAll(async () => bot.stop());
  const healthz = async (): Promise<number> => (await fetch(`http://127.0.0.1:${bot.bot.port}/healthz`)).status;

  // Signed correctly, so they get past the signature check: only their shape is wrong.
  const hostile: Array<[string, string, string]> = [
    ['JSON null', 'null', JSON_TYPE],
    ['a JSON array', '[]', JSON_TYPE],
    ['a JSON number', '42', JSON_TYPE],
    ['a JSON string', '"hello"', JSON_TYPE],
    ['JSON true', 'true', JSON_TYPE],
    ['not JSON at all', '{"type":', JSON_TYPE],
    ['an empty object', '{}', JSON_TYPE],
    ['an event that is null', '{"type":"event_callback","event":null}', JSON_TYPE],
    ['an event whose item is a string', '{"type":"event_callback","event":{"type":"reaction_added","item":"x"}}', JSON_TYPE],
    ['actions that are not a list', '{"type":"block_actions","actions":null}', JSON_TYPE],
    ['a list of null actions', '{"type":"block_actions","actions":[null]}', JSON_TYPE],
    ['a view that is a number', '{"type":"view_submission","view":7}', JSON_TYPE],
    ['a click with no user', form({ payload: JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'incident.resolve', value: '1' }] }) }), FORM],
    ['a form submission with a null user', form({ payload: JSON.stringify({ type: 'view_submission', user: null, view: { id: 'V1', callback_id: 'incident.resolve' } }) }), FORM],
    ['payload=null', form({ payload: 'null' }), FORM],
    ['payload=[]', form({ payload: '[]' }), FORM],
    ['payload=42', form({ payload: '42' }), FORM],
    ['payload="x"', form({ payload: '"x"' }), FORM],
    ['a payload that is not JSON', form({ payload: '{nope' }), FORM],
    ['two payloads', 'payload=%7B%7D&payload=%7B%7D', FORM],
    ['an empty form', '', FORM],
  ];

  it.each(hostile)('answers %s with 400 and stays up', async (_name, body, contentType) => {
    const response = await bot.slack.post(body, contentType);
    expect(response.status).toBe(400);
    expect(await healthz()).toBe(200);
  });

  // Well-formed envelopes with the fields our listeners need missing: acknowledged, ignored, nothing changes.
  const incomplete: Array<[string, string, string]> = [
    ['a command with no user or channel', form({ command: '/incident', text: 'declare Oops' }), FORM],
    ['a click with no trigger or channel', form({ payload: JSON.stringify({ type: 'block_actions', user: { id: USERS.bob }, actions: [{ action_id: 'incident.resolve', value: '1' }] }) }), FORM],
    ['a form submission with no state', form({ payload: JSON.stringify({ type: 'view_submission', user: { id: USERS.bob }, view: { id: 'V1', callback_id: 'incident.resolve' } }) }), FORM],
    ['a message event with no channel', JSON.stringify({ type: 'event_callback', event_id: 'Ev1', event: { type: 'message' } }), JSON_TYPE],
    ['a pin with no item', JSON.stringify({ type: 'event_callback', event_id: 'Ev2', event: { type: 'pin_added' } }), JSON_TYPE],
  ];

  it.each(incomplete)('acknowledges %s, changes nothing and stays up', async (_name, body, contentType) => {
    const response = await bot.slack.post(body, contentType);
    expect(response.status).toBe(200);
    expect(await healthz()).toBe(200);
    expect(await bot.bot.store.listOpenIncidents()).toEqual([]);
    expect(bot.fake.views).toHaveLength(0);
  });

  it.each([
    ['400 s in the future', -400],
    ['400 s old', 400],
  ])('refuses a correctly signed request stamped %s', async (_name, ageSeconds) => {
    const body = form({ command: '/incident', text: 'help', user_id: USERS.carol, channel_id: 'C0GENERAL', trigger_id: 'T1', response_url: bot.fake.newResponseUrl('C0GENERAL', USERS.carol) });
    expect((await bot.slack.post(body, FORM, { ageSeconds })).status).toBe(401);
    expect(await healthz()).toBe(200);
    const answered = bot.fake.responsesFor(USERS.carol).length;
    // Within the window (a clock a little off) is still fine.
    expect((await bot.slack.post(body, FORM, { ageSeconds: -120 })).status).toBe(200);
    await eventually(() => expect(bot.fake.responsesFor(USERS.carol).length).toBe(answered + 1));
  });
});

describe('the request guard, however the path is spelled', () => {
  // Bolt routes every one of these to /slack/events (it reads the path through WHATWG URL); so must the guard.
  const spellings = ['/slack/./events', '/slack/%2e/events', '/slack/%2E/events', '/slack/x/../events', '/./slack/events', '/slack/%2e%2e/slack/events', '/slack\\events', '/slack/events?x=1'];
  let bot: Harness;
  beforeAll(async () => {
    bot = await startHarness();
  });
  afterAll(async () => bot.stop());
  const post = (path: string, body: string, contentType: string, ageSeconds = 0) =>
    postToRawPath(bot.bot.port, path, { body, contentType, signingSecret: SIGNING_SECRET, ageSeconds });
  const stored = (eventId: string): number => {
    const { database } = bot.settings;
    if (database.kind !== 'sqlite') throw new Error('this suite reads the SQLite file');
    return count(database.path, `select count(*) as n from inbox where event_id = '${eventId}'`);
  };

  it.each(spellings)('%s: a body over 1 MiB is refused with 413', async (path) => {
    const body = JSON.stringify({ type: 'event_callback', event_id: 'Ev0BIG', event: { type: 'message', text: 'x'.repeat(1024 * 1024) } });
    expect(await post(path, body, JSON_TYPE)).toBe(413);
  });

  it.each(spellings)('%s: a correctly signed request stamped 400 s old or 400 s ahead is refused with 401', async (path) => {
    const body = form({ command: '/incident', text: 'help', user_id: USERS.carol, channel_id: 'C0GENERAL', trigger_id: 'T1', response_url: bot.fake.newResponseUrl('C0GENERAL', USERS.carol) });
    const answered = bot.fake.responsesFor(USERS.carol).length;
    expect(await post(path, body, FORM, 400)).toBe(401);
    expect(await post(path, body, FORM, -400)).toBe(401);
    await bot.bot.settled();
    expect(bot.fake.responsesFor(USERS.carol)).toHaveLength(answered);
  });

  it.each(spellings)('%s: an event is stored in the inbox before the 200, and its re-delivery is dropped there', async (path) => {
    const eventId = `Ev0PATH${spellings.indexOf(path)}`;
    const event = JSON.stringify({ type: 'event_callback', event_id: eventId, event: { type: 'message', channel: 'C0GENERAL', user: USERS.bob, text: 'hello', ts: '1700000000.000100' } });
    expect(await post(path, event, JSON_TYPE)).toBe(200);
    expect(stored(eventId)).toBe(1);
    expect(await post('/slack/events', event, JSON_TYPE)).toBe(200);
    expect(await post(path, event, JSON_TYPE)).toBe(200);
    expect(stored(eventId)).toBe(1);
  });
});

describe('notes, follow-ups, status and help', () => {
  it('records notes and follow-ups with owners, and shows the card only to the caller', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Cache stampede', { severity: 'sev2' });
    h.fake.joinChannel(channelId, USERS.bob);
    expect(await command(h, 'note tried flushing the CDN, no change', USERS.bob, channelId)).toContain('Note added to the INC-1 timeline');
    expect(await command(h, `followup add jitter to cache TTLs <@${USERS.bob}>`, USERS.alice, channelId)).toContain('Follow-up added to INC-1');
    expect(await command(h, 'followup check <@U0NOBODY>', USERS.alice, channelId)).toContain("can't find user");
    expect(await h.bot.store.followUps(1)).toMatchObject([{ text: 'add jitter to cache TTLs', ownerId: USERS.bob }]);
    expect((await h.bot.store.timeline(1)).map((e) => [e.kind, e.actorId])).toEqual([
      ['declared', USERS.alice],
      ['note', USERS.bob],
      ['followup_added', USERS.alice],
    ]);
    expect(JSON.stringify(h.fake.channel(channelId)?.messages[0]?.blocks)).toContain('1 follow-up');

    await command(h, 'status 1', USERS.carol);
    const status = h.fake.responsesFor(USERS.carol).at(-1);
    expect(status?.responseType).toBe('ephemeral');
    expect(JSON.stringify(status?.blocks)).toContain('INC-1 · Cache stampede');
    expect(JSON.stringify(status?.blocks)).not.toContain('"actions"');

    expect(await command(h, 'help')).toContain('/incident declare [title]');
  });

  it('speaks Korean with locale: ko', async () => {
    h = await startHarness({ locale: 'ko' });
    const { channelId } = await declare(h, '결제 실패', { severity: 'sev1' });
    expect(h.fake.channel(channelId)?.topic).toContain('조사 중');
    expect(await command(h, 'severity sev9', USERS.alice, channelId)).toContain('"sev9"은(는) 심각도가 아닙니다');
  });
});
