/**
 * `POST /alerts/<kind>/<name>`: a tool's notification, stored before it is answered. Each refusal says why: 404 (no
 * such source), 401 (token or signature), 413 (too large), 400 naming the field. Overload and storage trouble answer
 * 503 with Retry-After, never a 4xx: Alertmanager gives up on a 4xx (and on 429) but retries a 5xx.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { AlertSourceSettings } from '../../config.js';
import { readNotification } from '../../domain/alerts/webhooks/index.js';
import type { Clock } from '../../domain/clock.js';
import type { HttpRoute } from '../../http/routes.js';
import type { EventIntake } from '../event-intake.js';
import { readBody } from '../http-body.js';
import { bearerMatches, signatureMatches } from './credentials.js';
import { arrivedNotification } from './stored-notification.js';

/** A notification of thousands of alerts is a few megabytes; anything bigger is not one. */
export const WEBHOOK_BODY_LIMIT = 4 * 1024 * 1024;

/** How a request was answered, for the metric and the log. */
export const WEBHOOK_ANSWERS = ['stored', 'duplicate', 'not_found', 'unauthorized', 'too_large', 'invalid', 'overloaded', 'unavailable'] as const;
export type WebhookAnswer = (typeof WEBHOOK_ANSWERS)[number];

export interface AlertWebhookDeps {
  readonly sources: readonly AlertSourceSettings[];
  readonly intake: Pick<EventIntake, 'accept'>;
  readonly clock: Clock;
  /** Seconds a sender should wait when the inbox is over its limit; null when it may send now. */
  readonly retryAfterSeconds: () => number | null;
  readonly log: Pick<Logger, 'warn' | 'debug'>;
  readonly answered: (source: string, answer: WebhookAnswer) => void;
  /** Something new was stored: the drain may read it now. */
  readonly stored: () => void;
  /** A notification could not be stored (counted, and logged once per outage when the database is away). */
  readonly unstored: (error: unknown) => void;
  readonly bodyLimit?: number;
}

/** When storing fails (the database is away), the sender tries again shortly. */
const RETRY_AFTER_STORE_FAILURE_SECONDS = 5;

function reply(res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function alertWebhookRoutes(deps: AlertWebhookDeps): HttpRoute[] {
  const limit = deps.bodyLimit ?? WEBHOOK_BODY_LIMIT;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [, , kind = '', rawName = ''] = (req.url ?? '').split('?')[0]?.split('/') ?? [];
    const name = decoded(rawName);
    const source = deps.sources.find((s) => s.name === name && s.kind === kind);
    const refuse = (status: number, answer: WebhookAnswer, error: string, headers: Record<string, string> = {}): void => {
      // The unread rest of the body is discarded (a body too large ends the connection instead).
      if (status !== 413 && !req.readableEnded) req.resume();
      deps.answered(source?.name ?? 'unknown', answer);
      deps.log.warn({ source: source?.name ?? name, kind, status, reason: error }, 'alert webhook refused');
      reply(res, status, { ok: false, error }, headers);
    };
    if (!source) return refuse(404, 'not_found', `no alert source "${name}" of kind "${kind}" is configured (alertSources)`);
    if (!bearerMatches(req.headers, source.token)) {
      return refuse(401, 'unauthorized', 'missing or wrong bearer token (Authorization: Bearer <token>)', { 'www-authenticate': 'Bearer realm="incident-bot"' });
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return refuse(413, 'too_large', `body larger than ${limit} bytes`, { connection: 'close' });
    const retryAfter = deps.retryAfterSeconds();
    if (retryAfter !== null) {
      return refuse(503, 'overloaded', 'too many notifications waiting to be read; try again later', { 'retry-after': String(retryAfter) });
    }
    const body = await readBody(req, limit);
    if (body === null) return refuse(413, 'too_large', `body larger than ${limit} bytes`, { connection: 'close' });
    if (source.signature) {
      const verdict = signatureMatches(req.headers, body, source.signature, deps.clock.now().getTime());
      if (!verdict.ok) return refuse(401, 'unauthorized', `bad signature: ${verdict.reason}`);
    }
    const raw = body.toString('utf8');
    const json = parseJson(raw);
    if (!json.ok) return refuse(400, 'invalid', 'body is not JSON');
    const notification = readNotification(source.kind, json.value);
    if (!notification.ok) return refuse(400, 'invalid', notification.error);
    let fresh: boolean;
    try {
      fresh = await deps.intake.accept(arrivedNotification(source, notification.value, raw, deps.clock.now()));
    } catch (error) {
      deps.unstored(error);
      return refuse(503, 'unavailable', 'could not store the notification; try again', { 'retry-after': String(RETRY_AFTER_STORE_FAILURE_SECONDS) });
    }
    deps.answered(source.name, fresh ? 'stored' : 'duplicate');
    if (fresh) deps.stored();
    reply(res, 200, { ok: true, stored: fresh ? 'new' : 'duplicate', alerts: notification.value.alerts.length });
  }

  return [
    {
      path: '/alerts/:kind/:name',
      method: ['POST'],
      handler: (req, res) => {
        handle(req, res).catch((error: unknown) => {
          deps.log.warn({ err: error }, 'alert webhook failed');
          reply(res, 503, { ok: false, error: 'internal error; try again' }, { 'retry-after': String(RETRY_AFTER_STORE_FAILURE_SECONDS) });
        });
      },
    },
  ];
}
