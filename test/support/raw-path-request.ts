import { request } from 'node:http';
import { slackSignature } from '../fake-slack/slack-client.js';

/**
 * A signed POST to the bot with the path sent exactly as written. `fetch` (and every WHATWG URL) resolves `/./` and
 * `%2e` before sending, so a request for `/slack/./events` has to be written by hand, as an attacker's client would.
 */
export function postToRawPath(
  port: number,
  path: string,
  options: { body: string; contentType: string; signingSecret: string; ageSeconds?: number },
): Promise<number> {
  const ts = Math.floor(Date.now() / 1000) - (options.ageSeconds ?? 0);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        headers: {
          'content-type': options.contentType,
          'content-length': Buffer.byteLength(options.body),
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': slackSignature(options.signingSecret, ts, options.body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
