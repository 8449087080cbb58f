import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../fake-slack/server.js';
import { SignedSlackClient } from '../fake-slack/slack-client.js';
import { count, declareInProcess, killHard, spawnBot, type BotProcess } from '../support/bot-process.js';
import { eventually } from '../support/eventually.js';
import { BOT_TOKEN, buttonValue, SIGNING_SECRET, USERS } from './harness.js';

const { alice, bob } = USERS;
let fake: FakeSlack | undefined;
let running: BotProcess | undefined;
afterEach(async () => {
  running?.child.kill('SIGKILL');
  await fake?.stop();
});

describe('a crash while the briefing is being sent', () => {
  it('still sends it exactly once, and the restarted bot edits the one Slack accepted when Bob acknowledges', async () => {
    fake = await FakeSlack.start({ botToken: BOT_TOKEN, botUserId: 'U0BOT' });
    fake.addUser({ id: alice, name: 'alice' });
    fake.addUser({ id: bob, name: 'bob' });
    fake.addChannel({ id: 'C0GENERAL', name: 'general', members: ['U0BOT', alice] });
    const databasePath = join(mkdtempSync(join(tmpdir(), 'incident-bot-lead-crash-')), 'bot.db');
    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api/`, DATABASE_URL: `sqlite:${databasePath}` };
    running = await spawnBot(env);
    const slack = new SignedSlackClient({ appUrl: `http://127.0.0.1:${running.port}/slack/events`, signingSecret: SIGNING_SECRET, fake });
    const channel = await declareInProcess(slack, fake, { user: alice, channel: 'C0GENERAL', severity: 'sev2' });

    // The briefing's chat.postMessage (and the card thread's line) reach Slack, but the bot dies before it hears back.
    fake.hang('chat.postMessage');
    await slack.command(`lead <@${bob}|bob>`, { user: alice, channel: channel.id });
    await eventually(() => expect(fake?.hungCalls('chat.postMessage')).toBe(2), 10_000);
    await killHard(running);
    fake.unhang('chat.postMessage');
    const briefings = () => (fake?.dmsTo(bob) ?? []).filter((m) => m.text.includes('asked you to lead INC-1'));
    await eventually(() => expect(briefings()).toHaveLength(1));

    running = await spawnBot(env);
    await eventually(() => expect(count(databasePath, 'select count(*) as n from outbox where done_at is null')).toBe(0), 10_000);
    expect(briefings()).toHaveLength(1);
    expect(count(databasePath, "select count(*) as n from lead_handoff_messages where part = 'briefing'")).toBe(1);

    const restarted = new SignedSlackClient({ appUrl: `http://127.0.0.1:${running.port}/slack/events`, signingSecret: SIGNING_SECRET, fake });
    const [briefing] = briefings();
    if (!briefing) throw new Error('no briefing');
    await restarted.clickButton({ user: bob, channel: briefing.channel, messageTs: briefing.ts, actionId: 'lead.acknowledge', value: buttonValue(briefing.blocks, 'lead.acknowledge') });
    await eventually(() => expect(fake?.message(briefing.channel, briefing.ts)?.text).toContain(`✓ You acknowledged the handoff from <@${alice}>`), 10_000);
    expect(JSON.stringify(fake.message(briefing.channel, briefing.ts)?.blocks)).not.toContain('lead.acknowledge');
    expect(fake.dmsTo(bob)).toHaveLength(1);
  }, 60_000);
});
