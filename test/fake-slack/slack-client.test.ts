import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { App, LogLevel, verifySlackRequest } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from './server.js';
import { SignedSlackClient, slackSignature } from './slack-client.js';
import { silentLogger } from './web-client.js';

const TOKEN = 'xoxb-client-test';
const SECRET = 'client-test-signing-secret';

interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}

let fake: FakeSlack | undefined;
let stopApp: (() => Promise<unknown>) | undefined;
let capture: Server | undefined;
afterEach(async () => {
  await stopApp?.();
  stopApp = undefined;
  capture?.closeAllConnections();
  await new Promise((resolve) => (capture ? capture.close(resolve) : resolve(undefined)));
  capture = undefined;
  await fake?.stop();
});

async function startFake(): Promise<FakeSlack> {
  fake = await FakeSlack.start({ botToken: TOKEN });
  fake.addUser({ id: 'U0ALICE', name: 'alice' });
  fake.addChannel({ id: 'C0GENERAL', name: 'general', members: ['UBOT', 'U0ALICE'] });
  return fake;
}

/** A loopback endpoint that records what it is sent. */
async function startCapture(seen: Captured[]): Promise<string> {
  capture = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.end('');
    });
  });
  await new Promise<void>((resolve) => capture?.listen(0, '127.0.0.1', resolve));
  const address = capture.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}/slack/events`;
}

const header = (h: IncomingHttpHeaders, name: string): string => {
  const v = h[name];
  return typeof v === 'string' ? v : '';
};

describe('SignedSlackClient signing', () => {
  it('signs exactly as Bolt verifies: v0=hex(hmac-sha256(secret, "v0:ts:body"))', async () => {
    const f = await startFake();
    const seen: Captured[] = [];
    const slack = new SignedSlackClient({ appUrl: await startCapture(seen), signingSecret: SECRET, fake: f });
    await slack.command('declare Payments down', { user: 'U0ALICE', channel: 'C0GENERAL' });
    await slack.badlySigned('{}');
    const [signed, bad] = seen;
    if (!signed || !bad) throw new Error('requests not captured');
    const ts = Number(header(signed.headers, 'x-slack-request-timestamp'));
    const expected = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${signed.body}`).digest('hex')}`;
    expect(header(signed.headers, 'x-slack-signature')).toBe(expected);
    expect(slackSignature(SECRET, ts, signed.body)).toBe(expected);
    expect(header(signed.headers, 'content-type')).toBe('application/x-www-form-urlencoded');
    expect(() =>
      verifySlackRequest({ signingSecret: SECRET, body: signed.body, headers: { 'x-slack-signature': expected, 'x-slack-request-timestamp': ts } }),
    ).not.toThrow();
    const badTs = Number(header(bad.headers, 'x-slack-request-timestamp'));
    expect(() =>
      verifySlackRequest({ signingSecret: SECRET, body: bad.body, headers: { 'x-slack-signature': header(bad.headers, 'x-slack-signature'), 'x-slack-request-timestamp': badTs } }),
    ).toThrow(/signature mismatch/);
    const form = new URLSearchParams(signed.body);
    expect(Object.fromEntries(form)).toMatchObject({ command: '/incident', text: 'declare Payments down', user_id: 'U0ALICE', user_name: 'alice', channel_name: 'general' });
    expect(form.get('response_url')).toMatch(new RegExp(`^${f.url}/response/`));
  });
});

describe('driving a real Bolt app against the fake', () => {
  async function startBolt(f: FakeSlack) {
    const app = new App({
      token: TOKEN,
      signingSecret: SECRET,
      logger: silentLogger,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: `${f.url}/api/`, retryConfig: { retries: 0 } },
    });
    const declared: Array<{ title: unknown; severity: unknown }> = [];
    const events: unknown[] = [];
    app.command('/incident', async ({ ack, body, client, respond }) => {
      await ack();
      if (body.text !== 'declare') {
        await respond({ text: `unknown: ${body.text}` });
        return;
      }
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'declare',
          title: { type: 'plain_text', text: 'Declare an incident' },
          submit: { type: 'plain_text', text: 'Declare' },
          blocks: [
            { type: 'input', block_id: 'title', label: { type: 'plain_text', text: 'Title' }, element: { type: 'plain_text_input', action_id: 'value' } },
            {
              type: 'input',
              block_id: 'severity',
              label: { type: 'plain_text', text: 'Severity' },
              element: { type: 'static_select', action_id: 'value', options: [{ text: { type: 'plain_text', text: 'SEV1' }, value: 'sev1' }], initial_option: { text: { type: 'plain_text', text: 'SEV1' }, value: 'sev1' } },
            },
          ],
        },
      });
    });
    app.view('declare', async ({ ack, view }) => {
      const title = view.state.values.title?.value?.value;
      if (!title) {
        await ack({ response_action: 'errors', errors: { title: 'Give it a title' } });
        return;
      }
      await ack();
      declared.push({ title, severity: view.state.values.severity?.value?.selected_option?.value });
    });
    app.action('incident.mitigated', async ({ ack, respond }) => {
      await ack();
      await respond({ replace_original: true, text: 'Mitigated' });
    });
    app.event('pin_added', async ({ event }) => {
      events.push(event);
    });
    const server = await app.start(0);
    stopApp = () => app.stop();
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const slack = new SignedSlackClient({ appUrl: `http://127.0.0.1:${address.port}/slack/events`, signingSecret: SECRET, fake: f });
    return { slack, declared, events };
  }

  it('runs command → modal → submission, clicks and events end to end', async () => {
    const f = await startFake();
    const { slack, declared, events } = await startBolt(f);

    expect((await slack.command('nonsense', { user: 'U0ALICE', channel: 'C0GENERAL' })).status).toBe(200);
    await expect.poll(() => f.responsesFor('U0ALICE').map((r) => r.text)).toEqual(['unknown: nonsense']);

    await slack.command('declare', { user: 'U0ALICE', channel: 'C0GENERAL' });
    await expect.poll(() => f.lastView()?.callback_id).toBe('declare');
    const view = f.lastView();
    if (!view) throw new Error('no view');
    expect(view.userId).toBe('U0ALICE');

    const refused = await slack.submitView({ user: 'U0ALICE', view, values: { title: { value: { type: 'plain_text_input', value: null } } } });
    expect(refused.json).toEqual({ response_action: 'errors', errors: { title: 'Give it a title' } });
    expect(refused.outcome.action).toBe('errors');
    const accepted = await slack.submitView({ user: 'U0ALICE', view, values: { title: { value: { type: 'plain_text_input', value: 'Payments down' } } } });
    expect(accepted).toMatchObject({ status: 200, body: '', outcome: { action: 'closed' } });
    expect(declared).toEqual([{ title: 'Payments down', severity: 'sev1' }]);
    await expect(slack.submitView({ user: 'U0ALICE', view, values: { nope: { value: { type: 'plain_text_input', value: 'x' } } } })).rejects.toThrow(/closed/);

    const ts = f.postMessage('C0GENERAL', { user: 'UBOT', text: 'card', blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'incident.mitigated', text: { type: 'plain_text', text: 'Mitigated' } }] }] });
    expect((await slack.clickButton({ user: 'U0ALICE', channel: 'C0GENERAL', messageTs: ts, actionId: 'incident.mitigated', value: '1' })).status).toBe(200);
    await expect.poll(() => f.message('C0GENERAL', ts)?.text).toBe('Mitigated');

    const pinned = await slack.event({ type: 'pin_added', user: 'U0ALICE', channel_id: 'C0GENERAL', item: { type: 'message', message: { ts } } }, { eventId: 'Ev0PIN', retryNum: 1, retryReason: 'http_timeout' });
    expect(pinned).toMatchObject({ status: 200, eventId: 'Ev0PIN' });
    await expect.poll(() => events).toHaveLength(1);

    expect((await slack.badlySigned('{}')).status).toBe(401);
    expect((await slack.staleSigned('{}')).status).toBe(401);
  });
});
