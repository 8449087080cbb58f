import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { StoreAvailability } from '../app/store-availability.js';

/** How long a sender is asked to wait before delivering again while the database is away. */
const RETRY_AFTER_SECONDS = 5;

/** 503 with Retry-After while the database is away (the sender should wait), 500 for any other failure. */
export function unstoredStatus(availability: Pick<StoreAvailability, 'explains'>, error: unknown): { status: 500 | 503; headers: Record<string, string> } {
  return availability.explains(error) ? { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } } : { status: 500, headers: {} };
}

export interface UnstoredDeps {
  readonly availability: Pick<StoreAvailability, 'explains'>;
  readonly log: Pick<Logger, 'warn' | 'debug'>;
  /** Counts the refusal (incident_bot_requests_unstored_total). */
  readonly counted: (route: string) => void;
}

export type AnswerUnstored = (res: ServerResponse, error: unknown) => void;

/**
 * Counts and logs a request whose content could not be stored, and says how to answer it so that its sender delivers
 * it again (Slack retries any answer but a 2xx, and an envelope it got no acknowledgement for; Alertmanager and Grafana
 * retry a 5xx, never a 4xx). Nothing was acknowledged, so nothing is lost. Logged per request only when it is not the
 * outage, which the database watch reports once.
 */
export function reportUnstored(route: string, deps: UnstoredDeps): (error: unknown) => { status: 500 | 503; headers: Record<string, string> } {
  return (error) => {
    deps.counted(route);
    const answer = unstoredStatus(deps.availability, error);
    if (answer.status === 503) deps.log.debug({ route }, 'request not stored while the database is away; its sender will deliver it again');
    else deps.log.warn({ route, err: error }, 'request could not be stored; its sender will deliver it again');
    return answer;
  };
}

/** How a route answers a request whose content could not be stored (see reportUnstored). */
export function answerUnstored(route: string, deps: UnstoredDeps): AnswerUnstored {
  const report = reportUnstored(route, deps);
  return (res, error) => {
    const { status, headers } = report(error);
    if (res.headersSent) return;
    res.writeHead(status, { ...headers, connection: 'close' });
    res.end();
  };
}
