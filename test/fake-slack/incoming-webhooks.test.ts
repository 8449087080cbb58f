import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from './server.js';

let fake: FakeSlack;
afterEach(async () => fake?.stop());

const post = async (path: string, body: unknown) => {
  const res = await fetch(`${fake.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, text: await res.text(), retryAfter: res.headers.get('retry-after') };
};

describe('incoming webhooks', () => {
  it('post into their channel as the integration, answer "ok", and deliver the message event to the app', async () => {
    fake = await FakeSlack.start({ botToken: 'xoxb-t', latency: 'instant' });
    fake.addChannel({ id: 'C0ALERTS', name: 'alerts', members: [] });
    const events: Array<Record<string, unknown>> = [];
    fake.incomingWebhooks.deliverTo(async (event) => {
      events.push(event);
      return { status: 200 };
    });
    const path = fake.incomingWebhooks.add({ channel: 'C0ALERTS', botId: 'B0AM', username: 'incoming-webhook' });
    const attachments = [{ title: '[FIRING:1] DiskFull db (warning)', color: 'danger', text: '' }];
    expect(await post(path, { channel: '#alerts', username: 'Alertmanager', attachments })).toMatchObject({ status: 200, text: 'ok' });
    await fake.incomingWebhooks.delivered();
    const [message] = fake.messages('C0ALERTS');
    expect(message).toMatchObject({ bot_id: 'B0AM', user: '', attachments });
    expect(events).toEqual([
      { type: 'message', subtype: 'bot_message', channel: 'C0ALERTS', channel_type: 'channel', ts: message?.ts, event_ts: message?.ts, bot_id: 'B0AM', username: 'Alertmanager', text: '', attachments },
    ]);
  });

  it('answers like Slack: unknown hook, bad payload, no content, archived channel, more than about one a second', async () => {
    fake = await FakeSlack.start({ botToken: 'xoxb-t', latency: 'instant' });
    fake.addChannel({ id: 'C0ALERTS', name: 'alerts' });
    const path = fake.incomingWebhooks.add({ channel: 'C0ALERTS', botId: 'B0AM', username: 'hook' });
    expect(await post('/services/T0/B0/nope', { text: 'x' })).toMatchObject({ status: 404, text: 'no_service' });
    expect(await post(path, 'not json')).toMatchObject({ status: 400, text: 'invalid_payload' });
    expect(await post(path, { username: 'x' })).toMatchObject({ status: 400, text: 'no_text' });
    // A burst of three, then about one a second.
    const busy = fake.incomingWebhooks.add({ channel: 'C0ALERTS', botId: 'B0AM', username: 'hook' });
    for (let i = 0; i < 3; i += 1) expect((await post(busy, { text: `${i}` })).status).toBe(200);
    const limited = await post(busy, { text: 'one too many' });
    expect(limited).toMatchObject({ status: 429, text: 'rate_limited' });
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    fake.setArchived('C0ALERTS', true);
    expect(await post(path, { text: 'late' })).toMatchObject({ status: 410, text: 'channel_is_archived' });
  });
});
