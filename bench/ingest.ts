/**
 * Alert ingest side by side in one run: the bot vs a Bolt app that only acknowledges, each in its own process, the
 * same messages from the same load generator (this process; the fake Slack, with its latency and rate limits, runs
 * in a third process so its work never delays the load generator's clock). Prints acks/s and ack p50/p99 at 32 and 64 concurrent deliveries, the time until every group has its
 * triage reply, and the bot's RSS after 100,000 alerts.
 * Run: npm run bench:ingest [-- --alerts 3000 --groups 50 --rss-alerts 100000 --concurrency 32,64 --only bot|bare]
 * (prints numbers; not a test)
 * Profile: INGEST_PROFILE=/tmp/prof npm run bench:ingest (the bot runs with --cpu-prof into that folder).
 * Diagnose: INGEST_TRACE=1 prints every ack slower than 300 ms with when it began; INGEST_BOT_LOG=FILE keeps the bot's
 * log; INGEST_NODE_FLAGS="…" passes Node flags to the bot.
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { percentile, sleep, startChild, startFake as startFakeProcess, stopChild, type FakeProcess } from './support/processes.js';

const SECRET = 'bench-secret';
const TOKEN = 'xoxb-bench';
const ALERTS = 'C0ALERTS';
const { values } = parseArgs({
  options: {
    alerts: { type: 'string', default: '3000' },
    groups: { type: 'string', default: '50' },
    'rss-alerts': { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '32,64' },
    only: { type: 'string' },
  },
});
const CONCURRENCY = values.concurrency.split(',').map(Number);
const TOTAL = Number(values.alerts);
const GROUPS = Number(values.groups);
const RSS_TOTAL = Number(values['rss-alerts']);
const WARM_UP = 300;

const rssMiB = (pid: number | undefined): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

/** `v0=` HMAC of `v0:<timestamp>:<body>`, as Slack signs every request. */
const signature = (timestamp: number, body: string): string => `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;

/** Sends `total` alert events at `concurrency`; only the signed request to the app is timed, not the post into Slack. */
async function load(fake: FakeProcess, port: number, total: number, concurrency: number, prefix: string, channel = 'alerts', groups = GROUPS): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const [event] = (await fake.control(`/post?channel=${channel}&from=${i}&count=1&groups=${groups}`)) as unknown[];
        const now = Math.floor(Date.now() / 1000);
        const body = JSON.stringify({ token: 't', team_id: 'T0TEAM', api_app_id: 'A0APP', event, type: 'event_callback', event_id: `Ev${prefix}${i}`, event_time: now });
        const t0 = performance.now();
        const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(now), 'x-slack-signature': signature(now, body) },
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (process.env.INGEST_TRACE && performance.now() - t0 > 300) console.log(`  slow ack ${prefix}${i}: began at +${((t0 - started) / 1000).toFixed(2)} s, took ${(performance.now() - t0).toFixed(0)} ms`);
        if (response.status !== 200) throw new Error(`ack failed: ${response.status}`);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

function botEnv(fake: FakeProcess): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-bot-ingest-'));
  writeFileSync(join(dir, 'incident-bot.yml'), `alertChannels: [${ALERTS}, C0WARMUP]\n`);
  return {
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.api,
    DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`,
    CONFIG_FILE: join(dir, 'incident-bot.yml'),
    PORT: '0',
    LOG_LEVEL: 'info',
  };
}

/** The bot as `npm start` runs it: compiled (built once below), without tsx's loader in the process. */
const botArgs = (): string[] => [...(process.env.INGEST_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), ...(process.env.INGEST_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.INGEST_PROFILE}`] : []), 'dist/src/main.js'];

interface Row {
  readonly name: string;
  readonly concurrency: number;
  readonly acksPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly allRepliesSeconds: number | null;
}

/**
 * The same warm-up for both apps before anything is timed, in a channel of its own and at the measured concurrency:
 * Slack keeps its connections to an app open between deliveries, and a bot that has been up for a while has its code
 * compiled and its statements prepared when a storm begins. Without it, the first wave (a new connection each, on a
 * cold process) takes 0.3–0.8 s and alone sets the p99 of a 3,000-alert run, for either app.
 */
async function warmUp(fake: FakeProcess, port: number, concurrency: number, waitUntilRead: boolean): Promise<void> {
  await load(fake, port, WARM_UP, concurrency, 'W', 'warm-up', 5);
  const deadline = Date.now() + 60_000;
  while (waitUntilRead && !(await readAll(port)) && Date.now() < deadline) await sleep(200);
}

async function runBare(concurrency: number): Promise<Row> {
  const fake = await startFakeProcess(TOKEN);
  const child = await startChild(['--import', 'tsx', 'bench/support/bare-bolt.ts'], { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.api }, /"port":(\d+)\} bare bolt ready/);
  await warmUp(fake, child.port, concurrency, false);
  const { latencies, seconds } = await load(fake, child.port, TOTAL, concurrency, `B${concurrency}x`);
  await stopChild(child);
  await stopChild(fake.child);
  return { name: 'Bolt app that only acks', concurrency, acksPerSecond: TOTAL / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), allRepliesSeconds: null };
}

async function runBot(concurrency: number): Promise<Row> {
  const fake = await startFakeProcess(TOKEN);
  const child = await startChild(botArgs(), botEnv(fake), /"port":(\d+)[^\n]*incident-bot ready/);
  await warmUp(fake, child.port, concurrency, true);
  const started = performance.now();
  const { latencies, seconds } = await load(fake, child.port, TOTAL, concurrency, `I${concurrency}x`);
  const repliedThreads = async (): Promise<number> => ((await fake.control('/threads')) as { threads: number }).threads;
  const deadline = Date.now() + 300_000;
  while ((await repliedThreads()) < GROUPS && Date.now() < deadline) await sleep(200);
  const allRepliesSeconds = (await repliedThreads()) >= GROUPS ? (performance.now() - started) / 1000 : null;
  await stopChild(child);
  await stopChild(fake.child);
  return { name: 'incident-bot', concurrency, acksPerSecond: TOTAL / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), allRepliesSeconds };
}

/** Whether the bot has read every stored event (its inbox gauge, on /metrics). */
async function readAll(port: number): Promise<boolean> {
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return /incident_bot_inbox_depth\{state="queued"\} 0\b/.test(metrics) && /incident_bot_inbox_depth\{state="running"\} 0\b/.test(metrics);
}

async function rssAfter(total: number): Promise<{ rss: number; seconds: number }> {
  const fake = await startFakeProcess(TOKEN);
  const child = await startChild(botArgs(), botEnv(fake), /"port":(\d+)[^\n]*incident-bot ready/);
  const { seconds } = await load(fake, child.port, total, 32, 'R');
  // Let the drain read the backlog, then measure what stays.
  const peak = rssMiB(child.process.pid);
  const deadline = Date.now() + 600_000;
  while ((((await fake.control('/threads')) as { threads: number }).threads < GROUPS || !(await readAll(child.port))) && Date.now() < deadline) await sleep(1_000);
  // Then idle a little, as the bot would after a storm: the heap shrinks back when allocation stops.
  await sleep(30_000);
  const rss = rssMiB(child.process.pid);
  const metrics = await (await fetch(`http://127.0.0.1:${child.port}/metrics`)).text();
  console.log(metrics.split('\n').filter((l) => /^incident_bot_(nodejs_heap_size_(used|total)_bytes|nodejs_heap_space_size_total_bytes|nodejs_external_memory_bytes|process_resident_memory_bytes)/.test(l)).join('\n'));
  console.log(`  (RSS right after the last ack: ${peak.toFixed(0)} MiB, with the backlog still being read)`);
  await stopChild(child);
  await stopChild(fake.child);
  return { rss, seconds };
}

execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
console.log(`alert ingest: ${TOTAL} Alertmanager-style messages over ${GROUPS} groups; fake Slack answers in 50–250 ms with Slack's rate limits`);
const rows: Row[] = [];
for (const concurrency of CONCURRENCY) {
  if (values.only !== 'bot') rows.push(await runBare(concurrency));
  if (values.only !== 'bare') rows.push(await runBot(concurrency));
}
const ms = (n: number) => `${n.toFixed(0)} ms`;
console.log('| | concurrent | acks/s | ack p50 | ack p99 | every group has its reply |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.name} | ${r.concurrency} | ${r.acksPerSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.allRepliesSeconds === null ? '—' : `${r.allRepliesSeconds.toFixed(1)} s`} |`);
}
for (const concurrency of CONCURRENCY) {
  const bare = rows.find((r) => r.concurrency === concurrency && r.name !== 'incident-bot');
  const bot = rows.find((r) => r.concurrency === concurrency && r.name === 'incident-bot');
  if (!bare || !bot) continue;
  console.log(`ratio at ${concurrency}: ack p99 bot/bare ${(bot.p99 / bare.p99).toFixed(2)} (target ≤ 1.5), throughput bot/bare ${(bot.acksPerSecond / bare.acksPerSecond).toFixed(2)} (target ≥ 0.5)`);
}
if (RSS_TOTAL > 0) {
  const { rss, seconds } = await rssAfter(RSS_TOTAL);
  console.log(`RSS of the bot after ${RSS_TOTAL} alerts: ${rss.toFixed(0)} MiB = ${((rss * 1024 * 1024) / 1e6).toFixed(0)} MB (target < 200 MB); ${(RSS_TOTAL / seconds).toFixed(0)} acks/s over that run`);
}
