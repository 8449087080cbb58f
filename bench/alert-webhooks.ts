/**
 * Alerts over HTTP, side by side in one run: the bot's `POST /alerts/alertmanager/<name>` vs an HTTP server that only
 * reads the body and answers 200, each in its own process, the same Alertmanager-style notifications (payload v4)
 * from the same load generator (this process); the fake Slack, with its latency and rate limits, in a third process.
 * Prints notifications/s and instances/s, ack p50/p99, and the time until every group's message is in Slack (and
 * shows its final count).
 * Run: npm run bench:webhooks [-- --notifications 200 --instances 10 --groups 50 --concurrency 16]
 * (prints numbers; not a test). Profile: WEBHOOKS_PROFILE=/tmp/prof npm run bench:webhooks (the bot runs with --cpu-prof).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { percentile, sleep, startChild, startFake, stopChild, type FakeProcess } from './support/processes.js';

const TOKEN = 'xoxb-bench';
const WEBHOOK_TOKEN = 'bench-alertmanager-token-0123456789';
const { values } = parseArgs({
  options: {
    notifications: { type: 'string', default: '200' },
    instances: { type: 'string', default: '10' },
    groups: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '16' },
  },
});
const NOTIFICATIONS = Number(values.notifications);
const PER_NOTIFICATION = Number(values.instances);
const GROUPS = Number(values.groups);
const CONCURRENCY = Number(values.concurrency);
const WARM_UP = 40;

/**
 * Notification `k`: `PER_NOTIFICATION` new instances of group `k % GROUPS` (its alertname and service), as an
 * Alertmanager would send a group whose alerts arrive in waves. `source` picks the measured or the warm-up source.
 */
function notification(k: number, prefix: string): string {
  const g = k % GROUPS;
  const wave = Math.floor(k / GROUPS);
  const startsAt = new Date(Date.UTC(2026, 10, 23, 3, 0, 0)).toISOString();
  const alerts = Array.from({ length: PER_NOTIFICATION }, (_, i) => {
    const instance = `web-${wave * PER_NOTIFICATION + i}`;
    return {
      status: 'firing',
      labels: { alertname: `${prefix}Alert${g}`, service: `svc-${g}`, instance, severity: 'critical' },
      annotations: { summary: `p99 latency of svc-${g} above 2s` },
      startsAt,
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: `http://prometheus.example/graph?g0.expr=latency${g}`,
      fingerprint: `${prefix}-${g}-${instance}`,
    };
  });
  const groupLabels = { alertname: `${prefix}Alert${g}`, service: `svc-${g}` };
  return JSON.stringify({
    receiver: 'bot',
    status: 'firing',
    alerts,
    groupLabels,
    commonLabels: { ...groupLabels, severity: 'critical' },
    commonAnnotations: { summary: `p99 latency of svc-${g} above 2s` },
    externalURL: 'http://alertmanager.example:9093',
    version: '4',
    groupKey: `{}:{alertname="${prefix}Alert${g}", service="svc-${g}", wave="${wave}"}`,
    truncatedAlerts: 0,
  });
}

/** Sends `total` notifications at `concurrency`, each timed from request to answer. */
async function load(port: number, path: string, total: number, prefix: string): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        const body = notification(next++, prefix);
        const t0 = performance.now();
        const response = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_TOKEN}` } });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (response.status !== 200) throw new Error(`not stored: ${response.status}`);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

function botEnv(fake: FakeProcess): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-bot-webhooks-'));
  // The measured source posts in the alert channel the fake watches; the warm-up's in another.
  writeFileSync(
    join(dir, 'incident-bot.yml'),
    [
      'alertSources:',
      '  - { name: bench, kind: alertmanager, channel: C0ALERTS, tokenEnv: BENCH_TOKEN }',
      '  - { name: warmup, kind: alertmanager, channel: C0WARMUP, tokenEnv: BENCH_TOKEN }',
      '',
    ].join('\n'),
  );
  return {
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: 'bench-secret',
    SLACK_API_URL: fake.api,
    DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`,
    CONFIG_FILE: join(dir, 'incident-bot.yml'),
    BENCH_TOKEN: WEBHOOK_TOKEN,
    PORT: '0',
    LOG_LEVEL: 'info',
  };
}

interface Row {
  readonly name: string;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly allPostedSeconds: number | null;
  readonly allFinalSeconds: number | null;
}

async function runBare(): Promise<Row> {
  const child = await startChild(['--import', 'tsx', 'bench/support/bare-http.ts'], {}, /"port":(\d+)\} bare http ready/);
  await load(child.port, '/alerts/alertmanager/warmup', WARM_UP, 'Warm');
  const { latencies, seconds } = await load(child.port, '/alerts/alertmanager/bench', NOTIFICATIONS, 'Storm');
  await stopChild(child);
  return { name: 'HTTP server that only answers', perSecond: NOTIFICATIONS / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), allPostedSeconds: null, allFinalSeconds: null };
}

async function runBot(fake: FakeProcess): Promise<Row> {
  const child = await startChild([...(process.env.WEBHOOKS_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.WEBHOOKS_PROFILE}`] : []), 'dist/src/main.js'], botEnv(fake), /"port":(\d+)[^\n]*incident-bot ready/);
  await load(child.port, '/alerts/alertmanager/warmup', WARM_UP, 'Warm');
  const started = performance.now();
  const { latencies, seconds } = await load(child.port, '/alerts/alertmanager/bench', NOTIFICATIONS, 'Storm');
  const texts = async (): Promise<string[]> => ((await fake.control('/group-messages')) as { texts: string[] }).texts;
  const finalCount = `${(NOTIFICATIONS / GROUPS) * PER_NOTIFICATION} alert instances`;
  let allPostedSeconds: number | null = null;
  let allFinalSeconds: number | null = null;
  const deadline = Date.now() + 600_000;
  while (allFinalSeconds === null && Date.now() < deadline) {
    const shown = await texts();
    if (allPostedSeconds === null && shown.length >= GROUPS) allPostedSeconds = (performance.now() - started) / 1000;
    if (shown.length >= GROUPS && shown.every((text) => text.endsWith(finalCount))) allFinalSeconds = (performance.now() - started) / 1000;
    else await sleep(200);
  }
  await stopChild(child);
  return { name: 'incident-bot', perSecond: NOTIFICATIONS / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), allPostedSeconds, allFinalSeconds };
}

execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
console.log(
  `alerts over HTTP: ${NOTIFICATIONS * PER_NOTIFICATION} alert instances in ${NOTIFICATIONS} Alertmanager notifications over ${GROUPS} groups, ${CONCURRENCY} at a time; fake Slack answers in 50–250 ms with Slack's rate limits`,
);
const fake = await startFake(TOKEN);
const bare = await runBare();
const bot = await runBot(fake);
await stopChild(fake.child);
const ms = (n: number) => `${n.toFixed(0)} ms`;
const s = (n: number | null) => (n === null ? '—' : `${n.toFixed(1)} s`);
console.log('| | notifications/s | instances/s | ack p50 | ack p99 | every group has its message | every message shows its final count |');
console.log('|---|---|---|---|---|---|---|');
for (const r of [bare, bot]) {
  console.log(`| ${r.name} | ${r.perSecond.toFixed(0)} | ${(r.perSecond * PER_NOTIFICATION).toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${s(r.allPostedSeconds)} | ${s(r.allFinalSeconds)} |`);
}
console.log(`ratio: ack p99 bot/bare ${(bot.p99 / bare.p99).toFixed(2)}, throughput bot/bare ${(bot.perSecond / bare.perSecond).toFixed(2)}`);
