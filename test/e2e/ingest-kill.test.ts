import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../fake-slack/server.js';
import { SignedSlackClient } from '../fake-slack/slack-client.js';
import { killHard, spawnBot, type BotProcess } from '../support/bot-process.js';
import { eventually } from '../support/eventually.js';
import { BOT_TOKEN, SIGNING_SECRET } from './harness.js';

/**
 * A 200 means stored: SIGKILL the bot at random points of an alert storm, restart it, and every alert Slack got a
 * 200 for is counted, with one triage reply per group.
 */
const ALERTS = 'C0ALERTS';
const GROUPS = 10;

let fake: FakeSlack | undefined;
let bot: BotProcess | undefined;
afterEach(async () => {
  bot?.child.kill('SIGKILL');
  await fake?.stop();
});

function storedTs(path: string): Set<string> {
  const db = new SQLite(path, { readonly: true });
  try {
    return new Set((db.prepare('select message_ts as ts from alerts').all() as Array<{ ts: string }>).map((r) => r.ts));
  } finally {
    db.close();
  }
}

function groups(path: string): Array<{ id: number; thread_ts: string; alert_count: number }> {
  const db = new SQLite(path, { readonly: true });
  try {
    return db.prepare('select id, thread_ts, alert_count from alert_groups').all() as Array<{ id: number; thread_ts: string; alert_count: number }>;
  } finally {
    db.close();
  }
}

function alertmanagerPost(fakeSlack: FakeSlack, i: number) {
  const n = i % GROUPS;
  const title = `[FIRING:1] KillTest${n} service-${n}`;
  const attachments = [{ color: 'danger', title, text: `*Alert:* kill test ${n} - \`critical\`\n*Details:*\n  • *alertname:* \`KillTest${n}\`\n  • *service:* \`service-${n}\``, fallback: title }];
  const ts = fakeSlack.postMessage(ALERTS, { botId: 'B0AM', text: '', attachments });
  return { ts, event: { type: 'message', subtype: 'bot_message', channel: ALERTS, bot_id: 'B0AM', username: 'alertmanager', text: '', attachments, ts, event_ts: ts } };
}

/** Sends `count` alerts at `concurrency`, kills the bot after `killAfter` acknowledgements; returns the ts of every acknowledged alert. */
async function stormAndKill(slack: SignedSlackClient, running: BotProcess, from: number, count: number, concurrency: number, killAfter: number): Promise<string[]> {
  if (!fake) throw new Error('no fake');
  const fakeSlack = fake;
  const acked: string[] = [];
  let next = from;
  let killing: Promise<void> | null = null;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < from + count && killing === null) {
        const { ts, event } = alertmanagerPost(fakeSlack, next);
        const eventId = `EvKill${next}`;
        next += 1;
        const answer = await slack.event(event, { eventId }).catch(() => null);
        if (answer?.status === 200) acked.push(ts);
        if (acked.length >= killAfter && killing === null) killing = killHard(running);
      }
    }),
  );
  await killing;
  return acked;
}

describe('alert ingest survives SIGKILL', () => {
  it.each([32, 64])('at %i concurrent deliveries: every acknowledged alert is counted and no group gets two replies', async (concurrency) => {
    fake = await FakeSlack.start({ botToken: BOT_TOKEN, botUserId: 'U0BOT' });
    fake.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT'] });
    const dir = mkdtempSync(join(tmpdir(), 'incident-bot-ingest-kill-'));
    const databasePath = join(dir, 'bot.db');
    writeFileSync(join(dir, 'incident-bot.yml'), `alertChannels: [${ALERTS}]\n`);
    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api/`, DATABASE_URL: `sqlite:${databasePath}`, CONFIG_FILE: join(dir, 'incident-bot.yml') };

    const acked: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      bot = await spawnBot(env);
      const slack = new SignedSlackClient({ appUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET, fake });
      const killAfter = 40 + Math.floor(Math.random() * 160);
      acked.push(...(await stormAndKill(slack, bot, round * 300, 300, concurrency, killAfter)));
      expect(acked.length).toBeGreaterThanOrEqual(killAfter);
    }
    bot = await spawnBot(env);

    await eventually(() => {
      const stored = storedTs(databasePath);
      expect(acked.filter((ts) => !stored.has(ts))).toEqual([]);
    }, 30_000);
    await eventually(() => {
      const all = groups(databasePath);
      expect(all).toHaveLength(GROUPS);
      for (const group of all) expect(fake?.replies(ALERTS, group.thread_ts).filter((m) => m.user === 'U0BOT')).toHaveLength(1);
    }, 60_000);
    // Counted once each: no acknowledged alert was counted twice either.
    expect(groups(databasePath).reduce((sum, g) => sum + g.alert_count, 0)).toBe(storedTs(databasePath).size);
  }, 180_000);
});
