import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { stormAlertEvent } from '../../bench/storm-event.js';
import { FakeSlack } from '../fake-slack/server.js';
import { SignedSlackClient } from '../fake-slack/slack-client.js';
import { count, killHard, spawnBot, type BotProcess } from '../support/bot-process.js';
import { eventually } from '../support/eventually.js';
import { TinyFilesystem } from '../support/tiny-filesystem.js';
import { BOT_TOKEN, CHANNELS, SIGNING_SECRET } from './harness.js';

/**
 * The embedded database failing under the bot, for real: its file locked by another process, and the disk it lives on
 * full. Either way an alert that cannot be stored is answered 5xx (Slack delivers it again), the process stays up and
 * says so once, and once the file can be written again the redelivered alert is stored and counted once.
 */
const ALERTS = 'C0ALERTS';

let fake: FakeSlack | undefined;
let bot: BotProcess | undefined;
let disk: TinyFilesystem | undefined;
afterEach(async () => {
  if (bot) await killHard(bot);
  await fake?.stop();
  disk?.remove();
  bot = undefined;
  fake = undefined;
  disk = undefined;
});

async function startBot(databasePath: string, launcher: string[] = []): Promise<{ f: FakeSlack; running: BotProcess; slack: SignedSlackClient }> {
  const f = (fake = await FakeSlack.start({ botToken: BOT_TOKEN, botUserId: 'U0BOT' }));
  f.addChannel({ id: CHANNELS.announce, name: 'incidents', members: ['U0BOT'] });
  f.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT'] });
  const config = join(mkdtempSync(join(tmpdir(), 'incident-bot-config-')), 'incident-bot.yml');
  writeFileSync(config, `announceChannel: ${CHANNELS.announce}\nalertChannels: [${ALERTS}]\n`);
  const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${f.url}/api/`, DATABASE_URL: `sqlite:${databasePath}`, CONFIG_FILE: config };
  const running = (bot = await spawnBot(env, launcher));
  return { f, running, slack: new SignedSlackClient({ appUrl: `http://127.0.0.1:${running.port}/slack/events`, signingSecret: SIGNING_SECRET, fake: f }) };
}

/**
 * A count on a database file only process `pid` sees (its own mount): SQLite follows /proc/<pid>/root back to our own
 * root, so the file and its log are copied out and read from the copy.
 */
function countInside(pid: number, path: string, sql: string): number {
  const copy = join(mkdtempSync(join(tmpdir(), 'incident-bot-copy-')), 'bot.db');
  try {
    for (const suffix of ['', '-wal']) copyFileSync(join(`/proc/${pid}/root`, `${path}${suffix}`), `${copy}${suffix}`);
    return count(copy, sql);
  } finally {
    rmSync(dirname(copy), { recursive: true, force: true });
  }
}

/** Delivers `event` as Slack does each time it is called: first the delivery, then redeliveries (same event id, numbered). */
function deliveries(slack: SignedSlackClient, event: Record<string, unknown>, eventId: string): () => Promise<number> {
  let sent = 0;
  return async () => {
    const retry = sent++ > 0 ? { retryNum: sent - 1, retryReason: 'http_error' } : {};
    return (await slack.event(event, { eventId, ...retry })).status;
  };
}

const status = (running: BotProcess, path: string): Promise<number> => fetch(`http://127.0.0.1:${running.port}${path}`).then((r) => r.status);
const linesWith = (output: string, message: string): number => output.split('\n').filter((l) => l.includes(message)).length;

/** While the file cannot be written: alerts answered 503, the process alive and live, not ready. */
async function expectRefusedWhileBroken(running: BotProcess, send: () => Promise<number>): Promise<void> {
  expect(await send()).toBe(503);
  expect(await send()).toBe(503);
  expect(running.child.exitCode).toBeNull();
  expect(await status(running, '/healthz')).toBe(200);
  expect(await status(running, '/readyz')).toBe(503);
}

/** Once it can be written again: ready within seconds, the redelivery stored, each alert counted once, said once. */
async function expectRecovered(running: BotProcess, send: () => Promise<number>, countAlerts: () => number): Promise<void> {
  await eventually(async () => expect(await status(running, '/readyz')).toBe(200), 5_000);
  expect(await send()).toBe(200);
  await eventually(() => expect(countAlerts()).toBe(2), 10_000);
  expect(running.child.exitCode).toBeNull();
  await eventually(() => expect(linesWith(running.output(), 'database answers again')).toBe(1));
  expect(linesWith(running.output(), 'database unavailable')).toBe(1);
  expect(running.output()).not.toMatch(/uncaught|unhandled/i);
}

describe('the SQLite file fails under the bot', () => {
  it('locked by another process: the alert is answered 503 until the lock goes, then stored and counted once', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'incident-bot-locked-')), 'bot.db');
    const { f, running, slack } = await startBot(path);
    const first = stormAlertEvent(f, ALERTS, 0, 1);
    expect((await slack.event(first, { eventId: 'EvLocked0' })).status).toBe(200);
    const counted = () => count(path, 'select coalesce(sum(alert_count), 0) as n from alert_groups');
    await eventually(() => expect(counted()).toBe(1), 10_000);

    // Another process takes the write lock and keeps it (a backup tool, an operator's `sqlite3` shell).
    const locker = new SQLite(path);
    locker.pragma('busy_timeout = 5000');
    locker.exec('begin immediate');
    const second = stormAlertEvent(f, ALERTS, 1, 1);
    const send = deliveries(slack, second, 'EvLocked1');
    try {
      await expectRefusedWhileBroken(running, send);
    } finally {
      locker.exec('rollback');
      locker.close();
    }
    await expectRecovered(running, send, counted);
  }, 60_000);

  it('on a full disk: the alert is answered 503 until space is freed, then stored and counted once', async () => {
    const tiny = (disk = new TinyFilesystem(4 * 1024 * 1024));
    const path = join(tiny.folder, 'bot.db');
    const { f, running, slack } = await startBot(path, tiny.launcher);
    const pid = running.child.pid ?? -1;
    const counted = () => countInside(pid, path, 'select coalesce(sum(alert_count), 0) as n from alert_groups');
    const first = stormAlertEvent(f, ALERTS, 0, 1);
    expect((await slack.event(first, { eventId: 'EvFull0' })).status).toBe(200);
    await eventually(() => expect(counted()).toBe(1), 10_000);

    // Something else on the machine fills the disk the database lives on.
    tiny.fill(pid);
    const second = stormAlertEvent(f, ALERTS, 1, 1);
    const send = deliveries(slack, second, 'EvFull1');
    try {
      await expectRefusedWhileBroken(running, send);
    } finally {
      tiny.free(pid);
    }
    await expectRecovered(running, send, counted);
  }, 60_000);
});
