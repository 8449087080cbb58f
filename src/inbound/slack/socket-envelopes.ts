import type { Logger } from 'pino';
import { checkEnvelope } from './request-guard.js';

/**
 * Socket Mode's door: what an HTTP request to `/slack/events` is over HTTP, an envelope is over Slack's WebSocket
 * (docs.slack.dev/apis/events-api/using-socket-mode). The same guarantees hold on both: an Events API body is stored in
 * the inbox (the same intake, group commit) before its envelope is acknowledged, and an envelope that could not be
 * stored is left unacknowledged, so Slack sends it again (with `retry_attempt`), and the inbox keeps its `event_id`
 * once. Commands and interactivity go to the app's listeners, which acknowledge them within Slack's 3 s themselves,
 * with their answer (`response_action` errors of a form) riding on the acknowledgement as on the HTTP response.
 */

/** An envelope as the bot reads it: `payload` is exactly what Slack would have posted over HTTP. */
export interface SocketEnvelope {
  readonly envelopeId: string;
  /** `events_api`, `slash_commands`, `interactive` */
  readonly type: string;
  readonly payload: Record<string, unknown>;
  readonly retryAttempt?: number;
  readonly retryReason?: string;
}

/** Acknowledges an envelope on the connection it came by; an answer (a command's, a form's) rides along. */
export type AcknowledgeEnvelope = (answer?: Record<string, unknown>) => Promise<void>;

export interface EnvelopeDoors {
  /** Stores an Events API body before it is acknowledged (the HTTP door's own); false for a body it does not store. */
  takeEvent(json: Record<string, unknown>, raw: string): Promise<boolean>;
  /** Hands a payload to the app's listeners, which acknowledge it (or not, when they fail first). */
  dispatch(envelope: SocketEnvelope, ack: AcknowledgeEnvelope): Promise<void>;
  /** An event that could not be stored, counted and logged as over HTTP; its envelope stays unacknowledged. */
  unstored(error: unknown): void;
  readonly log: Pick<Logger, 'warn'>;
}

export function socketEnvelopeIntake(doors: EnvelopeDoors): (envelope: SocketEnvelope, ack: AcknowledgeEnvelope) => Promise<void> {
  return async (envelope, ack) => {
    const shape = checkEnvelope(envelope.payload);
    if (!shape.ok) {
      // What HTTP answers 400: nothing a second delivery could change, so it is acknowledged and dropped.
      doors.log.warn({ envelope_id: envelope.envelopeId, type: envelope.type, reason: shape.reason }, 'socket mode envelope refused');
      await ack();
      return;
    }
    if (envelope.type === 'events_api') {
      let stored: boolean;
      try {
        stored = await doors.takeEvent(envelope.payload, JSON.stringify(envelope.payload));
      } catch (error) {
        doors.unstored(error);
        return;
      }
      if (stored) {
        await ack();
        return;
      }
    }
    await doors.dispatch(envelope, ack);
  };
}
