import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FakeSlack } from './server.js';

/**
 * The fake's Socket Mode, from the app's side of the socket: the link apps.connections.open hands out, hello, envelopes
 * to acknowledge, Slack's redelivery of an event it got no ack for (same envelope id, next retry_attempt), and the
 * token rules (docs.slack.dev/apis/events-api/using-socket-mode, docs.slack.dev/reference/methods/apps.connections.open).
 */
let fake: FakeSlack;
beforeEach(async () => {
  fake = await FakeSlack.start({ botToken: 'xoxb-test', latency: 'instant' });
});
afterEach(async () => fake.stop());

const open = (token: string) =>
  fetch(`${fake.url}/api/apps.connections.open`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }).then((r) => r.json() as Promise<Record<string, unknown>>);

/** Connects to a fresh link; resolves with the socket and every frame it receives (hello first). */
async function connect(): Promise<{ socket: WebSocket; frames: Array<Record<string, unknown>> }> {
  const { url } = await open(fake.appToken);
  const socket = new WebSocket(String(url));
  const frames: Array<Record<string, unknown>> = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return { socket, frames };
}

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('fake Socket Mode', () => {
  it('apps.connections.open takes the app-level token only, and its link opens one connection', async () => {
    expect(await open('xoxb-test')).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect(fake.takeViolations().map((v) => v.kind)).toEqual(['wrong_token']);
    expect(await open('xapp-wrong')).toEqual({ ok: false, error: 'invalid_auth' });
    const { url } = await open(fake.appToken);
    expect(String(url)).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=/);
    const first = new WebSocket(String(url));
    await new Promise((resolve) => first.once('message', resolve));
    const again = new WebSocket(String(url));
    await expect(new Promise((resolve, reject) => again.once('open', resolve).once('error', reject))).rejects.toThrow(/401/);
    first.close();
  });

  it('says hello, then sends an unacknowledged event again with the same envelope id and the next retry_attempt', async () => {
    const { socket, frames } = await connect();
    await until(() => frames.length === 1);
    expect(frames[0]).toMatchObject({ type: 'hello', connection_info: { app_id: 'A0FAKEAPP' } });
    const outcome = fake.socketMode.send('events_api', { type: 'event_callback', event_id: 'Ev1' }, { envelopeId: 'env-1' });
    await until(() => frames.length === 2);
    expect(frames[1]).toMatchObject({ envelope_id: 'env-1', type: 'events_api', retry_attempt: 0, accepts_response_payload: false });
    expect(await outcome).toEqual({ envelopeId: 'env-1', acked: false });
    await until(() => frames.length === 3);
    expect(frames[2]).toMatchObject({ envelope_id: 'env-1', retry_attempt: 1, retry_reason: 'timeout' });
    socket.send(JSON.stringify({ envelope_id: 'env-1' }));
    await until(() => fake.socketMode.connections[0]?.acked === 1);
    socket.send(JSON.stringify({ envelope_id: 'env-1' }));
    await until(() => fake.socketMode.strayAcks.length === 1);
    socket.close();
  });

  it('a command is sent once; its acknowledgement carries the answer back', async () => {
    const { socket, frames } = await connect();
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { envelope_id?: string };
      if (frame.envelope_id) socket.send(JSON.stringify({ envelope_id: frame.envelope_id, payload: { text: 'On call: alice' } }));
    });
    const outcome = await fake.socketMode.send('slash_commands', { command: '/incident', text: 'oncall' });
    expect(outcome).toMatchObject({ acked: true, answer: { text: 'On call: alice' } });
    expect(frames.filter((f) => f.type === 'slash_commands')).toHaveLength(1);
    expect(frames.at(-1)).toMatchObject({ accepts_response_payload: true });
    socket.close();
  });
});
