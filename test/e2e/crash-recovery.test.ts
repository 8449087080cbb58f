import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../fake-slack/server.js';
import { SignedSlackClient } from '../fake-slack/slack-client.js';
import type { ChannelRecord } from '../fake-slack/types.js';
import { count, declareInProcess, spawnBot } from '../support/bot-process.js';
import { eventually } from '../support/eventually.js';
import { BOT_TOKEN, SIGNING_SECRET, USERS } from './harness.js';

const incidentRows = (path: string): Array<{ number: number; channel_id: string | null }> => {
  const db = new SQLite(path, { readonly: true });
  try {
    return db.prepare('select number, channel_id from incidents').all() as Array<{ number: number; channel_id: string | null }>;
  } finally {
    db.close();
  }
};

let fake: FakeSlack | undefined;
let running: ChildProcess | undefined;
afterEach(async () => {
  running?.kill('SIGKILL');
  await fake?.stop();
});

describe('a crash between saving an incident and creating its channel', () => {
  it('creates the channel on the next start, exactly once', async () => {
    fake = await FakeSlack.start({ botToken: BOT_TOKEN, botUserId: 'U0BOT' });
    fake.addUser({ id: USERS.alice, name: 'alice' });
    fake.addChannel({ id: 'C0GENERAL', name: 'general', members: ['U0BOT', USERS.alice] });
    const databasePath = join(mkdtempSync(join(tmpdir(), 'incident-bot-crash-')), 'bot.db');
    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api/`, DATABASE_URL: `sqlite:${databasePath}` };

    fake.failNext('conversations.create', 1_000, 500);
    const first = await spawnBot(env);
    running = first.child;
    const slack = new SignedSlackClient({ appUrl: `http://127.0.0.1:${first.port}/slack/events`, signingSecret: SIGNING_SECRET, fake });
    await slack.command('declare Payments down', { user: USERS.alice, channel: 'C0GENERAL' });
    const view = await eventually(() => {
      const v = fake?.lastView();
      if (!v) throw new Error('no modal');
      return v;
    });
    await slack.submitView({
      user: USERS.alice,
      view,
      values: { title: { value: { type: 'plain_text_input', value: 'Payments down' } }, commander: { value: { type: 'users_select', selected_user: USERS.alice } } },
    });
    await eventually(() => expect(incidentRows(databasePath)).toEqual([{ number: 1, channel_id: null }]));
    await eventually(() => expect(fake?.callsTo('conversations.create').length).toBeGreaterThan(0));
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    fake.failNext('conversations.create', 0, 500);
    const second = await spawnBot(env);
    running = second.child;
    const channelId = await eventually(() => {
      const [row] = incidentRows(databasePath);
      if (!row?.channel_id) throw new Error('no channel yet');
      return row.channel_id;
    }, 10_000);
    await eventually(() => expect(fake?.channel(channelId)?.pins).toHaveLength(1));
    expect(fake.channel(channelId)?.name).toBe('inc-1-payments-down');
    expect(fake.channel(channelId)?.members).toContain(USERS.alice);
    expect(fake.channels().filter((c) => c.name.startsWith('inc-'))).toHaveLength(1);

    // A clean stop (SIGTERM) finishes and exits 0.
    const exited = new Promise<number | null>((resolve) => second.child.once('exit', resolve));
    second.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    running = undefined;
  }, 40_000);
});

describe('a crash around sending a prompt', () => {
  it('still posts the prompt exactly once', async () => {
    fake = await FakeSlack.start({ botToken: BOT_TOKEN, botUserId: 'U0BOT' });
    fake.addUser({ id: USERS.alice, name: 'alice' });
    fake.addChannel({ id: 'C0GENERAL', name: 'general', members: ['U0BOT', USERS.alice] });
    const dir = mkdtempSync(join(tmpdir(), 'incident-bot-crash-'));
    const databasePath = join(dir, 'bot.db');
    const configFile = join(dir, 'incident-bot.yml');
    writeFileSync(configFile, 'severities:\n  - { id: sev1, label: SEV1, description: Critical, mitigationCheck: 6s }\n');
    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api/`, DATABASE_URL: `sqlite:${databasePath}`, CONFIG_FILE: configFile };

    const first = await spawnBot(env);
    running = first.child;
    const slack = new SignedSlackClient({ appUrl: `http://127.0.0.1:${first.port}/slack/events`, signingSecret: SIGNING_SECRET, fake });
    const channelId = (await declareInProcess(slack, fake, { user: USERS.alice, channel: 'C0GENERAL', severity: 'sev1' })).id;

    // The prompt's chat.postMessage reaches Slack, but the bot dies before it hears back.
    fake.hang('chat.postMessage');
    await eventually(() => expect(fake?.hungCalls('chat.postMessage')).toBe(1), 10_000);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    fake.unhang('chat.postMessage');
    // Each question as posted, by the prompt it asks (a slow restart may live to see the next 6 s check asked too).
    const asked = (): string[] =>
      (fake?.channel(channelId)?.messages ?? []).filter((m) => m.text.includes('Is customer impact mitigated?')).map((m) => JSON.stringify(m.metadata?.event_payload));
    await eventually(() => expect(asked()).toHaveLength(1));
    const [firstAsked] = asked();

    const second = await spawnBot(env);
    running = second.child;
    await eventually(() => expect(count(databasePath, 'select count(*) as n from outbox where done_at is null')).toBe(0), 5_000);
    // The restarted bot found its earlier post by the prompt id in the message metadata and adopted it.
    expect(asked().filter((p) => p === firstAsked)).toHaveLength(1);
    expect(new Set(asked()).size).toBe(asked().length);
    const promptId = Number((JSON.parse(firstAsked ?? '{}') as { prompt_id?: number }).prompt_id);
    expect(count(databasePath, `select count(*) as n from prompts where id = ${promptId} and kind = 'mitigation_check' and message_ts is not null`)).toBe(1);
  }, 40_000);
});

describe('a crash while the card and the announcement are being posted', () => {
  it('leaves one card, one pin and one announcement after the restart, still edited in place', async () => {
    fake = await FakeSlack.start({ botToken: BOT_TOKEN, botUserId: 'U0BOT' });
    fake.addUser({ id: USERS.alice, name: 'alice' });
    fake.addChannel({ id: 'C0GENERAL', name: 'general', members: ['U0BOT', USERS.alice] });
    // As the README sets it up: the bot is not invited; it joins before its first post.
    fake.addChannel({ id: 'C0ANNOUNCE', name: 'incidents', members: [USERS.alice] });
    const dir = mkdtempSync(join(tmpdir(), 'incident-bot-crash-'));
    const configFile = join(dir, 'incident-bot.yml');
    writeFileSync(configFile, 'announceChannel: C0ANNOUNCE\n');
    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api/`, DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`, CONFIG_FILE: configFile };

    const first = await spawnBot(env);
    running = first.child;
    const slack = new SignedSlackClient({ appUrl: `http://127.0.0.1:${first.port}/slack/events`, signingSecret: SIGNING_SECRET, fake });
    // Slack takes the posts but the bot dies before it hears back.
    fake.hang('chat.postMessage');
    await slack.command('declare Checkout down', { user: USERS.alice, channel: 'C0GENERAL' });
    const view = await eventually(() => fake?.lastView() ?? Promise.reject(new Error('no modal')));
    await slack.submitView({
      user: USERS.alice,
      view,
      values: {
        title: { value: { type: 'plain_text_input', value: 'Checkout down' } },
        severity: { value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'SEV2' }, value: 'sev2' } } },
        impact: { value: { type: 'plain_text_input', value: 'Nobody can pay' } },
        commander: { value: { type: 'users_select', selected_user: USERS.alice } },
      },
    });
    await eventually(() => expect(fake?.hungCalls('chat.postMessage')).toBe(2), 10_000);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    fake.unhang('chat.postMessage');

    const second = await spawnBot(env);
    running = second.child;
    const channel = (): ChannelRecord | undefined => fake?.channels().find((c) => c.name.startsWith('inc-1'));
    await eventually(() => {
      expect(channel()?.messages).toHaveLength(1);
      expect(channel()?.pins).toEqual([channel()?.messages[0]?.ts]);
      expect(fake?.channel('C0ANNOUNCE')?.messages).toHaveLength(1);
    }, 15_000);
    const restarted = new SignedSlackClient({ appUrl: `http://127.0.0.1:${second.port}/slack/events`, signingSecret: SIGNING_SECRET, fake });
    await restarted.command('update rolled back v42', { user: USERS.alice, channel: channel()?.id ?? '' });
    await eventually(() => {
      expect(JSON.stringify(channel()?.messages[0]?.blocks)).toContain('rolled back v42');
      expect(JSON.stringify(fake?.channel('C0ANNOUNCE')?.messages[0]?.blocks)).toContain('Investigating');
    }, 10_000);
    expect(channel()?.messages).toHaveLength(1);
    expect(fake.channel('C0ANNOUNCE')?.messages).toHaveLength(1);
  }, 60_000);
});
