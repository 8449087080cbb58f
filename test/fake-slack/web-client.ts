/** A real @slack/web-api WebClient wired to a FakeSlack, for tests of the fake itself and of Slack adapters. */
import { LogLevel, WebAPIPlatformError, WebClient, type Logger, type WebClientOptions } from '@slack/web-api';
import type { FakeSlack } from './server.js';

/** WebClient logs `[ERROR]` response messages; tests that provoke them on purpose want silence. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

export function connectWebClient(fake: FakeSlack, options: WebClientOptions = {}, token = fake.botToken): WebClient {
  return new WebClient(token, { slackApiUrl: `${fake.url}/api/`, retryConfig: { retries: 0 }, logger: silentLogger, ...options });
}

/** The Slack error code a call failed with; fails the test if the call succeeded or failed some other way. */
export async function slackError(call: Promise<unknown>): Promise<{ error: string; messages: string[] }> {
  try {
    await call;
  } catch (e) {
    if (e instanceof WebAPIPlatformError) {
      return { error: e.data.error, messages: e.data.response_metadata?.messages ?? [] };
    }
    throw e;
  }
  throw new Error('expected the Slack call to fail');
}
