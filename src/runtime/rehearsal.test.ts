import { afterEach, describe, expect, it } from 'vitest';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import { rehearseStorm } from './rehearsal.js';

let harness: Awaited<ReturnType<typeof useCaseDeps>> | undefined;
afterEach(async () => {
  await harness?.db.destroy();
  harness = undefined;
});

describe('rehearsing an alert storm before the first request', () => {
  it('reads every rehearsed alert into its groups, and leaves the record, the outbox and the metrics untouched', async () => {
    harness = await useCaseDeps();
    const { deps, store, db } = harness;
    let kicks = 0;
    let counted = 0;
    const rehearsed = await rehearseStorm({ ...deps, effectsQueued: () => (kicks += 1), alertsRead: () => (counted += 1) }, { events: 60, groups: 6, batch: 25 });
    // Every event stored, claimed and read; one reply queued per group, in the throwaway database.
    expect(rehearsed).toEqual({ read: 60, repliesQueued: 6 });
    expect(await store.inboxStats(deps.clock.now())).toMatchObject({ queued: 0, running: 0, dead: 0 });
    expect(await store.outboxStats(deps.clock.now())).toMatchObject({ queued: 0, running: 0 });
    const alerts = await db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(alerts.n)).toBe(0);
    expect({ kicks, counted }).toEqual({ kicks: 0, counted: 0 });
  });
});
