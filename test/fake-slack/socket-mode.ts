/**
 * Slack's Socket Mode, faked on the fake's own port: the `ws://…/link/?ticket=…` URL apps.connections.open hands out
 * opens one WebSocket, which gets `hello`, Slack's pings, and envelopes to acknowledge by `envelope_id`
 * (docs.slack.dev/apis/events-api/using-socket-mode). Slack's ways are kept: each envelope goes to any one open
 * connection, after the same 50–250 ms as a Web API call; an Events API envelope not acknowledged within 3 s (or whose
 * connection closed first) is sent again with the same `envelope_id` and a `retry_attempt`, up to three more times,
 * waiting for a connection if none is open; a command or an interaction is sent once (unanswered, Slack shows the
 * person an error). Faults: a `disconnect` frame (`refresh_requested`, `link_disabled`), a dropped socket, a connection
 * that goes silent (no pings, no pongs, nothing through: the client must notice missed pings), acknowledgements lost
 * on the way (as when the bot dies before its ack reaches Slack), the app-level token revoked.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Workspace } from './workspace.js';

/** Slack's window to acknowledge an envelope. */
export const SOCKET_ACK_TIMEOUT_MS = 3_000;
/** An Events API envelope is tried again up to this many times, as an HTTP event is. */
export const EVENT_RETRIES = 3;

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface SocketModeOptions {
  readonly latency: { minMs: number; maxMs: number };
  /** How often Slack pings each connection. */
  readonly pingIntervalMs?: number;
  /** How long after `refresh_requested` Slack closes a connection the client did not close itself. */
  readonly refreshGraceMs?: number;
}

/** What became of an envelope, as far as its sender can tell: acknowledged (with the answer), or not in time. */
export interface EnvelopeOutcome {
  readonly envelopeId: string;
  readonly acked: boolean;
  /** The acknowledgement's `payload`, when it had one (a command's answer, a form's `response_action`). */
  readonly answer?: Record<string, unknown>;
}

export interface SendOptions {
  /** Slack's id for the envelope; the same id again is a redelivery. */
  readonly envelopeId?: string;
  /** The attempt this send counts as (a test's own redelivery); the fake's later tries count on from it. */
  readonly retryAttempt?: number;
  readonly retryReason?: string;
}

/** One connection, as Slack keeps it. */
export interface LinkRecord {
  readonly id: number;
  readonly openedAt: number;
  closedAt: number | null;
  /** Envelopes sent on it, redeliveries included. */
  delivered: number;
  acked: number;
  silenced: boolean;
}

interface Link {
  readonly record: LinkRecord;
  readonly socket: WebSocket;
  readonly closed: Promise<void>;
  readonly timers: NodeJS.Timeout[];
}

interface Pending {
  readonly envelopeId: string;
  readonly type: EnvelopeType;
  readonly payload: Record<string, unknown>;
  readonly firstAttempt: number;
  readonly retryReason: string | undefined;
  tries: number;
  answered: ((answer: Record<string, unknown> | undefined) => void) | null;
  acked: boolean;
  /** Resolves at the acknowledgement. */
  readonly ackArrived: Promise<void>;
  markAcked(): void;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class FakeSocketMode {
  private readonly server = new WebSocketServer({ noServer: true, autoPong: false });
  private readonly links: Link[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly linkWaiters: Array<() => void> = [];
  private nextLinkId = 1;
  private enabled = true;
  private stopped = false;
  private readonly ackListeners: Array<(envelopeId: string, answer: Record<string, unknown> | undefined) => void> = [];
  /** Every connection ever opened, oldest first. */
  readonly connections: LinkRecord[] = [];
  /** Every send of an envelope: which connection, which attempt. */
  readonly deliveries: Array<{ envelopeId: string; link: number; retryAttempt: number; at: number }> = [];
  /** Acknowledgements the fake threw away while `acksLost` was on. */
  readonly lostAcks: string[] = [];
  /** Acknowledgements of envelope ids Slack never sent (or already had an ack for): a bot bug. */
  readonly strayAcks: string[] = [];
  /** Acknowledgements arriving are thrown away, as when the bot dies before its ack reaches Slack. */
  acksLost = false;

  constructor(
    private readonly ws: Workspace,
    private readonly o: SocketModeOptions,
  ) {}

  /** Connections open now (a silenced one counts: Slack does not know yet). */
  get open(): LinkRecord[] {
    return this.links.map((l) => l.record);
  }

  /** The most connections that were open at once. */
  maxOpenAtOnce = 0;

  /** Takes the HTTP upgrade of a `/link/` URL with a fresh ticket; refuses any other. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake-slack');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !this.ws.socketTickets.delete(ticket) || this.stopped) {
      socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(req, socket, head, (socketToBot) => this.accept(socketToBot));
  }

  /**
   * Sends an envelope to one open connection (waiting for one if it is an Events API envelope) and resolves once it is
   * acknowledged, or when Slack would give up waiting for this attempt (3 s); an unacknowledged event goes on being
   * sent meanwhile.
   */
  send(type: EnvelopeType, payload: Record<string, unknown>, o: SendOptions = {}): Promise<EnvelopeOutcome> {
    const envelopeId = o.envelopeId ?? randomUUID();
    return new Promise((resolve) => {
      let markAcked: () => void = () => undefined;
      const ackArrived = new Promise<void>((arrived) => (markAcked = arrived));
      const pending: Pending = {
        envelopeId,
        type,
        payload,
        firstAttempt: o.retryAttempt ?? 0,
        retryReason: o.retryReason,
        tries: 0,
        acked: false,
        answered: null,
        ackArrived,
        markAcked,
      };
      const settle = (outcome: EnvelopeOutcome): void => {
        pending.answered = null;
        resolve(outcome);
      };
      pending.answered = (answer) => settle({ envelopeId, acked: true, ...(answer ? { answer } : {}) });
      this.pending.set(envelopeId, pending);
      void this.deliver(pending, () => settle({ envelopeId, acked: false }));
    });
  }

  /** Hears each acknowledgement as it arrives (before the sender does). */
  onAck(listener: (envelopeId: string, answer: Record<string, unknown> | undefined) => void): void {
    this.ackListeners.push(listener);
  }

  /** Slack recycles every open connection: `disconnect` with `refresh_requested`, closed by Slack later if not by the app. */
  requestRefresh(): void {
    for (const link of [...this.links]) {
      this.frame(link, { type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'applink-fake' } });
      link.timers.push(setTimeout(() => link.socket.close(1000), this.o.refreshGraceMs ?? 10_000));
    }
  }

  /** Someone turns Socket Mode off in the app's settings: every connection gets `link_disabled` and is closed, and so is every new one. */
  disableLink(): void {
    this.enabled = false;
    for (const link of [...this.links]) this.refuseDisabled(link.socket);
  }

  /** Socket Mode turned back on. */
  enableLink(): void {
    this.enabled = true;
  }

  /** The app-level token is revoked: its connections close, and apps.connections.open answers `token_revoked`. */
  revokeAppToken(): void {
    this.ws.appTokenRevoked = true;
    for (const link of [...this.links]) link.socket.close(1000);
  }

  /** Every open connection's socket is destroyed without a close frame (a network drop). */
  dropConnections(): void {
    for (const link of [...this.links]) link.socket.terminate();
  }

  /** Every open connection goes silent both ways (a half-open socket): no pings, no pongs, nothing delivered or read. */
  silence(): void {
    for (const link of this.links) link.record.silenced = true;
  }

  stop(): void {
    this.stopped = true;
    for (const link of [...this.links]) link.socket.terminate();
    for (const wake of this.linkWaiters.splice(0)) wake();
    this.server.close();
  }

  private accept(socket: WebSocket): void {
    if (!this.enabled) {
      this.refuseDisabled(socket);
      return;
    }
    const record: LinkRecord = { id: this.nextLinkId++, openedAt: this.ws.now(), closedAt: null, delivered: 0, acked: 0, silenced: false };
    let markClosed: () => void = () => undefined;
    const link: Link = { record, socket, closed: new Promise((resolve) => (markClosed = resolve)), timers: [] };
    this.links.push(link);
    this.connections.push(record);
    this.maxOpenAtOnce = Math.max(this.maxOpenAtOnce, this.links.length);
    socket.on('ping', (data: Buffer) => {
      if (!record.silenced) socket.pong(data);
    });
    socket.on('message', (data: RawData) => {
      if (!record.silenced) this.received(link, data);
    });
    socket.on('close', () => {
      record.closedAt = this.ws.now();
      link.timers.forEach(clearTimeout);
      this.links.splice(this.links.indexOf(link), 1);
      markClosed();
    });
    socket.on('error', () => undefined);
    link.timers.push(
      setInterval(() => {
        if (!record.silenced) socket.ping();
      }, this.o.pingIntervalMs ?? 5_000),
    );
    this.frame(link, {
      type: 'hello',
      num_connections: this.links.length,
      debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18_060 },
      connection_info: { app_id: 'A0FAKEAPP' },
    });
    for (const wake of this.linkWaiters.splice(0)) wake();
  }

  private refuseDisabled(socket: WebSocket): void {
    socket.send(JSON.stringify({ type: 'disconnect', reason: 'link_disabled', debug_info: { host: 'applink-fake' } }));
    socket.close(1000);
  }

  private frame(link: Link, body: Record<string, unknown>): void {
    if (!link.record.silenced) link.socket.send(JSON.stringify(body));
  }

  private received(link: Link, data: RawData): void {
    let message: unknown;
    try {
      message = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8'));
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { envelope_id: envelopeId, payload } = message as { envelope_id?: unknown; payload?: unknown };
    if (typeof envelopeId !== 'string') return;
    if (this.acksLost) {
      this.lostAcks.push(envelopeId);
      return;
    }
    const pending = this.pending.get(envelopeId);
    if (!pending || pending.acked) {
      this.strayAcks.push(envelopeId);
      return;
    }
    pending.acked = true;
    pending.markAcked();
    link.record.acked += 1;
    const answer = typeof payload === 'object' && payload !== null && Object.keys(payload).length > 0 ? (payload as Record<string, unknown>) : undefined;
    for (const listener of this.ackListeners) listener(envelopeId, answer);
    pending.answered?.(answer);
  }

  /** Sends until acknowledged: each try to any open connection, the next when 3 s pass or the connection closes. */
  private async deliver(pending: Pending, notInTime: () => void): Promise<void> {
    const tries = pending.type === 'events_api' ? 1 + EVENT_RETRIES : 1;
    while (!pending.acked && pending.tries < tries && !this.stopped) {
      const link = await this.anyLink(pending.type === 'events_api');
      if (!link) break;
      const { minMs, maxMs } = this.o.latency;
      await delay(minMs + Math.random() * (maxMs - minMs));
      if (link.record.closedAt !== null || pending.acked) continue;
      const retryAttempt = pending.firstAttempt + pending.tries;
      pending.tries += 1;
      link.record.delivered += 1;
      this.deliveries.push({ envelopeId: pending.envelopeId, link: link.record.id, retryAttempt, at: this.ws.now() });
      this.frame(link, {
        envelope_id: pending.envelopeId,
        type: pending.type,
        payload: pending.payload,
        accepts_response_payload: pending.type !== 'events_api',
        ...(pending.type === 'events_api' ? { retry_attempt: retryAttempt, retry_reason: retryAttempt === 0 ? '' : (pending.retryReason ?? 'timeout') } : {}),
      });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, SOCKET_ACK_TIMEOUT_MS)));
      const first = await Promise.race([timedOut.then(() => 'late' as const), link.closed, pending.ackArrived]);
      clearTimeout(timer);
      if (first === 'late') notInTime();
    }
    if (!pending.acked) notInTime();
  }

  /** An open connection chosen at random; for an event, the first to open when none is (null once the fake stops). */
  private async anyLink(wait: boolean): Promise<Link | null> {
    for (;;) {
      if (this.stopped) return null;
      const link = this.links[Math.floor(Math.random() * this.links.length)];
      if (link) return link;
      if (!wait) return null;
      await new Promise<void>((resolve) => this.linkWaiters.push(resolve));
    }
  }
}
