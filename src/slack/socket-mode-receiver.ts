import { createServer, type Server } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { SettingError } from '../config.js';
import { routeListener } from '../http/route-listener.js';
import type { HttpRoute } from '../http/routes.js';
import { socketEnvelopeIntake, type AcknowledgeEnvelope, type SocketEnvelope } from '../inbound/slack/socket-envelopes.js';
import { SocketModeConnection, type EndedBecause, type SocketModeTiming } from './socket-mode-connection.js';

/** What Socket Mode's client emits for each envelope (`slack_event`). */
const slackEvent = z.object({
  envelope_id: z.string().min(1),
  type: z.string(),
  body: z.record(z.string(), z.unknown()),
  retry_num: z.number().optional(),
  retry_reason: z.string().optional(),
  ack: z.custom<(answer?: Record<string, unknown>) => Promise<void>>((value) => typeof value === 'function'),
});

export interface SocketModeReceiverOptions {
  readonly appToken: string;
  /** For `apps.connections.open` (the API URL, no retries inside the client: the connection's loop retries). */
  readonly clientOptions: WebClientOptions;
  readonly timing: SocketModeTiming;
  /** Served on `port`: health, readiness, metrics, alert webhooks. */
  readonly routes: readonly HttpRoute[];
  readonly port: number;
  readonly host?: string;
  readonly log: Logger;
  /** Stores an Events API body before its envelope is acknowledged (the HTTP door's own intake). */
  takeEvent(json: Record<string, unknown>, raw: string): Promise<boolean>;
  /** An event that could not be stored (left unacknowledged: Slack sends it again). */
  unstored(error: unknown): void;
  /** A command or an interaction whose listener failed before acknowledging it, counted as over HTTP (where it is a 5xx). */
  failedBeforeAck(error: unknown): void;
  /** Slack refused the app-level token once the bot was running. */
  refused(error: SettingError): void;
  connected(): void;
  ended(because: EndedBecause): void;
}

/**
 * Bolt's receiver for Socket Mode, of our own: Bolt's acknowledges every envelope before its listener runs, so an
 * event would be acknowledged before it is stored. This one sends each Events API envelope through the inbox first
 * (socket-envelopes.ts) and acknowledges it once stored; commands and interactivity reach the listeners with an ack
 * that answers on the connection they came by. The connection itself is kept by SocketModeConnection; `PORT` serves
 * the bot's own routes.
 */
export class StoringSocketModeReceiver implements Receiver {
  private app: App | null = null;
  private readonly server: Server;
  private readonly connection: SocketModeConnection;
  private readonly inFlight = new Set<Promise<void>>();
  private taking = true;
  private readonly intake: (envelope: SocketEnvelope, ack: AcknowledgeEnvelope) => Promise<void>;

  constructor(private readonly o: SocketModeReceiverOptions) {
    this.server = createServer(routeListener(o.routes));
    this.intake = socketEnvelopeIntake({
      takeEvent: o.takeEvent,
      unstored: o.unstored,
      dispatch: (envelope, ack) => this.dispatch(envelope, ack),
      log: o.log,
    });
    this.connection = new SocketModeConnection(
      o.appToken,
      o.clientOptions,
      o.timing,
      {
        envelope: (args) => this.receive(args),
        connected: () => o.connected(),
        ended: (because) => o.ended(because),
        failed: (error, retryInMs) => o.log.warn({ err: error, retryInMs }, 'socket mode: could not connect to Slack; trying again'),
        refused: (error) => o.refused(error),
      },
      o.log,
    );
  }

  /** Whether Slack can reach the bot now: a connection is open. */
  get connected(): boolean {
    return this.connection.connected;
  }

  init(app: App): void {
    this.app = app;
  }

  /** Serves `PORT` first (health answers while connecting), then connects; resolves with the HTTP server. */
  async start(): Promise<Server> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.o.port, this.o.host, () => resolve());
    });
    try {
      await this.connection.start();
    } catch (error) {
      this.server.close();
      throw error;
    }
    return this.server;
  }

  /**
   * Stops taking envelopes (those arriving now stay unacknowledged: Slack sends them again, to another replica or after
   * the restart), finishes the ones being stored so their acks go out, then closes the connection and `PORT`.
   */
  async stop(): Promise<void> {
    this.taking = false;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.connection.stop();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private receive(args: unknown): void {
    const parsed = slackEvent.safeParse(args);
    if (!parsed.success) {
      this.o.log.warn({ reason: parsed.error.issues[0]?.message }, 'socket mode: a message that is no envelope was ignored');
      return;
    }
    if (!this.taking) return;
    const { envelope_id, type, body, retry_num, retry_reason, ack } = parsed.data;
    const envelope: SocketEnvelope = {
      envelopeId: envelope_id,
      type,
      payload: body,
      ...(retry_num === undefined ? {} : { retryAttempt: retry_num }),
      ...(retry_reason === undefined ? {} : { retryReason: retry_reason }),
    };
    const work = this.intake(envelope, (answer) => ack(answer)).catch((error: unknown) => {
      // The connection went while the ack was on its way: Slack sends the envelope again, and it is applied once.
      this.o.log.warn({ err: error, envelope_id }, 'socket mode: an envelope could not be acknowledged; Slack sends it again');
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Runs a command or an interaction through Bolt; its listener acknowledges it (once) with its answer. */
  private async dispatch(envelope: SocketEnvelope, ack: AcknowledgeEnvelope): Promise<void> {
    if (!this.app) throw new Error('socket mode receiver used before Bolt initialised it');
    let acknowledged = false;
    const event: ReceiverEvent = {
      body: envelope.payload,
      ack: async (answer?: unknown) => {
        if (acknowledged) return;
        acknowledged = true;
        await ack(typeof answer === 'string' ? { text: answer } : (answer as Record<string, unknown> | undefined));
      },
      ...(envelope.retryAttempt === undefined ? {} : { retryNum: envelope.retryAttempt }),
      ...(envelope.retryReason === undefined ? {} : { retryReason: envelope.retryReason }),
    };
    try {
      await this.app.processEvent(event);
    } catch (error) {
      if (!acknowledged) this.o.failedBeforeAck(error);
    }
  }
}
