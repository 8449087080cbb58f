import { loadSettings } from './config.js';
import { startBot } from './bot.js';
import { slackErrorCode } from './slack/slack-errors.js';

/** Process entry: settings from the environment, start, and stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const settings = loadSettings(process.env);
  if (!settings.ok) {
    console.error(`incident-bot: ${settings.error}`);
    process.exit(2);
  }
  let bot;
  try {
    bot = await startBot(settings.value);
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'invalid_auth' || code === 'not_authed' || code === 'account_inactive' || code === 'token_revoked') {
      console.error(`incident-bot: setting SLACK_BOT_TOKEN: Slack rejected the token (${code})`);
      process.exit(2);
    }
    console.error(`incident-bot: could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const running = bot;
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
