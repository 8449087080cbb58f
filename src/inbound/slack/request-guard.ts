import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from 'pino';
import { readBody } from '../http-body.js';

/**
 * Checks every request to the Slack endpoint before Bolt sees it, so a hostile or broken one is answered with a
 * status and never reaches code that assumes Slack's shapes. Bolt 5.1 reads `body.ssl_check` outside its own
 * try/catch, so a signed `null` (or `payload=null`) body was an unhandled rejection that ended the process; and it
 * refuses only old timestamps, not ones from the future. Kept apart from the receiver so it moves with it.
 */

/** Slack's window for a request timestamp, in both directions: older is a replay, newer is forged or a bad clock. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

const FORM = 'application/x-www-form-urlencoded';

/** Payload types that come from a person's action in Slack. */
const INTERACTIONS = new Set(['block_actions', 'view_submission', 'view_closed', 'shortcut', 'message_action', 'block_suggestion', 'interactive_message']);

/** A request that passed; `json` is its body when it came as JSON (the Events API), parsed once here. */
export type Verdict = { readonly ok: true; readonly json?: Record<string, unknown> } | { readonly ok: false; readonly status: 400 | 401; readonly reason: string };

const refuse = (status: 400 | 401, reason: string): Verdict => ({ ok: false, status, reason });

const isPlainObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

function header(headers: IncomingMessage['headers'], name: string): string | null {
  const value = headers[name];
  return typeof value === 'string' ? value : null;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * An envelope Bolt can route without tripping: a command or a type, and the parts it reads before any listener
 * (`event` and its `item`, `actions`, `view`) of the right kind when present. Listeners check the rest with zod.
 * Socket Mode's payloads pass the same check (socket-envelopes.ts).
 */
export function checkEnvelope(body: unknown): Verdict {
  if (!isPlainObject(body)) return refuse(400, 'body is not a JSON object');
  const envelope = body as Record<string, unknown>;
  if (typeof envelope.command !== 'string' && typeof envelope.type !== 'string') return refuse(400, 'neither a command nor a type');
  const { event, actions, view } = envelope;
  if (event !== undefined) {
    if (!isPlainObject(event) || typeof (event as Record<string, unknown>).type !== 'string') return refuse(400, 'event is not an event');
    const item = (event as Record<string, unknown>).item;
    if (item !== undefined && !isPlainObject(item)) return refuse(400, 'event item is not an object');
  }
  if (actions !== undefined && !(Array.isArray(actions) && actions.every(isPlainObject))) return refuse(400, 'actions is not a list of actions');
  if (view !== undefined && !isPlainObject(view)) return refuse(400, 'view is not an object');
  // Bolt reads `user.id` and `user.team_id` of every interaction before a listener runs.
  const { user } = envelope;
  if (INTERACTIONS.has(String(envelope.type)) && !(isPlainObject(user) && typeof (user as Record<string, unknown>).id === 'string')) {
    return refuse(400, 'interaction without a user');
  }
  return { ok: true };
}

/** The body as Bolt will read it: a form with a JSON `payload`, a plain form, or JSON. */
function checkShape(contentType: string | null, body: string): Verdict {
  // Bolt treats only this exact content type as a form; anything else it parses as JSON.
  if (contentType === FORM) {
    const form = parseQuery(body);
    if (form.payload === undefined) return checkEnvelope(form);
    if (typeof form.payload !== 'string') return refuse(400, 'more than one payload field');
    const payload = parseJson(form.payload);
    return payload.ok ? checkEnvelope(payload.value) : refuse(400, 'payload is not JSON');
  }
  const parsed = parseJson(body);
  if (!parsed.ok) return refuse(400, 'body is not JSON');
  const verdict = checkEnvelope(parsed.value);
  return verdict.ok ? { ok: true, json: parsed.value as Record<string, unknown> } : verdict;
}

/** Slack's `v0` signature over `v0:<timestamp>:<body>`, the timestamp within the window both ways, then the shape. */
export function checkSlackRequest(input: { headers: IncomingMessage['headers']; body: string; signingSecret: string; nowMs: number }): Verdict {
  const contentType = header(input.headers, 'content-type');
  // Slack's unsigned connectivity check; Bolt answers it and drops anything else in the body.
  if (contentType === FORM && parseQuery(input.body).ssl_check === '1') return { ok: true };

  const timestamp = header(input.headers, 'x-slack-request-timestamp');
  const signature = header(input.headers, 'x-slack-signature');
  if (timestamp === null || !/^\d{1,12}$/.test(timestamp) || signature === null) return refuse(401, 'missing or malformed signature headers');
  const skew = Math.abs(Math.floor(input.nowMs / 1000) - Number(timestamp));
  if (skew > MAX_CLOCK_SKEW_SECONDS) return refuse(401, `timestamp is ${skew}s away from now`);
  const expected = Buffer.from(`v0=${createHmac('sha256', input.signingSecret).update(`v0:${timestamp}:${input.body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse(401, 'signature mismatch');

  return checkShape(contentType, input.body);
}

/**
 * The path as Bolt's HTTPReceiver routes it (`new URL(req.url, 'http://localhost').pathname`): dot segments resolved,
 * `%2e` read as a dot, backslashes as slashes. Comparing anything else would let `/slack/./events` reach Bolt unguarded.
 * Null when the URL does not parse (Bolt then routes nothing either).
 */
export function routedPath(url: string | undefined): string | null {
  try {
    return new URL(url ?? '', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

/** A request whose body has been read already: Bolt uses `rawBody` instead of reading the stream again. */
type BufferedRequest = IncomingMessage & { rawBody?: Buffer };

function answer(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status, { connection: 'close' });
  res.end();
}

/** The acknowledgement of a stored event: an empty 200, keeping the connection for Slack's next delivery. */
function acknowledge(res: ServerResponse): void {
  if (res.headersSent) return;
  res.writeHead(200, { 'content-length': '0' });
  res.end();
}

/**
 * Wraps a receiver's request listener: POSTs Bolt would route to `path` (however the path is spelled) are read (up to `bodyLimit` bytes), checked, and only then
 * handed on with the body already buffered; every other request passes straight through.
 */
export function guardSlackRequests(
  listener: RequestListener,
  options: {
    path: string;
    signingSecret: string;
    bodyLimit: number;
    nowMs?: () => number;
    log: Pick<Logger, 'warn'>;
    /**
     * Takes a checked JSON body before Bolt: true when it was stored (answered 200 here), false to hand it to Bolt.
     * A failure is answered by `unstored` (default: 500), so Slack delivers the event again.
     */
    takeEvent?: (json: Record<string, unknown>, raw: string) => Promise<boolean>;
    unstored?: (res: ServerResponse, error: unknown) => void;
  },
): RequestListener {
  const nowMs = options.nowMs ?? Date.now;
  const unstored =
    options.unstored ??
    ((res: ServerResponse, error: unknown): void => {
      options.log.warn({ err: error }, 'slack event could not be stored; Slack will deliver it again');
      answer(res, 500);
    });
  return (req, res) => {
    // Bolt compares the method upper-cased and the path normalised: so does the guard, or a spelling it lets by skips it.
    if (req.method?.toUpperCase() !== 'POST' || routedPath(req.url) !== options.path) {
      listener(req, res);
      return;
    }
    readBody(req, options.bodyLimit).then(
      (body) => {
        if (body === null) {
          options.log.warn({ limit: options.bodyLimit }, 'slack request refused: body too large');
          return answer(res, 413);
        }
        const raw = body.toString('utf8');
        const verdict = checkSlackRequest({ headers: req.headers, body: raw, signingSecret: options.signingSecret, nowMs: nowMs() });
        if (!verdict.ok) {
          options.log.warn({ status: verdict.status, reason: verdict.reason }, 'slack request refused');
          return answer(res, verdict.status);
        }
        const pass = (): void => {
          (req as BufferedRequest).rawBody = body;
          try {
            listener(req, res);
          } catch (error) {
            options.log.warn({ err: error }, 'slack request failed to dispatch');
            answer(res, 500);
          }
        };
        if (!verdict.json || !options.takeEvent) return pass();
        options.takeEvent(verdict.json, raw).then(
          (taken) => (taken ? acknowledge(res) : pass()),
          (error: unknown) => unstored(res, error),
        );
      },
      (error: unknown) => {
        options.log.warn({ err: error }, 'slack request body could not be read');
        answer(res, 400);
      },
    );
  };
}
