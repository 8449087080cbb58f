import type { Logger } from 'pino';
import type { Store } from '../app/ports.js';

/** Queues again every outbox row, inbox event and scheduled job a claim holds; says so when there were any. */
export async function requeueCrashedClaims(store: Store, log: Logger): Promise<void> {
  const orphaned = (await store.releaseAllLeases()) + (await store.releaseAllEventLeases()) + (await store.releaseAllJobLeases());
  if (orphaned > 0) log.warn({ rows: orphaned }, 'outbox, inbox and job rows left running by a crash are queued again');
}
