import { loadSettings, SettingError } from './config.js';
import { startBot } from './bot.js';
import { slackErrorCode } from './slack/slack-errors.js';
import { boundHeapGrowth } from './runtime/heap-growth.js';

/** A start failure that is the operator's to fix, as the one line naming the setting; null for anything else. */
function settingProblem(error: unknown, port: number): string | null {
  if (error instanceof SettingError) return error.message;
  const code = slackErrorCode(error);
  if (code === 'invalid_auth' || code === 'not_authed' || code === 'account_inactive' || code === 'token_revoked') {
    return `setting SLACK_BOT_TOKEN: Slack rejected the token (${code})`;
  }
  const listenCode = error instanceof Error && 'code' in error ? error.code : null;
  if (listenCode === 'EADDRINUSE') return `setting PORT: port ${port} is already in use by another process; stop it or choose another PORT`;
  if (listenCode === 'EACCES') return `setting PORT: this process may not listen on port ${port} (ports below 1024 need privileges); choose another PORT`;
  return null;
}

/** Process entry: settings from the environment, start, and stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const settings = loadSettings(process.env);
  if (!settings.ok) {
    console.error(`incident-bot: ${settings.error}`);
    process.exit(2);
  }
  boundHeapGrowth();
  let bot: Awaited<ReturnType<typeof startBot>> | undefined;
  // Slack refused the app-level token while running (revoked, say): nothing more can arrive, so say so and stop.
  const refused = (error: Error): void => {
    console.error(`incident-bot: ${error.message}`);
    const stopped = bot ? bot.stop() : Promise.resolve();
    void stopped.finally(() => process.exit(2));
  };
  try {
    bot = await startBot(settings.value, { refused, rehearse: true });
  } catch (error) {
    const problem = settingProblem(error, settings.value.port);
    if (problem !== null) {
      console.error(`incident-bot: ${problem}`);
      process.exit(2);
    }
    console.error(`incident-bot: could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const running = bot;
  // A last guard: a rejected promise nobody awaited is a bug to log, not a reason to drop every other request.
  process.on('unhandledRejection', (reason) => running.log.error({ err: reason }, 'unhandled promise rejection'));
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    running.log.info({ signal }, 'stopping');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        running.log.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();
