/**
 * `npm run playground`: the real bot and the project's fake Slack in one process, with a Slack-like page on
 * localhost. No Slack account, no network: every request stays on loopback.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLogger } from '../src/logger.js';
import { parseCliOptions, USAGE } from './options.js';
import { startPlayground, type Playground } from './playground.js';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

/** How often the playground looks whether whoever started it is still there. */
const PARENT_CHECK_MS = 250;

async function main(): Promise<void> {
  const startedBy = process.ppid;
  const options = parseCliOptions(process.argv.slice(2));
  if (!options.ok) {
    console.error(`playground: ${options.error} (npm run playground -- --help)`);
    process.exit(2);
  }
  if (options.value.help) {
    say(USAGE);
    return;
  }
  const o = options.value;
  if (o.databasePath !== null) mkdirSync(dirname(o.databasePath), { recursive: true });
  let playground: Playground;
  try {
    playground = await startPlayground({
      port: o.port,
      databasePath: o.databasePath,
      locale: o.locale,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
      logger: createLogger(o.logLevel),
      socketMode: o.socketMode,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === 'EADDRINUSE') {
      console.error(`playground: --port ${o.port}: already in use; pass another (--port 0 picks a free one)`);
      process.exit(2);
    }
    console.error(`playground: could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const running = playground;
  say(`incident-bot playground: ${running.url}`);
  say(`  the real bot (port ${running.bot.port}) answers a fake Slack, both on 127.0.0.1; nothing leaves this machine`);
  say(o.socketMode ? '  Slack reaches the bot over Socket Mode (a WebSocket the bot opens); its port serves only health and metrics' : '  Slack reaches the bot with signed HTTP requests (--socket-mode for Socket Mode)');
  say(`  record: ${running.databasePath}${o.databasePath === null ? ' (temporary; --db FILE keeps it)' : ''}`);
  say('  Ctrl-C (or SIGTERM to npm or to this process) stops it.');
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`playground: unclean stop: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // `npm run playground` runs this under `sh -c`; on SIGTERM npm passes the signal to that shell only, which dies
  // without passing it on. Whoever started the playground going away (npm, a shell, a test harness) stops it too.
  setInterval(() => {
    if (process.ppid !== startedBy) shutdown();
  }, PARENT_CHECK_MS).unref();
}

void main();
