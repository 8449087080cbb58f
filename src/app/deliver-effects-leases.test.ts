import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { effectDeliveryBench, post, until, type Harness } from '../../test/support/effect-delivery.js';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import { migrateToLatest, openDatabase } from '../db/connection.js';
import { createStore } from '../db/store.js';
import { systemClock } from '../domain/clock.js';
import { checkLease } from './held-lease.js';
import { effectKey, type Effect, type OutboxQueue } from './outbox.js';

let harness: Harness;
const { deliveries, startDelivery, enqueue } = effectDeliveryBench(() => harness);

describe('outbox delivery', () => {
  it('takes over a row whose worker died (its lease ran out on the database clock), counting the attempt', async () => {
    harness = await useCaseDeps();
    await enqueue(post(1));
    const [claimed] = await harness.store.claimEffects('dead-worker', harness.clock.now(), 300, 10);
    expect(claimed).toBeDefined();
    const delivered: string[] = [];
    const { delivery } = startDelivery(harness.store, async (effect) => void delivered.push(effectKey(effect)));
    await delivery.idle();
    expect(delivered).toEqual([]);
    // The injected clock stands still: the lease runs out on the database's clock alone.
    await until(() => delivered.length === 1);
    await delivery.idle();
    expect((await harness.store.liveEffects(5)).length).toBe(0);
    // The dead worker's late answer changes nothing, and says so: the row is no longer its own.
    expect(await harness.store.buryEffect(claimed?.id ?? 0, 'dead-worker', harness.clock.now(), 'late')).toBe(false);
    expect(await harness.store.completeEffect(claimed?.id ?? 0, 'dead-worker', harness.clock.now())).toBe(false);
    expect(await harness.store.outboxStats(harness.clock.now())).toMatchObject({ dead: 0 });
  });

  it('stops a delivery at its next Slack call once a renewal says the row is no longer its own, and logs it lost', async () => {
    harness = await useCaseDeps();
    await enqueue(post(1));
    let renewals = 0;
    const takenOver: OutboxQueue = { ...harness.store, extendLease: async () => ((renewals += 1), false) };
    const calls: string[] = [];
    const { lost, delivered, buried } = startDelivery(
      takenOver,
      async () => {
        checkLease();
        calls.push('first call');
        await until(() => renewals > 0);
        checkLease();
        calls.push('second call');
      },
      { leaseMs: 600 },
    );
    await until(() => lost.length === 1);
    expect(calls).toEqual(['first call']);
    expect(lost[0]).toContain('another worker holds it now');
    expect([delivered, buried]).toEqual([[], []]);
    // Neither retried nor buried by a worker that no longer holds it: still running, the holder's to finish.
    expect((await harness.store.liveEffects(5)).map((e) => e.state)).toEqual(['running']);
  });

  it('stops a delivery whose lease cannot be renewed (the database is away) before another worker may take the row', async () => {
    harness = await useCaseDeps();
    await enqueue(post(1));
    const leaseMs = 900;
    const unreachable: OutboxQueue = { ...harness.store, extendLease: async () => Promise.reject(new Error('connection refused')) };
    let startedAt = 0;
    let stoppedAfterMs = 0;
    const { lost, renewErrors } = startDelivery(
      unreachable,
      async () => {
        startedAt = performance.now();
        try {
          for (;;) {
            checkLease();
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        } finally {
          stoppedAfterMs = performance.now() - startedAt;
        }
      },
      { leaseMs },
    );
    await until(() => lost.length === 1, 5_000);
    expect(renewErrors.length).toBeGreaterThanOrEqual(2);
    expect(stoppedAfterMs).toBeGreaterThan(leaseMs / 2);
    expect(stoppedAfterMs).toBeLessThan(leaseMs);
  });

  it('logs a finish that comes after another worker took the row over as lost, never as delivered', async () => {
    harness = await useCaseDeps();
    await enqueue(post(1));
    // The heartbeat never gets an answer: the lease runs out while Slack holds the post, and another worker takes it.
    const hung: OutboxQueue = { ...harness.store, extendLease: () => new Promise<boolean>(() => undefined) };
    let takenBy: number | null = null;
    let holding = false;
    const { lost, delivered } = startDelivery(
      hung,
      async () => {
        holding = true;
        await until(() => takenBy !== null, 5_000);
      },
      { leaseMs: 300 },
    );
    // The other worker comes once this one holds the row (and its lease has run out).
    await until(() => holding);
    await until(async () => {
      const [taken] = await harness.store.claimEffects('other-replica', harness.clock.now(), 30_000, 5);
      if (taken) takenBy = taken.id;
      return takenBy !== null;
    }, 5_000);
    await until(() => lost.length === 1);
    expect(lost[0]).toContain('finished after another worker took it over');
    expect(delivered).toEqual([]);
    expect(await harness.store.completeEffect(takenBy ?? 0, 'other-replica', harness.clock.now())).toBe(true);
  });

  it('two workers on one database never run the same row, nor two rows of one target at once', async () => {
    harness = await useCaseDeps();
    const file = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'shared.db');
    const dbA = openDatabase(file);
    await migrateToLatest(dbA);
    const dbB = openDatabase(file);
    const storeA = createStore(dbA);
    const storeB = createStore(dbB);
    const targets = 40;
    const rows = 400;
    for (let i = 0; i < rows; i += 1) await storeA.enqueue(post(i % targets), systemClock.now());
    const busy = new Set<string>();
    const overlaps: string[] = [];
    let done = 0;
    const attempt = (worker: string) => async (effect: Effect) => {
      const key = effectKey(effect);
      if (busy.has(key)) overlaps.push(`${worker}:${key}`);
      busy.add(key);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
      busy.delete(key);
      done += 1;
    };
    const a = startDelivery(storeA, attempt('A'), { owner: 'A', concurrency: 6 }, systemClock);
    const b = startDelivery(storeB, attempt('B'), { owner: 'B', concurrency: 6 }, systemClock);
    await until(() => done >= rows, 20_000);
    await a.delivery.idle();
    await b.delivery.idle();
    for (const d of [a.delivery, b.delivery]) await d.stop(100);
    deliveries.length = 0;
    const counts = await sql<{ state: string; n: number }>`select state, count(*) as n from outbox group by state`.execute(dbA);
    expect(counts.rows).toEqual([{ state: 'done', n: rows }]);
    expect(done).toBe(rows);
    expect(overlaps).toEqual([]);
    await dbA.destroy();
    await dbB.destroy();
  });
});
