import { LogLevel, SocketModeClient, type Logger as SocketLogger } from '@slack/socket-mode';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import { SettingError } from '../config.js';
import { retryAfterMs, slackErrorCode } from './slack-errors.js';

/** How the connection watches Slack and waits between tries. Production uses the defaults; tests shorten them. */
export interface SocketModeTiming {
  /** Slack must answer our pings within this (the client pings every third of it). */
  readonly clientPingTimeoutMs: number;
  /** Slack pings us; a connection it has not pinged for this long is taken for dead. */
  readonly serverPingTimeoutMs: number;
  /** From asking for a connection to Slack's `hello`. */
  readonly helloTimeoutMs: number;
  /** The wait after a failed (re)connection, doubled each time up to `retryMaxMs`. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** How long to wait before trying again once Slack said Socket Mode was turned off (`link_disabled`). */
  readonly linkDisabledRetryMs: number;
}

export const DEFAULT_SOCKET_TIMING: SocketModeTiming = {
  clientPingTimeoutMs: 5_000,
  serverPingTimeoutMs: 30_000,
  helloTimeoutMs: 10_000,
  retryBaseMs: 1_000,
  retryMaxMs: 60_000,
  linkDisabledRetryMs: 60_000,
};

/** Why a connection ended: the reason of Slack's `disconnect` frame, or what the client saw. */
export type EndedBecause = 'refresh_requested' | 'warning' | 'link_disabled' | 'missed_pings' | 'socket_closed' | 'other';

export interface SocketModeEvents {
  /** One message of Slack's, as the client emits it (`slack_event`: envelope id, type, payload, its ack). */
  envelope(args: unknown): void;
  connected(): void;
  ended(because: EndedBecause): void;
  /** A (re)connection failed; the next try is in `retryInMs`. */
  failed(error: unknown, retryInMs: number): void;
  /** Slack refused the app-level token after the bot had started: nothing more can arrive. */
  refused(error: SettingError): void;
}

/** Answers to `apps.connections.open` that another try will not change: the app-level token itself is refused. */
const TOKEN_REFUSALS = new Set([
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'missing_scope',
  'user_removed_from_team',
  'team_disabled',
]);

const DISCONNECT_REASONS = new Set<EndedBecause>(['refresh_requested', 'warning', 'link_disabled']);

/**
 * Socket Mode's client for one connection. Its own reconnecting is off (ours is below); it tells us the reason of
 * Slack's `disconnect` frame, which it otherwise handles without a word.
 */
class OneConnection extends SocketModeClient {
  private because: EndedBecause | null = null;
  readonly ended: Promise<EndedBecause>;

  /** The reason of Slack's `disconnect` frame, once one came (before `hello` too: Socket Mode turned off). */
  get disconnectReason(): EndedBecause | null {
    return this.because;
  }

  constructor(appToken: string, timing: SocketModeTiming, clientOptions: WebClientOptions, log: Logger) {
    const seen: { trouble: EndedBecause | null } = { trouble: null };
    const logger = socketClientLogger(log, (because) => (seen.trouble ??= because));
    super({
      appToken,
      logger,
      autoReconnectEnabled: false,
      clientPingTimeout: timing.clientPingTimeoutMs,
      serverPingTimeout: timing.serverPingTimeoutMs,
      clientOptions,
    });
    this.ended = new Promise((resolve) => this.once('disconnected', () => resolve(this.because ?? seen.trouble ?? 'socket_closed')));
  }

  protected override async onWebSocketMessage(data: string | ArrayBuffer, isBinary: boolean): Promise<void> {
    if (!isBinary) {
      const frame = parseFrame(typeof data === 'string' ? data : new TextDecoder().decode(data));
      if (frame?.type === 'disconnect') {
        const reason = String(frame.reason) as EndedBecause;
        this.because = DISCONNECT_REASONS.has(reason) ? reason : 'other';
      }
    }
    return super.onWebSocketMessage(data, isBinary);
  }
}

function parseFrame(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The client's own log lines, at debug: the connection says what matters once, in its own words. Its warning that a
 * ping or pong did not come in time is also how we learn that a connection ended for missed pings.
 */
function socketClientLogger(log: Logger, noticed: (because: EndedBecause) => void): SocketLogger {
  const child = log.child({ area: 'socket-mode-client' });
  const write = (...msg: unknown[]): void => child.debug(msg.map(String).join(' '));
  return {
    debug: write,
    info: write,
    warn: (...msg: unknown[]) => {
      if (/wasn't received/.test(msg.map(String).join(' '))) noticed('missed_pings');
      write(...msg);
    },
    error: write,
    setLevel: () => undefined,
    getLevel: () => LogLevel.DEBUG,
    setName: () => undefined,
  };
}

const sleepUnless = (ms: number, wake: (resolve: () => void) => void): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake(() => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Keeps one Socket Mode connection open: `apps.connections.open` with the app-level token, Slack's `hello`, then
 * envelopes until the connection ends (Slack's `disconnect` frame, a dropped socket, missed pings), and again. One
 * loop does all of it, so there is never a second reconnect in flight. Failed tries back off (or wait Slack's
 * Retry-After); `link_disabled` waits longer (someone turned Socket Mode off in the app's settings); a refused
 * app-level token stops the loop: before the first connection `start()` rejects with it, after it `refused` hears.
 */
export class SocketModeConnection {
  private stopping = false;
  private client: OneConnection | null = null;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private open = false;

  constructor(
    private readonly appToken: string,
    private readonly clientOptions: WebClientOptions,
    private readonly timing: SocketModeTiming,
    private readonly events: SocketModeEvents,
    private readonly log: Logger,
  ) {}

  /** Whether a connection is open now (readiness). */
  get connected(): boolean {
    return this.open;
  }

  /**
   * Resolves once the first try is over: connected, or failed for a reason another try may get past (the loop goes on
   * trying; readiness says not connected). Rejects when Slack refused the app-level token.
   */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.loop = this.run(resolve, reject);
    });
  }

  /** Closes the connection and ends the loop. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.client?.disconnect().catch(() => undefined);
    await this.loop;
  }

  private async run(firstTry: () => void, refusedAtStart: (error: SettingError) => void): Promise<void> {
    let failures = 0;
    let started = false;
    const firstTryOver = (): void => {
      if (started) return;
      started = true;
      firstTry();
    };
    while (!this.stopping) {
      const client = new OneConnection(this.appToken, this.timing, this.clientOptions, this.log);
      client.on('slack_event', (args: unknown) => this.events.envelope(args));
      this.client = client;
      try {
        await this.connect(client);
      } catch (error) {
        this.client = null;
        if (this.stopping) break;
        // Socket Mode is off in the app's settings: Slack said so instead of hello. Not a failure to back off from, a
        // setting someone has to change; asked again at the slow pace, as after a connection it ended.
        if (client.disconnectReason === 'link_disabled') {
          this.events.ended('link_disabled');
          firstTryOver();
          await this.pause(this.timing.linkDisabledRetryMs);
          continue;
        }
        const code = slackErrorCode(error);
        if (code !== null && TOKEN_REFUSALS.has(code)) {
          const refused = new SettingError('SLACK_APP_TOKEN', `Slack refused the app-level token (${code}); it needs the connections:write scope (Basic Information → App-Level Tokens)`);
          if (started) this.events.refused(refused);
          else refusedAtStart(refused);
          return;
        }
        failures += 1;
        const waitMs = retryAfterMs(error) ?? Math.min(this.timing.retryMaxMs, this.timing.retryBaseMs * 2 ** (failures - 1));
        this.events.failed(error, waitMs);
        firstTryOver();
        await this.pause(waitMs);
        continue;
      }
      // Asked to stop while connecting: Socket Mode's client may still have opened the connection.
      if (this.stopping) {
        await client.disconnect().catch(() => undefined);
        break;
      }
      failures = 0;
      this.open = true;
      this.events.connected();
      firstTryOver();
      const because = await client.ended;
      this.open = false;
      this.client = null;
      if (this.stopping) break;
      this.events.ended(because);
      if (because === 'link_disabled') await this.pause(this.timing.linkDisabledRetryMs);
    }
    firstTryOver();
  }

  /** Opens the connection and waits for Slack's `hello` (the client's `start()`), within `helloTimeoutMs`. */
  private async connect(client: OneConnection): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no hello from Slack within ${this.timing.helloTimeoutMs} ms`)), this.timing.helloTimeoutMs);
    });
    try {
      // The client rejects with nothing when the socket closes before `hello`.
      await Promise.race([client.start().catch((error: unknown) => Promise.reject(error ?? new Error('the connection closed before Slack said hello'))), timedOut]);
    } catch (error) {
      await client.disconnect().catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async pause(ms: number): Promise<void> {
    if (this.stopping) return;
    await sleepUnless(ms, (wake) => (this.wake = wake));
    this.wake = null;
  }
}
