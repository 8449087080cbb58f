/**
 * HTTP mode and Socket Mode side by side, the bot in this process against the fake Slack with its delivery latency off
 * (so the figures are the bot's own cost, not Slack's network): an alert storm's acknowledgements (p50/p99, acks/s),
 * slash commands' acknowledgements, and in Socket Mode how long Slack cannot reach the bot when it recycles the
 * connection or the socket drops (from the fault to the next `hello`). Read the ratios on a shared machine.
 * Run: npm run bench:socket-mode   (STORM_ALERTS=1000)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startBot, type RunningBot } from '../src/bot.js';
import { defaultConfig, type Settings } from '../src/config.js';
import { FakeSlack } from '../test/fake-slack/server.js';
import { SignedSlackClient } from '../test/fake-slack/slack-client.js';
import { SocketSlackClient } from '../test/fake-slack/socket-slack-client.js';
import { sendStorm } from './storm-event.js';

const ALERTS = 'C0ALERTS';
const GENERAL = 'C0GENERAL';
const TOTAL = Number(process.env.STORM_ALERTS ?? 1_000);
const COMMANDS = 50;
const SECRET = 'bench-secret';
const TOKEN = 'xoxb-bench';

type Transport = 'http' | 'socket';

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number): string => `${n.toFixed(0)} ms`;

async function start(transport: Transport): Promise<{ fake: FakeSlack; bot: RunningBot; client: SignedSlackClient }> {
  const fake = await FakeSlack.start({ botToken: TOKEN, botUserId: 'U0BOT', latency: 'instant' });
  fake.addUser({ id: 'U0ALICE', name: 'alice' });
  fake.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT'] });
  fake.addChannel({ id: GENERAL, name: 'general', members: ['U0BOT', 'U0ALICE'] });
  const apiUrl = `${fake.url}/api/`;
  const settings: Settings = {
    slack: transport === 'http' ? { botToken: TOKEN, signingSecret: SECRET, appToken: null, apiUrl } : { botToken: TOKEN, signingSecret: null, appToken: fake.appToken, apiUrl },
    port: 0,
    database: { kind: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'incident-bot-bench-socket-')), 'bot.db') },
    configFile: null,
    logLevel: 'silent',
    config: { ...defaultConfig(), alertChannels: [ALERTS] },
  };
  const bot = await startBot(settings, { logger: pino({ level: 'silent' }) });
  const o = { appUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SECRET, fake };
  return { fake, bot, client: transport === 'http' ? new SignedSlackClient(o) : new SocketSlackClient(o) };
}

async function commandLatencies(client: SignedSlackClient): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < COMMANDS; i += 1) {
    const t0 = performance.now();
    const answer = await client.command('help', { user: 'U0ALICE', channel: GENERAL });
    if (answer.status !== 200) throw new Error(`command not acknowledged: ${answer.status}`);
    latencies.push(performance.now() - t0);
  }
  return latencies.sort((a, b) => a - b);
}

/** From a fault to the next connection's `hello`, once each (Tier 1 allows a few reconnects in a row). */
async function reconnectGaps(fake: FakeSlack): Promise<Record<string, number>> {
  const gaps: Record<string, number> = {};
  const faults: Array<[string, () => void]> = [
    ['refresh_requested', () => fake.socketMode.requestRefresh()],
    ['dropped socket', () => fake.socketMode.dropConnections()],
  ];
  for (const [name, fault] of faults) {
    const before = fake.socketMode.connections.length;
    const t0 = performance.now();
    fault();
    while (fake.socketMode.connections.length === before) await new Promise((resolve) => setTimeout(resolve, 5));
    gaps[name] = performance.now() - t0;
  }
  return gaps;
}

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const transport of ['http', 'socket'] as const) {
    const { fake, bot, client } = await start(transport);
    try {
      const storm = await sendStorm(fake, ALERTS, [client], { total: TOTAL, groups: 10, concurrency: 16 });
      const commands = await commandLatencies(client);
      const gaps = transport === 'socket' ? await reconnectGaps(fake) : {};
      rows.push(
        `| ${transport} | ${ms(percentile(storm.latencies, 50))} / ${ms(percentile(storm.latencies, 99))} | ${(TOTAL / storm.seconds).toFixed(0)} | ` +
          `${ms(percentile(commands, 50))} / ${ms(percentile(commands, 99))} | ${Object.entries(gaps).map(([k, v]) => `${k} ${ms(v)}`).join(', ') || '—'} |`,
      );
    } finally {
      await bot.stop();
      await fake.stop();
    }
  }
  process.stdout.write(`${TOTAL} alert events (16 in flight), ${COMMANDS} slash commands one at a time; fake Slack latency off\n\n`);
  process.stdout.write('| transport | event ack p50 / p99 | acks/s | command ack p50 / p99 | Slack cannot reach the bot (fault → hello) |\n| --- | --- | --- | --- | --- |\n');
  process.stdout.write(`${rows.join('\n')}\n`);
}

await main();
