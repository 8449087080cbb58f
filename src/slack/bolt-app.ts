import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { HttpRoute } from '../http/routes.js';
import { unstoredStatus } from '../http/unstored-answer.js';
import type { StoreAvailability } from '../app/store-availability.js';
import type { ExtendedErrorHandlerArgs } from '@slack/bolt/dist/App.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Settings } from '../config.js';
import type { Metrics } from '../http/metrics.js';
import type { IncidentRecords } from '../app/ports.js';
import type { Clock } from '../domain/clock.js';
import { boltLogger } from './bolt-logger.js';
import { guardSlackRequests } from '../inbound/slack/request-guard.js';
import { escapeStrayMarkup } from '../domain/slack-text.js';

export interface SlackApp {
  readonly app: App;
  readonly botUserId: string;
  /** The workspace URL (`https://acme.slack.com/`) from auth.test: permalinks are built from it. */
  readonly teamUrl: string | null;
  /** Runs a stored Events API body through the listeners as if it had just arrived (it was acknowledged when stored). */
  processStoredEvent(body: Record<string, unknown>): Promise<void>;
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
  records: Pick<IncidentRecords, 'claimOnce'>;
  clock: Clock;
  metrics: Metrics;
  /** What the person whose request failed is told (the database being away is worth saying so). */
  errorText: (error: unknown) => string;
  /** Whether an error is the database being away: logged once by its watch, not per request. */
  availability: Pick<StoreAvailability, 'explains'>;
  /** Stores an Events API body before it is acknowledged (see event-inbox.ts); HTTP mode only. */
  takeEvent?: (json: Record<string, unknown>, raw: string) => Promise<boolean>;
  /** Answers a request whose content could not be stored (5xx, so Slack delivers it again). */
  unstored?: (res: ServerResponse, error: unknown) => void;
}): Promise<SlackApp> {
  const { settings, log, records, clock, metrics } = opts;
  const logger = boltLogger(log);
  const socketMode = settings.slack.appToken !== null;
  const httpReceiver = (): HTTPReceiver => {
    const http = new HTTPReceiver({
      signingSecret: settings.slack.signingSecret ?? '',
      endpoints: SLACK_PATH,
      customRoutes: [...opts.routes],
      logger,
      processBeforeResponse: false,
      // A listener that failed before acknowledging (a form submitted while the database is away) answers 5xx, so
      // Slack shows the person an error and keeps the form; one that failed after its ack was reported by app.error.
      processEventErrorHandler: async ({ error, response }) => {
        if (response.headersSent) return false;
        const { status, headers } = unstoredStatus(opts.availability, error);
        metrics.requestsUnstored.inc({ route: 'slack_interactive' });
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
  const receiver = socketMode
    ? new SocketModeReceiver({ appToken: settings.slack.appToken ?? '', logger, customRoutes: [...opts.routes], installerOptions: { port: settings.port } })
    : httpReceiver();
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

  // Slack re-delivers an event when our ack is slow; the same event_id is applied once. Over HTTP the inbox's insert
  // already dropped it; Socket Mode events come straight here.
  app.use(async ({ body, next }) => {
    const parsed = envelope.safeParse(body);
    const kind = parsed.success ? (parsed.data.command ? 'command' : parsed.data.type ?? 'unknown') : 'unknown';
    metrics.slackRequests.inc({ type: kind });
    const eventId = parsed.success ? parsed.data.event_id : undefined;
    if (socketMode && eventId && !(await records.claimOnce(`event:${eventId}`, clock.now()))) {
      log.debug({ event_id: eventId }, 'duplicate event delivery ignored');
      return;
    }
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
    async start() {
      if (socketMode) {
        await app.start();
        return settings.port;
      }
      const server = await app.start(settings.host === undefined ? settings.port : { port: settings.port, host: settings.host });
      return (server.address() as AddressInfo).port;
    },
    async stop() {
      await app.stop();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
