/**
 * Drives the bot over Socket Mode the way Slack does: every request SignedSlackClient would post to `/slack/events`
 * becomes an envelope on the bot's WebSocket instead (docs.slack.dev/apis/events-api/using-socket-mode): a slash
 * command's form fields as `slash_commands`, an interaction's `payload` as `interactive`, an Events API body as
 * `events_api`. Its answer is the acknowledgement: 200 with the ack's payload as the body, or no status (0) when the
 * bot did not acknowledge within Slack's 3 s. A redelivered event (Slack's retry) keeps its envelope id.
 */
import { SignedSlackClient, type SlackHttpResponse } from './slack-client.js';
import type { EnvelopeType } from './socket-mode.js';

/** What the bot answered on the socket, in the shape an HTTP answer has (status 0: not acknowledged in time). */
export const NOT_ACKNOWLEDGED = 0;

export class SocketSlackClient extends SignedSlackClient {
  /** Socket Mode has no signature: every request goes out the same way, whatever signing a test asks for. */
  override async post(body: string, contentType: string, _signing?: unknown, headers: Record<string, string> = {}): Promise<SlackHttpResponse> {
    const { type, payload } = envelopeOf(body, contentType);
    const retry = headers['x-slack-retry-num'];
    const eventId = typeof payload.event_id === 'string' ? payload.event_id : undefined;
    const outcome = await this.o.fake.socketMode.send(type, payload, {
      // Slack's redelivery of an event is the same envelope again; tests name the event, so its envelope follows it.
      ...(eventId === undefined ? {} : { envelopeId: `envelope-${eventId}` }),
      ...(retry === undefined ? {} : { retryAttempt: Number(retry) }),
      ...(headers['x-slack-retry-reason'] === undefined ? {} : { retryReason: headers['x-slack-retry-reason'] }),
    });
    if (!outcome.acked) return { status: NOT_ACKNOWLEDGED, body: '' };
    return outcome.answer ? { status: 200, body: JSON.stringify(outcome.answer), json: outcome.answer } : { status: 200, body: '' };
  }
}

function envelopeOf(body: string, contentType: string): { type: EnvelopeType; payload: Record<string, unknown> } {
  if (contentType.startsWith('application/json')) return { type: 'events_api', payload: JSON.parse(body) as Record<string, unknown> };
  const form = new URLSearchParams(body);
  const interaction = form.get('payload');
  if (interaction !== null) return { type: 'interactive', payload: JSON.parse(interaction) as Record<string, unknown> };
  return { type: 'slash_commands', payload: Object.fromEntries(form) };
}
