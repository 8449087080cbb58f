/** `npm run playground -- --socket-mode`: the same page, with Slack's requests reaching the bot over Socket Mode. */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground, type Playground } from '../../playground/playground.js';
import type { PageState } from '../../playground/web/state.js';
import { eventually } from '../support/eventually.js';

let playground: Playground;
beforeAll(async () => {
  playground = await startPlayground({ port: 0, databasePath: null, locale: 'en', timeZone: 'UTC', logger: pino({ level: 'silent' }), socketMode: true });
});
afterAll(async () => playground?.stop());

describe('the playground in Socket Mode', () => {
  it('a slash command from the page reaches the bot as an envelope on its connection; the bot has no HTTP endpoint for Slack', async () => {
    const posted = await fetch(new URL('/api/message', playground.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'U0BOB', channel: 'C0GENERAL', text: '/incident oncall' }),
    });
    expect(posted.status).toBe(200);
    const bob = await eventually(async () => {
      const state = (await (await fetch(new URL('/api/state?as=U0BOB&channel=C0GENERAL', playground.url))).json()) as PageState;
      if (state.channel?.ephemerals.length !== 1) throw new Error('no answer yet');
      return state;
    }, 10_000);
    expect(bob.channel?.ephemerals[0]?.text).toContain('platform');
    expect(playground.fake.socketMode.connections).toHaveLength(1);
    expect(playground.fake.socketMode.connections[0]?.acked).toBeGreaterThanOrEqual(1);
    expect((await fetch(`http://127.0.0.1:${playground.bot.port}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
