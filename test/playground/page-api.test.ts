/** The page's JSON API without a browser: bad input gets one specific sentence and changes nothing; changes are pushed. */
import { request } from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground, type Playground } from '../../playground/playground.js';
import type { ActionAnswer, PageState } from '../../playground/web/state.js';
import { eventually } from '../support/eventually.js';

let playground: Playground;
const url = (path: string): string => new URL(path, playground.url).toString();

async function post(name: string, body: unknown): Promise<{ status: number; answer: ActionAnswer }> {
  const res = await fetch(url(`/api/${name}`), { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, answer: (await res.json()) as ActionAnswer };
}

async function stateOf(person: string, channel: string): Promise<PageState> {
  const res = await fetch(url(`/api/state?as=${person}&channel=${channel}`));
  expect(res.status).toBe(200);
  return (await res.json()) as PageState;
}

beforeAll(async () => {
  playground = await startPlayground({ port: 0, databasePath: null, locale: 'en', timeZone: 'UTC', logger: pino({ level: 'silent' }) });
});
afterAll(async () => playground?.stop());

describe('the page API', () => {
  it('refuses bad input with one sentence and changes nothing', async () => {
    const before = playground.fake.messages('C0GENERAL').length;
    expect(await post('message', { as: 'U0ALICE', channel: 'C0GENERAL', text: '   ' })).toEqual({ status: 400, answer: { ok: false, error: 'text: must not be empty' } });
    expect(await post('message', { as: 'U0MALLORY', channel: 'C0GENERAL', text: 'hi' })).toEqual({ status: 400, answer: { ok: false, error: 'as: U0MALLORY is not one of the demo people' } });
    expect(await post('message', '{not json')).toEqual({ status: 400, answer: { ok: false, error: 'the body must be JSON (at most 256 KB)' } });
    expect(await post('teleport', {})).toEqual({ status: 404, answer: { ok: false, error: 'no such action: teleport' } });
    expect(await post('message', { as: 'U0ALICE', channel: 'C0GENERAL', text: '/deploy now' })).toMatchObject({ status: 200, answer: { ok: true, slackbot: expect.stringContaining('/deploy is not a valid command') } });
    expect(await post('resolve-alerts', {})).toEqual({ status: 409, answer: { ok: false, error: 'Nothing is firing yet: start an alert storm first.' } });
    expect(await post('edit', { as: 'U0BOB', channel: 'C0GENERAL', ts: playground.fake.messages('C0GENERAL')[0]?.ts, text: 'mine now' })).toEqual({ status: 409, answer: { ok: false, error: 'You can only change your own messages.' } });
    expect(playground.fake.messages('C0GENERAL')).toHaveLength(before);
    expect((await fetch(url('/api/state?as=U0NOPE'))).status).toBe(400);
    const crossSite = await fetch(url('/api/message'), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ as: 'U0ALICE', channel: 'C0GENERAL', text: 'hi' }) });
    expect(crossSite.status).toBe(415);
    expect(playground.fake.messages('C0GENERAL')).toHaveLength(before);
  });

  it('answers only to localhost (a rebound DNS name gets 403)', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(url('/api/state'), { headers: { host: 'attacker.example:4000' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('a slash command reaches the bot, whose ephemeral answer is in that person’s view only', async () => {
    expect(await post('message', { as: 'U0BOB', channel: 'C0GENERAL', text: '/incident oncall' })).toEqual({ status: 200, answer: { ok: true } });
    const bob = await eventually(async () => {
      const s = await stateOf('U0BOB', 'C0GENERAL');
      if (s.channel?.ephemerals.length !== 1) throw new Error('no answer yet');
      return s;
    }, 10_000);
    expect(bob.channel?.ephemerals[0]?.text).toContain('platform');
    expect((await stateOf('U0ALICE', 'C0GENERAL')).channel?.ephemerals).toEqual([]);
  });

  it('pushes a new version to open pages when the workspace changes', async () => {
    const res = await fetch(url('/api/events'));
    const reader = res.body?.getReader();
    if (!reader) throw new Error('no event stream');
    const decoder = new TextDecoder();
    const next = async (): Promise<string> => {
      const chunk = await reader.read();
      return decoder.decode(chunk.value);
    };
    const first = /data: (\d+)/.exec(await next())?.[1];
    expect(await post('message', { as: 'U0CAROL', channel: 'C0GENERAL', text: 'anyone around?' })).toEqual({ status: 200, answer: { ok: true } });
    const pushed = /data: (\d+)/.exec(await next())?.[1];
    expect(Number(pushed)).toBeGreaterThan(Number(first));
    await reader.cancel();
  });
});
