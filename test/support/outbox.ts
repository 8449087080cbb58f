import type { Effect, LiveEffect } from '../../src/app/outbox.js';
import type { Store } from '../../src/app/ports.js';

/** The effects still to deliver, oldest first (a payload that does not parse shows as null). */
export async function queuedEffects(store: Store): Promise<Array<LiveEffect & { effect: Effect }>> {
  return (await store.liveEffects(1_000)).filter((row): row is LiveEffect & { effect: Effect } => row.effect !== null);
}

/** Marks rows delivered as the outbox would after Slack answered (use-case tests have no Slack). */
export async function markDelivered(store: Store, ids: readonly number[], now: Date): Promise<void> {
  const claimed = await store.claimEffects('test-worker', now, 60_000, 1_000);
  for (const row of claimed) {
    if (ids.includes(row.id)) await store.completeEffect(row.id, 'test-worker', now);
  }
  await store.releaseLeases('test-worker');
}
