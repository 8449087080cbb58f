import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { queuedEffects } from '../../test/support/outbox.js';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import { migrateToLatest, openDatabase } from '../db/connection.js';
import { createStore } from '../db/store.js';
import { systemClock } from '../domain/clock.js';
import { DEFAULT_DELIVERY, EffectDelivery, retryDelayMs, type DeliveryOptions, type EffectLog } from './deliver-effects.js';
import { checkLease } from './held-lease.js';
import { EffectAbandoned, EffectBlocked, effectKey, SendUnverified, type DeliveryFailure, type Effect, type EffectHandlers, type OutboxQueue } from './outbox.js';

type Harness = Awaited<ReturnType<typeof useCaseDeps>>;
let harness: Harness;
const deliveries: EffectDelivery[] = [];
afterEach(async () => {
  for (const d of deliveries.splice(0)) await d.stop(100);
  await harness?.db.destroy();
});

/** A post to a prompt target: each `n` is its own key (`prompt:n`), and posts are never merged. */
const post = (n: number): Effect => ({ kind: 'post_prompt', incidentNumber: 1, promptId: n });

type Attempt = (effect: Effect) => Promise<void>;

/** Every kind goes to `attempt`; records what was delivered, in order. */
function handlersFor(attempt: Attempt): EffectHandlers {
  return {
    sync_channel: attempt,
    sync_card: attempt,
    sync_announcement: attempt,
    post_update_to_announcement: attempt,
    post_timeline_messages: attempt,
    post_postmortem: attempt,
    brief_new_lead: attempt,
    post_lead_message: attempt,
    refresh_lead_message: attempt,
    post_prompt: attempt,
    refresh_prompt: attempt,
    sync_triage_reply: attempt,
    post_handoff_message: attempt,
    refresh_handoff_message: attempt,
    publish_home: attempt,
  };
}

class Paused extends Error {}
class Transient extends Error {}
class Terminal extends Error {}

const classify = (error: unknown): DeliveryFailure => {
  if (error instanceof Paused) return { kind: 'paused', forMs: 1_000, reason: 'paused' };
  if (error instanceof Terminal) return { kind: 'terminal', reason: 'terminal' };
  return { kind: 'transient', reason: error instanceof Error ? error.message : String(error), retryAfterMs: null };
};

function recordingLog() {
  const buried: string[] = [];
  const loopErrors: unknown[] = [];
  const delivered: number[] = [];
  const lost: string[] = [];
  const renewErrors: unknown[] = [];
  const log: EffectLog = {
    delivered: (row) => void delivered.push(row.id),
    retrying: () => undefined,
    buried: (row, reason) => buried.push(`${row.kind}:${reason}`),
    lost: (row, reason) => lost.push(`${row.id}:${reason}`),
    renewFailed: (_row, error) => renewErrors.push(error),
    loopFailed: (error) => loopErrors.push(error),
  };
  return { log, buried, loopErrors, delivered, lost, renewErrors };
}

function startDelivery(store: OutboxQueue, attempt: Attempt, options: Partial<DeliveryOptions> = {}, clock: Harness['clock'] | typeof systemClock = harness.clock) {
  const recorded = recordingLog();
  const delivery = new EffectDelivery(store, handlersFor(attempt), clock, recorded.log, classify, { ...DEFAULT_DELIVERY, pollMs: 50, owner: `worker-${deliveries.length}`, ...options });
  deliveries.push(delivery);
  delivery.start();
  return { delivery, ...recorded };
}

async function enqueue(...effects: Effect[]): Promise<void> {
  for (const effect of effects) await harness.store.enqueue(effect, harness.clock.now());
}

const until = async (check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('outbox delivery', () => {
  it('runs the rows of one target in order; a failure holds back only that target', async () => {
    harness = await useCaseDeps();
    const delivered: string[] = [];
    let failOnce = true;
    await enqueue(post(1), post(2), { kind: 'post_prompt', incidentNumber: 1, promptId: 1 }, post(3));
    const { delivery } = startDelivery(harness.store, async (effect) => {
      const key = effectKey(effect);
      if (key === 'prompt:1' && failOnce) {
        failOnce = false;
        throw new Transient('slack is down');
      }
      delivered.push(key);
    });
    await delivery.idle();
    // prompt:1 failed: its second row waits behind it; the others went on.
    expect(delivered).toEqual(['prompt:2', 'prompt:3']);
    harness.clock.advance(retryDelayMs(0, null));
    delivery.kick();
    await delivery.idle();
    expect(delivered).toEqual(['prompt:2', 'prompt:3', 'prompt:1', 'prompt:1']);
    expect(await queuedEffects(harness.store)).toHaveLength(0);
  });

  it('a pause (Slack said 429) is not counted as a failure and the row runs when it ends', async () => {
    harness = await useCaseDeps();
    let calls = 0;
    await enqueue(post(1));
    const { delivery } = startDelivery(harness.store, async () => {
      calls += 1;
      if (calls <= 3) throw new Paused();
    });
    for (let i = 0; i < 3; i += 1) {
      await delivery.idle();
      const [row] = await queuedEffects(harness.store);
      expect(row).toMatchObject({ attempts: 0, nextAttemptAt: new Date(harness.clock.now().getTime() + 1_000) });
      harness.clock.advance(1_000);
      delivery.kick();
    }
    await delivery.idle();
    expect(calls).toBe(4);
    expect(await queuedEffects(harness.store)).toHaveLength(0);
  });

  it('buries a terminal failure as a dead letter and goes on with the next row of that target', async () => {
    harness = await useCaseDeps();
    const delivered: number[] = [];
    await enqueue(post(1), post(1), post(1));
    let first = true;
    const { delivery, buried } = startDelivery(harness.store, async (effect) => {
      if (first) {
        first = false;
        throw new Terminal('is_archived');
      }
      if (effect.kind === 'post_prompt') delivered.push(effect.promptId);
    });
    await delivery.idle();
    expect(buried).toEqual(['post_prompt:terminal']);
    expect(delivered).toEqual([1, 1]);
    expect(await harness.store.outboxStats(harness.clock.now())).toMatchObject({ queued: 0, running: 0, dead: 1 });
  });

  it('buries an effect that says it is abandoned, and waits (uncounted) on one that is blocked', async () => {
    harness = await useCaseDeps();
    await enqueue(post(1), post(2));
    let blocked = 2;
    const { delivery, buried } = startDelivery(harness.store, async (effect) => {
      if (effectKey(effect) === 'prompt:1') throw new EffectAbandoned('the announcement was never posted');
      if (blocked-- > 0) throw new EffectBlocked('no channel yet');
    });
    await delivery.idle();
    expect(buried).toEqual(['post_prompt:the announcement was never posted']);
    expect((await queuedEffects(harness.store))[0]).toMatchObject({ attempts: 0 });
    harness.clock.advance(DEFAULT_DELIVERY.blockedRetryMs);
    delivery.kick();
    await delivery.idle();
    harness.clock.advance(DEFAULT_DELIVERY.blockedRetryMs);
    delivery.kick();
    await delivery.idle();
    expect(await queuedEffects(harness.store)).toHaveLength(0);
  });

  it('retries a send it cannot verify with backoff, counting each try, and never buries it, however often or late', async () => {
    harness = await useCaseDeps();
    await enqueue(post(1));
    let refusals = 8;
    const { delivery, buried } = startDelivery(
      harness.store,
      async () => {
        if (refusals-- > 0) throw new SendUnverified('could not look for an earlier post: Slack answered not_in_channel', 'not_in_channel');
      },
      { maxAttempts: 3, maxAgeMs: 60_000 },
    );
    for (let attempt = 0; attempt < 8; attempt += 1) {
      await delivery.idle();
      const [row] = await queuedEffects(harness.store);
      expect(row).toMatchObject({ attempts: attempt + 1, nextAttemptAt: new Date(harness.clock.now().getTime() + retryDelayMs(attempt, null)) });
      harness.clock.advance(retryDelayMs(attempt, null));
      delivery.kick();
    }
    await delivery.idle();
    expect(buried).toEqual([]);
    expect(await harness.store.outboxStats(harness.clock.now())).toMatchObject({ queued: 0, running: 0, dead: 0 });
  });

  it('buries a row whose payload does not parse, and the loop lives on', async () => {
    harness = await useCaseDeps();
    await sql`insert into outbox (kind, payload, attempts, next_attempt_at, created_at, target_key, state) values ('sync_incident', '{"kind":"sync_incident"', 0, ${harness.clock.now().toISOString()}, ${harness.clock.now().toISOString()}, 'incident:9', 'queued')`.execute(harness.db);
    await enqueue(post(1));
    const delivered: string[] = [];
    const { delivery, buried, loopErrors } = startDelivery(harness.store, async (effect) => void delivered.push(effectKey(effect)));
    await delivery.idle();
    expect(buried).toHaveLength(1);
    expect(buried[0]).toMatch(/^sync_incident:payload does not parse/);
    expect(delivered).toEqual(['prompt:1']);
    expect(loopErrors).toEqual([]);
  });

  it('a hung target delays no other target', async () => {
    harness = await useCaseDeps();
    let release: () => void = () => undefined;
    const hung = new Promise<void>((resolve) => (release = resolve));
    const delivered: string[] = [];
    await enqueue(post(1));
    const { delivery } = startDelivery(harness.store, async (effect) => {
      if (effectKey(effect) === 'prompt:1') await hung;
      delivered.push(effectKey(effect));
    });
    await until(() => delivered.length === 0);
    const enqueuedAt = Date.now();
    await enqueue(post(2));
    delivery.kick();
    await until(() => delivered.includes('prompt:2'), 1_000);
    expect(Date.now() - enqueuedAt).toBeLessThan(DEFAULT_DELIVERY.pollMs);
    release();
    await until(() => delivered.includes('prompt:1'));
  });

  it('500 failing rows at the head of the outbox hide no new target', async () => {
    harness = await useCaseDeps();
    await enqueue(...Array.from({ length: 500 }, (_, i) => post(1_000 + i)));
    const delivered: string[] = [];
    const { delivery } = startDelivery(harness.store, async (effect) => {
      if (effect.kind === 'post_prompt' && effect.promptId >= 1_000) throw new Transient('slack is down');
      delivered.push(effectKey(effect));
    });
    await delivery.idle();
    expect(await harness.store.outboxStats(harness.clock.now())).toMatchObject({ queued: 500 });
    await enqueue(post(1));
    delivery.kick();
    await delivery.idle();
    expect(delivered).toEqual(['prompt:1']);
  });

  it('a reconciling effect is stored once while queued, but again while it runs (it may have rendered too early)', async () => {
    harness = await useCaseDeps();
    const sync: Effect = { kind: 'sync_triage_reply', groupId: 7 };
    await enqueue(sync, sync, sync);
    expect(await queuedEffects(harness.store)).toHaveLength(1);
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const { delivery } = startDelivery(harness.store, async () => {
      runs += 1;
      if (runs === 1) await blocked;
    });
    await until(() => runs === 1);
    await enqueue(sync, sync);
    expect((await queuedEffects(harness.store)).map((r) => r.state)).toEqual(['running', 'queued']);
    release();
    await until(() => runs === 2);
    await delivery.idle();
    expect(runs).toBe(2);
  });

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
    const { lost, delivered } = startDelivery(
      hung,
      async () => {
        await until(() => takenBy !== null, 5_000);
      },
      { leaseMs: 300 },
    );
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

describe('retry timing', () => {
  it('backs off 1 s, 2 s, 4 s … up to 5 minutes, never sooner than Slack asked', () => {
    expect(retryDelayMs(0, 30_000)).toBe(30_000);
    expect(retryDelayMs(3, null)).toBe(8_000);
    expect(retryDelayMs(50, null)).toBe(300_000);
  });
});
