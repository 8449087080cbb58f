import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import type { HttpRoute } from '../http/routes.js';
import { unstoredStatus } from '../http/unstored-answer.js';
import type { StoreAvailability } from '../app/store-availability.js';
import type { ExtendedErrorHandlerArgs } from '@slack/bolt/dist/App.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Settings } from '../config.js';
import type { Metrics } from '../http/metrics.js';
import { boltLogger } from './bolt-logger.js';
import { guardSlackRequests } from '../inbound/slack/request-guard.js';
import { escapeStrayMarkup } from '../domain/slack-text.js';
import { registerSocketModeMetrics } from '../http/socket-mode-metrics.js';
import { DEFAULT_SOCKET_TIMING, type SocketModeTiming } from './socket-mode-connection.js';
import { StoringSocketModeReceiver } from './socket-mode-receiver.js';

export interface SlackApp {
  readonly app: App;
  readonly botUserId: string;
  /** The workspace URL (`https://acme.slack.com/`) from auth.test: permalinks are built from it. */
  readonly teamUrl: string | null;
  /** Runs a stored Events API body through the listeners as if it had just arrived (it was acknowledged when stored). */
  processStoredEvent(body: Record<string, unknown>): Promise<void>;
  /** Whether Slack can reach the bot now: always over HTTP; in Socket Mode, while its connection is open. */
  receiving(): boolean;
  /** Starts listening; returns the bound HTTP port (useful with PORT=0). */
  start(): Promise<number>;
  /** Stops taking requests, then waits for the ones in flight (Bolt's own stop does not). */
  stop(): Promise<void>;
}

const envelope = z.object({
  event_id: z.string().optional(),
  type: z.string().optional(),
  response_url: z.string().optional(),
  command: z.string().optional(),
});

/**
 * Set on events the inbox drain hands to the listeners (see event-inbox.ts). Their failure must reach the drain, which
 * retries the event with backoff and dead-letters it after its attempts; Bolt's error sink alone would only log it,
 * and the drain would mark it done.
 */
export const READ_FROM_INBOX = { readFromInbox: true } as const;

const SLACK_PATH = '/slack/events';
/** Slack's requests are a few kilobytes; a view with every input full is well under this. */
const SLACK_BODY_LIMIT = 1024 * 1024;

const apiUrl = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

/**
 * Web API client options for every client the bot makes. No retries inside the client: a retried post whose first
 * answer was lost would post twice. The outbox retries, after looking for what may already have landed.
 */
export function webClientOptions(settings: Settings, timeoutMs = 10_000) {
  return {
    ...(settings.slack.apiUrl ? { slackApiUrl: apiUrl(settings.slack.apiUrl) } : {}),
    retryConfig: { retries: 0 },
    timeout: timeoutMs,
    rejectRateLimitedCalls: true,
  };
}

export async function createSlackApp(opts: {
  settings: Settings;
  log: Logger;
  routes: HttpRoute[];
  metrics: Metrics;
  /** What the person whose request failed is told (the database being away is worth saying so). */
  errorText: (error: unknown) => string;
  /** Whether an error is the database being away: logged once by its watch, not per request. */
  availability: Pick<StoreAvailability, 'explains'>;
  /** Stores an Events API body before it is acknowledged, over HTTP and in Socket Mode alike (see event-intake.ts). */
  takeEvent?: (json: Record<string, unknown>, raw: string) => Promise<boolean>;
  /** Answers a request whose content could not be stored (5xx, so Slack delivers it again). */
  unstored?: (res: ServerResponse, error: unknown) => void;
  /** Counts and logs an event that could not be stored (Socket Mode: its envelope stays unacknowledged). */
  eventUnstored?: (error: unknown) => void;
  /** Socket Mode's connection timing (tests shorten it); Slack refusing the app-level token once running. */
  socketMode?: { timing?: Partial<SocketModeTiming>; refused(error: Error): void };
}): Promise<SlackApp> {
  const { settings, log, metrics } = opts;
  const logger = boltLogger(log);
  /**
   * A command or interaction whose listener failed before acknowledging it (a form submitted while the database is
   * away): counted, and answered 5xx over HTTP (503 while the database is away) so Slack shows the person an error and
   * keeps the form; in Socket Mode it is left unacknowledged, which Slack shows the same way.
   */
  const failedBeforeAck = (error: unknown) => {
    metrics.requestsUnstored.inc({ route: 'slack_interactive' });
    return unstoredStatus(opts.availability, error);
  };
  const httpReceiver = (): HTTPReceiver => {
    const http = new HTTPReceiver({
      signingSecret: settings.slack.signingSecret ?? '',
      endpoints: SLACK_PATH,
      customRoutes: [...opts.routes],
      logger,
      processBeforeResponse: false,
      // One that failed after its ack was reported by app.error.
      processEventErrorHandler: async ({ error, response }) => {
        if (response.headersSent) return false;
        const { status, headers } = failedBeforeAck(error);
        response.writeHead(status, headers);
        response.end();
        return true;
      },
    });
    // Hostile or broken requests are answered before Bolt parses them (see request-guard.ts).
    http.requestListener = guardSlackRequests(http.requestListener, {
      path: SLACK_PATH,
      signingSecret: settings.slack.signingSecret ?? '',
      bodyLimit: SLACK_BODY_LIMIT,
      log: log.child({ area: 'http' }),
      ...(opts.takeEvent ? { takeEvent: opts.takeEvent } : {}),
      ...(opts.unstored ? { unstored: opts.unstored } : {}),
    });
    return http;
  };
  const socketReceiver = (appToken: string): StoringSocketModeReceiver => {
    const socketLog = log.child({ area: 'socket-mode' });
    const observed = registerSocketModeMetrics(metrics.registry);
    let connections = 0;
    return new StoringSocketModeReceiver({
      appToken,
      clientOptions: webClientOptions(settings),
      timing: { ...DEFAULT_SOCKET_TIMING, ...opts.socketMode?.timing },
      routes: opts.routes,
      port: settings.port,
      ...(settings.host === undefined ? {} : { host: settings.host }),
      log: socketLog,
      takeEvent: opts.takeEvent ?? (async () => false),
      unstored: (error) => opts.eventUnstored?.(error),
      failedBeforeAck: (error) => void failedBeforeAck(error),
      refused: (error) => opts.socketMode?.refused(error),
      connected: () => {
        observed.connected(true);
        connections += 1;
        socketLog.info({ connections }, connections === 1 ? 'socket mode: connected to Slack' : 'socket mode: connected to Slack again');
      },
      ended: (because) => {
        observed.connected(false);
        observed.ended(because);
        if (because === 'link_disabled') {
          socketLog.error(
            { reason: because },
            'socket mode: Slack says Socket Mode was turned off in the app settings (link_disabled); events now go to its Request URL, if it has one. Turn Socket Mode back on, or run in HTTP mode (SLACK_SIGNING_SECRET, no SLACK_APP_TOKEN); trying again every minute',
          );
        } else if (because === 'refresh_requested' || because === 'warning') socketLog.info({ reason: because }, 'socket mode: Slack asked for a new connection; reconnecting');
        else socketLog.warn({ reason: because }, 'socket mode: the connection to Slack was lost; reconnecting');
      },
    });
  };
  const receiver = settings.slack.appToken !== null ? socketReceiver(settings.slack.appToken) : httpReceiver();
  const app = new App({
    token: settings.slack.botToken,
    receiver,
    logger,
    deferInitialization: true,
    extendedErrorHandler: true,
    clientOptions: webClientOptions(settings),
  });
  await app.init();
  const auth = await app.client.auth.test();
  const botUserId = auth.user_id ?? '';
  const teamUrl = auth.url ?? null;

  const inFlight = new Set<Promise<unknown>>();

  // A re-delivered event (same event_id) was dropped by the inbox's insert, over HTTP and in Socket Mode alike.
  app.use(async ({ body, next }) => {
    const parsed = envelope.safeParse(body);
    const kind = parsed.success ? (parsed.data.command ? 'command' : parsed.data.type ?? 'unknown') : 'unknown';
    metrics.slackRequests.inc({ type: kind });
    const work = next();
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });

  // The single error sink: log once with context (an outage is logged once by the database watch), tell the person
  // who was waiting that nothing changed, and fail the request like a failed transaction: one not yet acknowledged is
  // answered 5xx, and an event read from the inbox is retried.
  app.error(async ({ error, body, context }: ExtendedErrorHandlerArgs) => {
    // The drain logs and counts it once, then retries (see READ_FROM_INBOX).
    if (context.readFromInbox === true) throw error;
    const parsed = envelope.safeParse(body);
    const logged = { err: error, event_id: parsed.success ? parsed.data.event_id : undefined };
    if (opts.availability.explains(error)) log.debug(logged, 'listener failed: the database is away');
    else log.error(logged, 'listener failed');
    const responseUrl = parsed.success ? parsed.data.response_url : undefined;
    if (responseUrl) {
      await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: escapeStrayMarkup(opts.errorText(error)) }),
      }).catch(() => undefined);
    }
    throw error;
  });

  return {
    app,
    botUserId,
    teamUrl,
    processStoredEvent: (body) => app.processEvent({ body, ack: async () => undefined, customProperties: READ_FROM_INBOX }),
    receiving: () => (receiver instanceof StoringSocketModeReceiver ? receiver.connected : true),
    async start() {
      const server = receiver instanceof StoringSocketModeReceiver ? await receiver.start() : await app.start(settings.host === undefined ? settings.port : { port: settings.port, host: settings.host });
      return (server.address() as AddressInfo).port;
    },
    async stop() {
      await app.stop();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
