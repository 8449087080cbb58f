/**
 * The alert storm on SQLite, on PostgreSQL, and on PostgreSQL with two replicas, side by side in one run: each bot is
 * its own process (`src/main.ts`), the fake Slack (its latency and rate limits on) and the signed senders run here,
 * requests are spread over the replicas in turn. Prints ack p50/p99 (the 200 means stored in the inbox), alerts
 * acknowledged per second, how long until every alert is triaged (in `alerts`, grouped) and until every group's triage
 * reply shows its final count, and each figure as a ratio to SQLite. On a shared 2-core machine read the ratios, not the absolute times.
 * Run: npm run bench:replicas   (STORM_ALERTS=1000, ROUNDS=1)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { FakeSlack } from '../test/fake-slack/server.js';
import { sendStorm } from './storm-event.js';
import { SignedSlackClient } from '../test/fake-slack/slack-client.js';
import { killHard, spawnBot, type BotProcess } from '../test/support/bot-process.js';
import { startThrowawayPostgres } from '../test/support/throwaway-postgres.js';

const ALERTS = 'C0ALERTS';
const TOTAL = Number(process.env.STORM_ALERTS ?? 1_000);
const ROUNDS = Number(process.env.ROUNDS ?? 1);
const GROUPS = 10;
const CONCURRENCY = 16;
const SECRET = 'bench-secret';
const TOKEN = 'xoxb-bench';

interface Setup {
  readonly name: string;
  readonly replicas: number;
  /** A DATABASE_URL for a new, empty record, and how to count what it stored. */
  database(): Promise<{ url: string; stored(): Promise<number> }>;
}

interface Result {
  readonly p50: number;
  readonly p99: number;
  readonly ackedPerSecond: number;
  readonly storedSeconds: number;
  readonly repliesSeconds: number;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function storm(setup: Setup): Promise<Result> {
  const fake = await FakeSlack.start({ botToken: TOKEN, botUserId: 'U0BOT' });
  fake.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT'] });
  const dir = mkdtempSync(join(tmpdir(), 'incident-bot-bench-'));
  writeFileSync(join(dir, 'incident-bot.yml'), `alertChannels: [${ALERTS}]\n`);
  const database = await setup.database();
  const env = { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fake.url}/api/`, DATABASE_URL: database.url, CONFIG_FILE: join(dir, 'incident-bot.yml') };
  const bots: BotProcess[] = [];
  for (let i = 0; i < setup.replicas; i += 1) bots.push(await spawnBot(env));
  const clients = bots.map((b) => new SignedSlackClient({ appUrl: `http://127.0.0.1:${b.port}/slack/events`, signingSecret: SECRET, fake }));
  try {
    const started = performance.now();
    const { latencies, seconds: sentSeconds } = await sendStorm(fake, ALERTS, clients, { total: TOTAL, groups: GROUPS, concurrency: CONCURRENCY });
    while ((await database.stored()) < TOTAL) await sleep(20);
    const storedSeconds = (performance.now() - started) / 1000;
    // Every group's one reply shows its final count (replies are coalesced and paced by Slack's rate limits).
    const final = `${TOTAL / GROUPS} alert messages`;
    for (;;) {
      const parents = fake.messages(ALERTS).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
      const replies = parents.flatMap((p) => fake.replies(ALERTS, p.ts).filter((r) => r.user === fake.botUserId));
      if (replies.length >= GROUPS && replies.every((r) => JSON.stringify(r.blocks).includes(final))) break;
      if (performance.now() - started > 180_000) throw new Error('replies did not settle in 3 minutes');
      await sleep(100);
    }
    const repliesSeconds = (performance.now() - started) / 1000;
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), ackedPerSecond: TOTAL / sentSeconds, storedSeconds, repliesSeconds };
  } finally {
    for (const bot of bots) await killHard(bot);
    await fake.stop();
  }
}

const server = await startThrowawayPostgres({ durable: true });
let databases = 0;
const postgresDatabase = async () => {
  const name = `bench_${(databases += 1)}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = server.url.replace(/\/postgres$/, `/${name}`);
  return {
    url,
    async stored() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const result = await client.query<{ n: string }>('select count(*) as n from alerts').catch(() => ({ rows: [{ n: '0' }] }));
        return Number(result.rows[0]?.n ?? 0);
      } finally {
        await client.end();
      }
    },
  };
};
const sqliteDatabase = async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'incident-bot-bench-')), 'bench.db');
  return {
    url: `sqlite:${path}`,
    async stored() {
      const db = new SQLite(path, { readonly: true });
      try {
        return (db.prepare('select count(*) as n from alerts').get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
  };
};

const setups: Setup[] = [
  { name: 'SQLite, 1 replica', replicas: 1, database: sqliteDatabase },
  { name: 'PostgreSQL, 1 replica', replicas: 1, database: postgresDatabase },
  { name: 'PostgreSQL, 2 replicas', replicas: 2, database: postgresDatabase },
];

try {
  const results = new Map<string, Result[]>();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const setup of setups) results.set(setup.name, [...(results.get(setup.name) ?? []), await storm(setup)]);
  }
  const median = (name: string, pick: (r: Result) => number): number => {
    const values = (results.get(name) ?? []).map(pick).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)] ?? 0;
  };
  const base = setups[0]?.name ?? '';
  const columns: Array<[string, (r: Result) => number, (n: number) => string]> = [
    ['ack p50', (r) => r.p50, (n) => `${n.toFixed(1)} ms`],
    ['ack p99', (r) => r.p99, (n) => `${n.toFixed(1)} ms`],
    ['alerts acked/s', (r) => r.ackedPerSecond, (n) => n.toFixed(0)],
    ['all triaged', (r) => r.storedSeconds, (n) => `${n.toFixed(2)} s`],
    ['all replies final', (r) => r.repliesSeconds, (n) => `${n.toFixed(1)} s`],
  ];
  console.log(`alert storm: ${TOTAL} alerts over ${GROUPS} groups, ${CONCURRENCY} concurrent senders, fake Slack latency and rate limits on; median of ${ROUNDS} round(s)`);
  console.log(`| setup | ${columns.map(([c]) => c).join(' | ')} |`);
  console.log(`| --- | ${columns.map(() => '---').join(' | ')} |`);
  for (const setup of setups) {
    const cells = columns.map(([, pick, show]) => {
      const value = median(setup.name, pick);
      const ratio = value / (median(base, pick) || 1);
      return setup.name === base ? show(value) : `${show(value)} (×${ratio.toFixed(2)})`;
    });
    console.log(`| ${setup.name} | ${cells.join(' | ')} |`);
  }
} finally {
  server.stop();
}
