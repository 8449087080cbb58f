import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../fake-slack/server.js';
import { SignedSlackClient } from '../fake-slack/slack-client.js';
import { count, declareInProcess, killHard, spawnBot, type BotProcess } from '../support/bot-process.js';
import { eventually } from '../support/eventually.js';
import { BOT_TOKEN, SIGNING_SECRET, USERS } from './harness.js';

let fake: FakeSlack | undefined;
let running: BotProcess | undefined;
afterEach(async () => {
  running?.child.kill('SIGKILL');
  await fake?.stop();
});

describe('a crash while posting a postmortem draft', () => {
  it('still posts each part exactly once: the restarted bot adopts the post Slack accepted', async () => {
    fake = await FakeSlack.start({ botToken: BOT_TOKEN, botUserId: 'U0BOT' });
    fake.addUser({ id: USERS.alice, name: 'alice' });
    fake.addChannel({ id: 'C0GENERAL', name: 'general', members: ['U0BOT', USERS.alice] });
    const databasePath = join(mkdtempSync(join(tmpdir(), 'incident-bot-crash-')), 'bot.db');
    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api/`, DATABASE_URL: `sqlite:${databasePath}` };

    running = await spawnBot(env);
    const slack = new SignedSlackClient({ appUrl: `http://127.0.0.1:${running.port}/slack/events`, signingSecret: SIGNING_SECRET, fake });
    const channel = await declareInProcess(slack, fake, { user: USERS.alice, channel: 'C0GENERAL', severity: 'sev4' });
    const cardTs = channel.pins[0] ?? '';
    const drafts = () => (fake?.replies(channel.id, cardTs) ?? []).filter((m) => m.text.startsWith('INC-1 postmortem draft v1'));

    // The draft's chat.postMessage reaches Slack, but the bot dies before it hears back.
    fake.hang('chat.postMessage');
    await slack.command('postmortem', { user: USERS.alice, channel: channel.id });
    await eventually(() => expect(fake?.hungCalls('chat.postMessage')).toBe(1), 10_000);
    await killHard(running);
    fake.unhang('chat.postMessage');
    await eventually(() => expect(drafts()).toHaveLength(1));

    running = await spawnBot(env);
    await eventually(() => expect(count(databasePath, 'select count(*) as n from outbox where done_at is null')).toBe(0), 10_000);
    expect(drafts()).toHaveLength(1);
    expect(count(databasePath, `select count(*) as n from postmortem_drafts where posted_at is not null and posted_ts = '["${drafts()[0]?.ts}"]'`)).toBe(1);
  }, 40_000);
});
