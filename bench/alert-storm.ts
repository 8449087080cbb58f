/**
 * Alert storm: 5,000 alert messages over 50 fingerprints, sent as signed Events API requests to the real bot, with
 * the fake Slack rate-limiting chat writes. Prints alerts/s stored, ack p50/p99, Slack writes per group, triage
 * threads, alerts lost and peak RSS; then the same burst against a bare Bolt app that only acks.
 * Run: npm run bench:storm   (not a test: it prints numbers)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, HTTPReceiver } from '@slack/bolt';
import { pino } from 'pino';
import { startBot } from '../src/bot.js';
import { defaultConfig, type Settings } from '../src/config.js';
import { FakeSlack } from '../test/fake-slack/server.js';
import { sendStorm } from './storm-event.js';
import { SignedSlackClient } from '../test/fake-slack/slack-client.js';

const ALERTS = 'C0ALERTS';
const TOTAL = Number(process.env.STORM_ALERTS ?? 5_000);
const FINGERPRINTS = 50;
const CONCURRENCY = 32;
const SECRET = 'bench-secret';
const TOKEN = 'xoxb-bench';

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const burst = (fake: FakeSlack, appUrl: string) =>
  sendStorm(fake, ALERTS, [new SignedSlackClient({ appUrl, signingSecret: SECRET, fake })], { total: TOTAL, groups: FINGERPRINTS, concurrency: CONCURRENCY });

async function runBot() {
  const fake = await FakeSlack.start({ botToken: TOKEN, botUserId: 'U0BOT' });
  fake.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT'] });
  // Rate limits on: the first 40 writes of each kind get 429 with Retry-After 1 s.
  fake.rateLimit('chat.update', 40, 1);
  fake.rateLimit('chat.postMessage', 40, 1);
  const settings: Settings = {
    slack: { botToken: TOKEN, signingSecret: SECRET, appToken: null, apiUrl: `${fake.url}/api/` },
    port: 0,
    database: { kind: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'incident-bot-bench-')), 'bench.db') },
    configFile: null,
    logLevel: 'silent',
    config: { ...defaultConfig(), alertChannels: [ALERTS] },
  };
  const bot = await startBot(settings, { logger: pino({ level: 'silent' }) });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const { latencies, seconds } = await burst(fake, `http://127.0.0.1:${bot.port}/slack/events`);

  // Stored: wait until every acked alert is in the record (storage runs right after the ack).
  let stored = 0;
  const storeDeadline = Date.now() + 60_000;
  while (Date.now() < storeDeadline) {
    stored = (await bot.store.storedAlerts(null)).length;
    if (stored >= TOTAL) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const storedSeconds = (performance.now() - started) / 1000;
  // Let the coalesced replies settle (one write per group per 5 s, after the 429s).
  const settleDeadline = Date.now() + 60_000;
  while (Date.now() < settleDeadline && (await bot.store.liveEffects(1)).length > 0) await new Promise((resolve) => setTimeout(resolve, 200));
  clearInterval(sampler);

  const threads = new Set(fake.callsTo('chat.postMessage').filter((c) => c.args.channel === ALERTS && c.args.thread_ts).map((c) => String(c.args.thread_ts)));
  const writes = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === ALERTS).length + fake.callsTo('chat.update').filter((c) => c.args.channel === ALERTS).length;
  await bot.stop();
  await fake.stop();
  return { latencies, seconds, stored, storedSeconds, threads: threads.size, writesPerGroup: writes / FINGERPRINTS, peakRss };
}

async function runBareBolt() {
  const fake = await FakeSlack.start({ botToken: TOKEN, botUserId: 'U0BOT' });
  fake.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT'] });
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events' });
  const app = new App({ token: TOKEN, receiver, botId: 'B0BOT', botUserId: 'U0BOT', clientOptions: { slackApiUrl: `${fake.url}/api/` } });
  app.event('message', async () => undefined);
  const server = await app.start(0);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const result = await burst(fake, `http://127.0.0.1:${port}/slack/events`);
  await app.stop();
  await fake.stop();
  return result;
}

const bot = await runBot();
const bare = await runBareBolt();
const ms = (n: number) => `${n.toFixed(1)} ms`;
console.log(`alert storm: ${TOTAL} alerts over ${FINGERPRINTS} fingerprints, ${CONCURRENCY} concurrent senders, fake Slack rate-limiting writes`);
console.log(`incident-bot  acked all in ${bot.seconds.toFixed(2)} s; stored all in ${bot.storedSeconds.toFixed(2)} s = ${(bot.stored / bot.storedSeconds).toFixed(0)} alerts/s stored`);
console.log(`incident-bot  ack p50 ${ms(percentile(bot.latencies, 50))}  p99 ${ms(percentile(bot.latencies, 99))}`);
console.log(`incident-bot  alerts stored ${bot.stored}, lost ${TOTAL - bot.stored}`);
console.log(`incident-bot  triage threads ${bot.threads} (expected ${FINGERPRINTS}), Slack writes per group ${bot.writesPerGroup.toFixed(1)}`);
console.log(`incident-bot  peak RSS ${(bot.peakRss / 1024 / 1024).toFixed(0)} MiB`);
console.log(`bare Bolt     sent in ${bare.seconds.toFixed(2)} s, ack p50 ${ms(percentile(bare.latencies, 50))}  p99 ${ms(percentile(bare.latencies, 99))}`);
console.log(`ratio         p99 incident-bot / bare Bolt = ${(percentile(bot.latencies, 99) / percentile(bare.latencies, 99)).toFixed(2)}`);
