import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../fake-slack/server.js';
import { count, killHard, runUntilExit, spawnBot, type BotProcess } from '../support/bot-process.js';
import { eventually } from '../support/eventually.js';
import { numberedAlert, triageReplies } from '../support/numbered-alerts.js';
import { BOT_TOKEN } from './harness.js';

/**
 * The real entry point in Socket Mode, as its own process: an envelope is in the inbox before Slack hears its
 * acknowledgement, and SIGKILL between the two loses nothing and doubles nothing (Slack sends the envelope again, the
 * restarted bot applies it once); an app-level token Slack refuses ends the start with exit code 2 and one line.
 */
const ALERTS = 'C0ALERTS';
const GROUPS = 2;

let fake: FakeSlack | undefined;
let bot: BotProcess | undefined;
afterEach(async () => {
  if (bot) await killHard(bot);
  await fake?.stop();
  bot = undefined;
});

async function socketModeEnv(): Promise<{ env: Record<string, string>; databasePath: string }> {
  fake = await FakeSlack.start({ botToken: BOT_TOKEN, botUserId: 'U0BOT' });
  fake.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT'] });
  const dir = mkdtempSync(join(tmpdir(), 'incident-bot-socket-'));
  writeFileSync(join(dir, 'incident-bot.yml'), `alertChannels: [${ALERTS}]\n`);
  const databasePath = join(dir, 'bot.db');
  // No SLACK_SIGNING_SECRET: Socket Mode needs none.
  const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: `${fake.url}/api/`, DATABASE_URL: `sqlite:${databasePath}`, CONFIG_FILE: join(dir, 'incident-bot.yml') };
  return { env, databasePath };
}

describe('Socket Mode, the bot as its own process', () => {
  it('stores each envelope before acknowledging it; SIGKILL after storing and before the ack reaches Slack loses nothing and doubles nothing', async () => {
    const { env, databasePath } = await socketModeEnv();
    const slack = fake;
    if (!slack) throw new Error('no fake');
    const stored = (eventId: string) => count(databasePath, `select count(*) as n from inbox where event_id = '${eventId}'`);
    // Whenever Slack hears an acknowledgement, the event it acknowledges is already in the inbox.
    const ackedUnstored: string[] = [];
    slack.socketMode.onAck((envelopeId) => {
      const eventId = envelopeId.replace(/^envelope-/, '');
      if (stored(eventId) !== 1) ackedUnstored.push(eventId);
    });
    const send = (i: number) => slack.socketMode.send('events_api', eventBody(slack, i), { envelopeId: `envelope-EvKill${i}` });

    bot = await spawnBot(env);
    const before = await Promise.all(Array.from({ length: 10 }, (_, i) => send(i)));
    expect(before.every((o) => o.acked)).toBe(true);

    // The next ten are stored, but their acknowledgements never reach Slack: the bot dies first.
    slack.socketMode.acksLost = true;
    const after = Array.from({ length: 10 }, (_, i) => send(10 + i));
    await eventually(() => expect(count(databasePath, "select count(*) as n from inbox where event_id like 'EvKill%'")).toBe(20), 10_000);
    await killHard(bot);
    // Slack heard the acknowledgements of the first ten only.
    expect(slack.socketMode.connections[0]?.acked).toBe(10);
    slack.socketMode.acksLost = false;

    // Slack sends each unacknowledged envelope again, with the same id, once the restarted bot connects.
    bot = await spawnBot(env);
    await Promise.all(after);
    await eventually(() => expect(slack.socketMode.connections.at(-1)?.acked).toBeGreaterThanOrEqual(10), 10_000);
    await eventually(() => {
      const replies = triageReplies(slack, ALERTS);
      expect(replies).toHaveLength(GROUPS);
      for (const reply of replies) expect(reply.text).toContain(`${20 / GROUPS} alert messages`);
    }, 20_000);
    expect(count(databasePath, 'select count(*) as n from alerts')).toBe(20);
    expect(ackedUnstored).toEqual([]);
    expect(slack.socketMode.strayAcks).toEqual([]);
  }, 150_000);

  it('an app-level token Slack refuses: exit code 2 and one line naming SLACK_APP_TOKEN, not an endless retry', async () => {
    const { env } = await socketModeEnv();
    const result = await runUntilExit({ ...env, SLACK_APP_TOKEN: 'xapp-1-A0FAKEAPP-revoked' }, 60_000);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('incident-bot: setting SLACK_APP_TOKEN: Slack refused the app-level token (invalid_auth); it needs the connections:write scope (Basic Information → App-Level Tokens)');
    expect(fake?.callsTo('apps.connections.open')).toHaveLength(1);
  }, 70_000);
});

/** The Events API body Slack wraps in the envelope for alert `i` (alternating between the groups). */
function eventBody(slack: FakeSlack, i: number): Record<string, unknown> {
  const event = numberedAlert(slack, ALERTS, i % GROUPS);
  return { type: 'event_callback', team_id: slack.teamId, api_app_id: 'A0FAKEAPP', event, event_id: `EvKill${i}`, event_time: Math.floor(Date.now() / 1000) };
}
