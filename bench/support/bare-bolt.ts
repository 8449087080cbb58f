/**
 * The baseline for the ingest benchmark: a Bolt app that only acknowledges, in its own process like the bot.
 * Prints `{"port":N} bare bolt ready` on stdout.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET ?? '', endpoints: '/slack/events' });
const app = new App({
  token: process.env.SLACK_BOT_TOKEN ?? '',
  receiver,
  botId: 'B0BOT',
  botUserId: 'U0BOT',
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? '' },
});
app.event('message', async () => undefined);
const server = await app.start(0);
const address = server.address();
console.log(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })} bare bolt ready`);
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
