/**
 * Alert ingest side by side in one run: the bot vs a Bolt app that only acknowledges, each in its own process, the
 * same messages from the same load generator (this process; the fake Slack, with its latency and rate limits, runs
 * in a third process so its work never delays the load generator's clock).
 *
 * Each run starts both apps afresh and sends each the same two storms: the first right after the app is ready (cold:
 * nothing compiled, no statement prepared, no connection open, as when a deploy or a crash restarts the bot into an
 * alert storm), then, once the bot has read the first and posted its replies, the same storm again in another channel
 * (warm). Prints acks/s and ack p50/p99 of each (and how long the fake Slack took to post each message, the untimed
 * half of a delivery that paces the load), the ratios bot/bare per run and their spread over the runs, the time until
 * every group has its triage reply, and the bot's peak RSS. Then a backlog run: a fresh bot takes `--backlog`
 * alerts as fast as it acknowledges them and reads them after; its peak RSS while reading and its RSS once the backlog
 * is read and 30 s passed quietly.
 *
 * Run: npm run bench:ingest [-- --alerts 3000 --groups 50 --concurrency 32 --runs 5 --backlog 100000 --only bot|bare]
 * (prints numbers; not a test). The machine's load average is printed with each run: read the ratios of quiet runs.
 * Profile: INGEST_PROFILE=/tmp/prof npm run bench:ingest -- --runs 1 --backlog 0 (the bot runs with --cpu-prof; the
 * top self-time entries of its start, of each storm's acknowledging and of the reading after the last ack are printed).
 * Diagnose: INGEST_TRACE=1 prints every ack slower than 300 ms with when it began; INGEST_BOT_LOG=FILE keeps the bot's
 * log; INGEST_NODE_FLAGS="…" passes Node flags to the bot.
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { formatWindow, monotonicUs, readWindow, type Window } from './support/cpu-profile.js';
import { percentile, sleep, startChild, startFake, stopChild, type Child, type FakeProcess } from './support/processes.js';

const SECRET = 'bench-secret';
const TOKEN = 'xoxb-bench';
const { values } = parseArgs({
  options: {
    alerts: { type: 'string', default: '3000' },
    groups: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '32' },
    runs: { type: 'string', default: '5' },
    backlog: { type: 'string', default: '100000' },
    only: { type: 'string' },
  },
});
const TOTAL = Number(values.alerts);
const GROUPS = Number(values.groups);
const CONCURRENCY = Number(values.concurrency);
const RUNS = Number(values.runs);
const BACKLOG = Number(values.backlog);
const PROFILE = process.env.INGEST_PROFILE;

/** A line of /proc/<pid>/status in MiB: VmRSS now, VmHWM the peak so far. */
const statusMiB = (pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
};
const mb = (mib: number): number => (mib * 1024 * 1024) / 1e6;

/** `v0=` HMAC of `v0:<timestamp>:<body>`, as Slack signs every request. */
const signature = (timestamp: number, body: string): string => `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;

/** Sends `total` alert events at `concurrency`; only the signed request to the app is timed, not the post into Slack. */
async function load(fake: FakeProcess, port: number, total: number, prefix: string, channel = 'alerts'): Promise<{ latencies: number[]; posting: number[]; seconds: number }> {
  const latencies: number[] = [];
  // The untimed half of each delivery: the fake Slack posting the message (it shares the cores with the app).
  const posting: number[] = [];
  const timeline: Array<[number, number]> = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        const i = next++;
        const p0 = performance.now();
        const [event] = (await fake.control(`/post?channel=${channel}&from=${i}&count=1&groups=${GROUPS}`)) as unknown[];
        posting.push(performance.now() - p0);
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
        timeline.push([t0 - started, performance.now() - t0]);
        if (process.env.INGEST_TRACE && performance.now() - t0 > 300) console.log(`  slow ack ${prefix}${i}: began at +${((t0 - started) / 1000).toFixed(2)} s, took ${(performance.now() - t0).toFixed(0)} ms`);
        if (response.status !== 200) throw new Error(`ack failed: ${response.status}`);
      }
    }),
  );
  if (process.env.INGEST_TRACE) printTimeline(prefix, timeline);
  return { latencies: latencies.sort((a, b) => a - b), posting: posting.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

/** Acks per half second of a storm: how many began, their p50 and p99 (where a cold start's cost shows). */
function printTimeline(prefix: string, timeline: ReadonlyArray<readonly [number, number]>): void {
  const buckets = new Map<number, number[]>();
  for (const [at, ms] of timeline) buckets.set(Math.floor(at / 500), [...(buckets.get(Math.floor(at / 500)) ?? []), ms]);
  const rows = [...buckets].sort((a, b) => a[0] - b[0]).map(([b, ms]) => {
    const sorted = ms.sort((x, y) => x - y);
    return `${(b / 2).toFixed(1)}s:${sorted.length}/${percentile(sorted, 50).toFixed(0)}/${percentile(sorted, 99).toFixed(0)}`;
  });
  console.log(`  ${prefix} acks per 0.5 s (began/p50/p99 ms): ${rows.join(' ')}`);
}

function botEnv(fake: FakeProcess): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-bot-ingest-'));
  writeFileSync(join(dir, 'incident-bot.yml'), 'alertChannels: [C0ALERTS, C0ALERTS2]\n');
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

const profileArgs = (): string[] => (PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []);

/** The bot as `npm start` runs it: compiled (built once below), without tsx's loader in the process. */
const botArgs = (): string[] => [...(process.env.INGEST_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), ...profileArgs(), 'dist/src/main.js'];

/** The bare app compiled alike (tsc writes dist/src only), so neither app pays a loader the other does not. */
function buildBareApp(): string {
  const out = join('dist', 'bench', 'support', 'bare-bolt.js');
  mkdirSync(join('dist', 'bench', 'support'), { recursive: true });
  const source = readFileSync('bench/support/bare-bolt.ts', 'utf8');
  writeFileSync(out, ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
  return out;
}

interface Storm {
  readonly acksPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** p50 of the load generator's wait for the fake Slack to post each message (not timed as an ack, but it paces the load). */
  readonly postingP50: number;
  /** From the first request until every group has its triage reply (the bot only). */
  readonly repliesSeconds: number | null;
  readonly acking: Window;
  /** From the last ack until every stored event is read (the bot only). */
  readonly reading: Window | null;
}

interface AppRun {
  readonly cold: Storm;
  readonly warm: Storm;
  /** VmHWM after both storms. */
  readonly peakMiB: number;
  readonly started: Window;
  readonly pid: number | undefined;
}

/** Whether the bot has read every stored event (its inbox gauge, on /metrics). */
async function readAll(port: number): Promise<boolean> {
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return /incident_bot_inbox_depth\{state="queued"\} 0\b/.test(metrics) && /incident_bot_inbox_depth\{state="running"\} 0\b/.test(metrics);
}

const threads = async (fake: FakeProcess, channel: string): Promise<number> => ((await fake.control(`/threads?channel=${channel}`)) as { threads: number }).threads;

async function until(condition: () => Promise<boolean>, limitMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(everyMs);
  }
  return false;
}

/** One storm; for the bot, waits until it is read and every group has its reply. */
async function storm(fake: FakeProcess, child: Child, prefix: string, channel: string, bot: boolean): Promise<Storm> {
  const fromUs = monotonicUs();
  const started = performance.now();
  const { latencies, posting, seconds } = await load(fake, child.port, TOTAL, prefix, channel);
  const acking = { fromUs, toUs: monotonicUs() };
  const summary = { acksPerSecond: TOTAL / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), postingP50: percentile(posting, 50), acking };
  if (!bot) return { ...summary, repliesSeconds: null, reading: null };
  await until(() => readAll(child.port), 300_000, 20);
  const reading = { fromUs: acking.toUs, toUs: monotonicUs() };
  const replied = await until(async () => (await threads(fake, channel)) >= GROUPS, 300_000, 200);
  return { ...summary, repliesSeconds: replied ? (performance.now() - started) / 1000 : null, reading };
}

async function runApp(kind: 'bare' | 'bot', run: number, bareApp: string): Promise<AppRun> {
  const fake = await startFake(TOKEN);
  const fromUs = monotonicUs();
  const child =
    kind === 'bot'
      ? await startChild(botArgs(), botEnv(fake), /"port":(\d+)[^\n]*incident-bot ready/)
      : await startChild([bareApp], { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.api }, /"port":(\d+)\} bare bolt ready/);
  const started = { fromUs, toUs: monotonicUs() };
  const tag = `${kind === 'bot' ? 'I' : 'B'}${run}`;
  const cold = await storm(fake, child, `${tag}c`, 'alerts', kind === 'bot');
  const warm = await storm(fake, child, `${tag}w`, 'second', kind === 'bot');
  const peakMiB = statusMiB(child.process.pid, 'VmHWM');
  await stopChild(child);
  await stopChild(fake.child);
  return { cold, warm, peakMiB, started, pid: child.process.pid };
}

/** The load generator's own code warmed up once, against a server that only answers, so neither app's first run pays for it. */
async function warmLoadGenerator(): Promise<void> {
  const fake = await startFake(TOKEN);
  const server = createServer((req, res) => req.on('data', () => undefined).on('end', () => res.end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await load(fake, typeof address === 'object' && address ? address.port : 0, 1_000, 'G', 'warm-up');
  server.close();
  await stopChild(fake.child);
}

/** The bot's profile (written when it exits), read for its start and each storm. */
function printProfile(bot: AppRun): void {
  if (!PROFILE) return;
  // The main thread's (a checkpoint's worker thread writes one of its own).
  const file = readdirSync(PROFILE).find((name) => name.endsWith('.cpuprofile') && name.includes(`.${bot.pid}.0.`));
  if (!file) return console.log(`no profile of pid ${bot.pid} in ${PROFILE}`);
  const path = join(PROFILE, file);
  const windows = { started: bot.started, coldAcking: bot.cold.acking, coldReading: bot.cold.reading, warmAcking: bot.warm.acking };
  writeFileSync(path.replace(/\.cpuprofile$/, '.windows.json'), JSON.stringify(windows));
  console.log(`\nprofile ${path} (windows in .windows.json beside it)`);
  console.log(formatWindow('start (until ready)', readWindow(path, bot.started)));
  console.log(formatWindow('cold storm, acknowledging', readWindow(path, bot.cold.acking)));
  if (bot.cold.reading) console.log(formatWindow('cold storm, reading after the last ack', readWindow(path, bot.cold.reading)));
  console.log(formatWindow('warm storm, acknowledging', readWindow(path, bot.warm.acking)));
}

async function backlogRun(total: number): Promise<void> {
  const fake = await startFake(TOKEN);
  const child = await startChild(botArgs(), botEnv(fake), /"port":(\d+)[^\n]*incident-bot ready/);
  const pid = child.process.pid;
  let phase: 'acking' | 'reading' | 'quiet' = 'acking';
  const peak = { acking: 0, reading: 0, quiet: 0 };
  const sampler = setInterval(() => (peak[phase] = Math.max(peak[phase], statusMiB(pid, 'VmRSS'))), 100);
  const loadAtStart = loadavg()[0] ?? 0;
  const { seconds } = await load(fake, child.port, total, 'R');
  const ackedAt = performance.now();
  phase = 'reading';
  await until(async () => (await readAll(child.port)) && (await threads(fake, 'alerts')) >= GROUPS, 1_200_000, 1_000);
  const readSeconds = (performance.now() - ackedAt) / 1000;
  phase = 'quiet';
  // Then idle, as the bot would after a storm: what stays is what a container limit must hold.
  await sleep(30_000);
  clearInterval(sampler);
  const settled = statusMiB(pid, 'VmRSS');
  const hwm = statusMiB(pid, 'VmHWM');
  const metrics = await (await fetch(`http://127.0.0.1:${child.port}/metrics`)).text();
  console.log(metrics.split('\n').filter((l) => /^incident_bot_(nodejs_heap_size_(used|total)_bytes|nodejs_external_memory_bytes|process_resident_memory_bytes)/.test(l)).join('\n'));
  await stopChild(child);
  await stopChild(fake.child);
  const fmt = (mib: number) => `${mib.toFixed(0)} MiB = ${mb(mib).toFixed(0)} MB`;
  console.log(`\nbacklog of ${total} alerts (load average ${loadAtStart.toFixed(1)} at start): acked at ${(total / seconds).toFixed(0)}/s in ${seconds.toFixed(0)} s, read ${readSeconds.toFixed(0)} s after the last ack`);
  console.log(`  peak RSS while acknowledging ${fmt(peak.acking)}, while reading the backlog ${fmt(peak.reading)}, peak of the process (VmHWM) ${fmt(hwm)} (target < 256 MB)`);
  console.log(`  settled RSS (read, then 30 s quiet) ${fmt(settled)} (target < 200 MB)`);
}

// ---- the runs ----

execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
const bareApp = buildBareApp();
if (PROFILE) mkdirSync(PROFILE, { recursive: true });
console.log(`alert ingest: ${TOTAL} Alertmanager-style messages over ${GROUPS} groups at ${CONCURRENCY} concurrent deliveries, ${RUNS} runs; fake Slack answers in 50–250 ms with Slack's rate limits`);
await warmLoadGenerator();

interface Run {
  readonly load: number;
  readonly bare: AppRun | null;
  readonly bot: AppRun | null;
}
const runs: Run[] = [];
const ms = (n: number) => `${n.toFixed(0)} ms`;
const ratio = (a: number, b: number) => (a / b).toFixed(2);
for (let run = 1; run <= RUNS; run++) {
  const loadAtStart = loadavg()[0] ?? 0;
  const bare = values.only === 'bot' ? null : await runApp('bare', run, bareApp);
  const bot = values.only === 'bare' ? null : await runApp('bot', run, bareApp);
  runs.push({ load: loadAtStart, bare, bot });
  console.log(`\nrun ${run} (load average ${loadAtStart.toFixed(1)} at start, ${(loadavg()[0] ?? 0).toFixed(1)} at end)`);
  console.log('| | storm | acks/s | ack p50 | ack p99 | fake Slack posting each message, p50 | every group has its reply | peak RSS |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [name, app] of [['Bolt app that only acks', bare], ['incident-bot', bot]] as const) {
    if (!app) continue;
    for (const which of ['cold', 'warm'] as const) {
      const s = app[which];
      console.log(`| ${name} | ${which} | ${s.acksPerSecond.toFixed(0)} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.postingP50)} | ${s.repliesSeconds === null ? '—' : `${s.repliesSeconds.toFixed(1)} s`} | ${which === 'warm' ? `${app.peakMiB.toFixed(0)} MiB` : ''} |`);
    }
  }
  const startSeconds = (app: AppRun | null) => (app ? `${((app.started.toUs - app.started.fromUs) / 1e6).toFixed(1)} s` : '—');
  console.log(`from start to ready (the bot rehearses a storm first): bare ${startSeconds(bare)}, bot ${startSeconds(bot)}`);
  if (bare && bot) {
    for (const which of ['cold', 'warm'] as const) {
      console.log(`${which}: ack p99 bot/bare ${ratio(bot[which].p99, bare[which].p99)} (target ≤ 1.5), throughput bot/bare ${ratio(bot[which].acksPerSecond, bare[which].acksPerSecond)} (target ≥ 0.5)`);
    }
  }
  if (bot && PROFILE) printProfile(bot);
}

const paired = runs.filter((r): r is Run & { bare: AppRun; bot: AppRun } => r.bare !== null && r.bot !== null);
if (paired.length > 1) {
  const spread = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return `${sorted.map((x) => x.toFixed(2)).join(' / ')} (median ${percentile(sorted, 50).toFixed(2)})`;
  };
  console.log(`\nover ${paired.length} runs (load averages ${paired.map((r) => r.load.toFixed(1)).join(', ')}):`);
  for (const which of ['cold', 'warm'] as const) {
    const p99 = paired.map((r) => r.bot[which].p99 / r.bare[which].p99);
    const tput = paired.map((r) => r.bot[which].acksPerSecond / r.bare[which].acksPerSecond);
    const met = paired.filter((_, i) => (p99[i] ?? Infinity) <= 1.5 && (tput[i] ?? 0) >= 0.5).length;
    console.log(`${which}: ack p99 bot/bare ${spread(p99)}; throughput bot/bare ${spread(tput)}; both targets met in ${met} of ${paired.length}`);
  }
}
if (BACKLOG > 0 && values.only !== 'bare') await backlogRun(BACKLOG);
