import type { Logger } from 'pino';
import type { AvailabilityEvents, StoreAvailability } from '../app/store-availability.js';
import type { Metrics } from '../http/metrics.js';

/** The error in one line, without its stack: the SQLSTATE or socket code, and the driver's message. */
function reasonOf(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  return typeof code === 'string' ? `${code}: ${text}` : text;
}

/**
 * What an operator sees of a database outage: one warning when it begins, one line when the database answers again
 * (with how long it was away), and `incident_bot_database_up`, `…_outages_total` and `…_outage_seconds`. Requests
 * and work that failed meanwhile are logged at debug only: the outage explains them.
 */
export function reportAvailability(log: Logger, metrics: Pick<Metrics, 'databaseUp' | 'databaseOutages' | 'databaseOutageSeconds'>): AvailabilityEvents {
  return {
    wentAway(error) {
      metrics.databaseUp.set(0);
      metrics.databaseOutages.inc();
      log.warn({ reason: reasonOf(error) }, 'database unavailable: requests are answered 503 so their senders retry, work waits until it answers again');
    },
    cameBack(awayMs) {
      metrics.databaseUp.set(1);
      metrics.databaseOutageSeconds.observe(awayMs / 1000);
      log.info({ awaySeconds: Math.round(awayMs / 100) / 10 }, 'database answers again; work resumes');
    },
  };
}

/** A failure of a worker's own loop: the outage is reported once by the watch, anything else here. */
export const loopFailure = (availability: Pick<StoreAvailability, 'explains'>, area: Logger, message: string) => (error: unknown) =>
  availability.explains(error) ? area.debug({ err: error }, message) : area.error({ err: error }, message);
