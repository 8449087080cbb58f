import type { UseCaseDeps } from './deps.js';
import { runRotations } from './oncall/run-rotations.js';
import { runDueJobs } from './run-due-jobs.js';
import { skippingOutages, type StoreAvailability } from './store-availability.js';

/**
 * What the scheduler runs each tick: the jobs due now (claimed as `owner`), then the rotations' handoffs. It sits out
 * a database outage and hands its claims back after one.
 */
export function scheduledWork(useCases: UseCaseDeps, availability: StoreAvailability, claims: { owner: string; leaseMs: number }): () => Promise<void> {
  return skippingOutages(availability, () => useCases.store.releaseJobLeases(claims.owner), async () => {
    await runDueJobs(useCases, claims);
    await runRotations(useCases);
  });
}
