import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test/support/eventually.js';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import { DEFAULT_DRAIN, InboxDrain, type InboxLog } from './drain-inbox.js';
import { EventIntake } from './event-intake.js';
import type { ArrivedEvent, InboxQueue, StoredEvent } from './inbox.js';
import { DEFAULT_READING_PACE, ReadingPace } from './reading-pace.js';

type Harness = Awaited<ReturnType<typeof useCaseDeps>>;
let harness: Harness;
const drains: InboxDrain[] = [];
afterEach(async () => {
  for (const d of drains.splice(0)) await d.stop(100);
  await harness?.db.destroy();
});

const arrived = (n: number, key = 'C0ALERTS'): ArrivedEvent => ({ eventId: `Ev${n}`, key, kind: 'message', body: JSON.stringify({ n }), receivedAt: harness.clock.now() });

const quiet: InboxLog = { processed: () => undefined, failed: () => undefined, lost: () => undefined, renewFailed: () => undefined, loopFailed: () => undefined, measured: () => undefined };

function startDrain(process: (key: string, events: readonly StoredEvent[]) => Promise<void>, log: Partial<InboxLog> = {}, inbox: InboxQueue = harness.store, leaseMs = DEFAULT_DRAIN.leaseMs, pace?: ReadingPace) {
  const drain = new InboxDrain(inbox, process, harness.clock, { ...quiet, ...log }, { ...DEFAULT_DRAIN, pollMs: 50, retryBaseMs: 10, leaseMs, owner: 'test-drain' }, pace);
  drains.push(drain);
  drain.start();
  return drain;
}

const numbers = (events: readonly StoredEvent[]): number[] => events.map((e) => (JSON.parse(e.body) as { n: number }).n);

describe('storing events before the 200', () => {
  it('stores events that arrive together in one transaction, and tells a re-delivery apart', async () => {
    harness = await useCaseDeps();
    const writes: number[] = [];
    const counting: Pick<InboxQueue, 'acceptEvents'> = {
      acceptEvents: async (events) => {
        writes.push(events.length);
        return harness.store.acceptEvents(events);
      },
    };
    const intake = new EventIntake(counting, { maxWaitMs: 5, maxBatch: 500 });
    const answers = await Promise.all([...Array.from({ length: 100 }, (_, i) => intake.accept(arrived(i))), intake.accept(arrived(7))]);
    expect(answers.filter((fresh) => fresh)).toHaveLength(100);
    expect(answers.at(-1)).toBe(false);
    expect(writes.reduce((a, b) => a + b, 0)).toBe(101);
    expect(writes.length).toBeLessThanOrEqual(2);
    expect((await harness.store.inboxStats(harness.clock.now())).queued).toBe(100);
    // Stored means stored: a later arrival of the same event_id is still refused.
    expect(await intake.accept(arrived(42))).toBe(false);
  });

  it('refuses every caller of a batch whose write failed (they answer 500 and Slack delivers again)', async () => {
    harness = await useCaseDeps();
    const intake = new EventIntake({ acceptEvents: async () => Promise.reject(new Error('disk full')) }, { maxWaitMs: 1, maxBatch: 10 });
    const results = await Promise.allSettled([intake.accept(arrived(1)), intake.accept(arrived(2))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});

describe('reading the inbox', () => {
  it('reads each channel in arrival order, channels side by side, in batches', async () => {
    harness = await useCaseDeps();
    await harness.store.acceptEvents([...Array.from({ length: 250 }, (_, i) => arrived(i, 'C0A')), arrived(1_000, 'C0B'), arrived(1_001, 'C0B')]);
    const seen = new Map<string, number[]>();
    const batches: number[] = [];
    const drain = startDrain(async (key, events) => {
      seen.set(key, [...(seen.get(key) ?? []), ...numbers(events)]);
      batches.push(events.length);
    });
    await drain.idle();
    expect(seen.get('C0A')).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(seen.get('C0B')).toEqual([1_000, 1_001]);
    expect(Math.max(...batches)).toBe(DEFAULT_DRAIN.batchSize);
    expect(await harness.store.inboxStats(harness.clock.now())).toMatchObject({ queued: 0, running: 0, dead: 0 });
  });

  it('while events arrive, reads one channel at a time (acks never wait behind several reads); between storms, channels side by side', async () => {
    harness = await useCaseDeps();
    const keys = ['C0A', 'C0B', 'C0C', 'C0D'];
    await harness.store.acceptEvents(keys.flatMap((key, k) => Array.from({ length: 3 }, (_, i) => arrived(k * 10 + i, key))));
    const storm = { arriving: true };
    const pace = new ReadingPace({ arrivingWithin: () => storm.arriving, drained: async () => undefined }, { ...DEFAULT_READING_PACE, maxRestMs: 1 });
    let reading = 0;
    let mostAtOnce = 0;
    const read: number[] = [];
    const drain = startDrain(async (_, events) => {
      reading += 1;
      mostAtOnce = Math.max(mostAtOnce, reading);
      // Reading takes a while (a slow query, a cold path): time for the loop to start other channels if it would.
      await new Promise((resolve) => setTimeout(resolve, 20));
      read.push(...numbers(events));
      reading -= 1;
    }, {}, harness.store, DEFAULT_DRAIN.leaseMs, pace);
    await drain.idle();
    expect(read).toHaveLength(12);
    expect(mostAtOnce).toBe(1);

    await harness.store.acceptEvents(keys.map((key, k) => arrived(100 + k, key)));
    storm.arriving = false;
    mostAtOnce = 0;
    drain.stored();
    await eventually(() => expect(read).toHaveLength(16));
    expect(mostAtOnce).toBe(keys.length);
  });

  it('one event that cannot be read is retried, then buried; the rest of its channel goes on after it, in order', async () => {
    harness = await useCaseDeps();
    await harness.store.acceptEvents([arrived(1), arrived(2), arrived(3), arrived(4, 'C0OTHER')]);
    const read = new Map<string, number[]>();
    const failures: Array<number | null> = [];
    const drain = startDrain(
      async (key, events) => {
        if (numbers(events).includes(2)) throw new Error('cannot read event 2');
        read.set(key, [...(read.get(key) ?? []), ...numbers(events)]);
      },
      { failed: (_, __, retryInMs) => failures.push(retryInMs) },
    );
    for (let i = 0; i < DEFAULT_DRAIN.maxAttempts; i += 1) {
      await drain.idle();
      harness.clock.advance(60_000);
      drain.kick();
    }
    await drain.idle();
    expect(read.get('C0ALERTS')).toEqual([1, 3]);
    expect(read.get('C0OTHER')).toEqual([4]);
    expect(failures).toHaveLength(DEFAULT_DRAIN.maxAttempts);
    expect(failures.at(-1)).toBeNull();
    expect(await harness.store.inboxStats(harness.clock.now())).toMatchObject({ queued: 0, dead: 1 });
  });

  it('takes over events whose reader died (its lease ran out on the database clock)', async () => {
    harness = await useCaseDeps();
    await harness.store.acceptEvents([arrived(1)]);
    expect(await harness.store.claimEvents('dead-reader', harness.clock.now(), 300, 4, 10)).toHaveLength(1);
    const read: number[] = [];
    const drain = startDrain(async (_, events) => void read.push(...numbers(events)));
    await drain.idle();
    expect(read).toEqual([]);
    // The injected clock stands still: the lease runs out on the database's clock alone.
    await eventually(() => expect(read).toEqual([1]));
  });

  it('logs events read after another reader took them over as lost, never as read', async () => {
    harness = await useCaseDeps();
    await harness.store.acceptEvents([arrived(1), arrived(2)]);
    // The heartbeat never gets an answer: the lease runs out while the events are being read, and another reader takes them.
    const hung: InboxQueue = { ...harness.store, extendEventLeases: () => new Promise<boolean>(() => undefined) };
    let takenOver = false;
    let reading = false;
    const lost: string[] = [];
    const processed: number[] = [];
    startDrain(
      async () => {
        reading = true;
        await eventually(() => expect(takenOver).toBe(true));
      },
      { lost: (events, reason) => lost.push(`${events.map((e) => e.eventId).join(',')}: ${reason}`), processed: (batch) => void processed.push(batch.events.length) },
      hung,
      300,
    );
    // The other reader comes once this drain holds the events (and its lease has run out).
    await eventually(() => expect(reading).toBe(true));
    await eventually(async () => {
      takenOver = (await harness.store.claimEvents('other-replica', harness.clock.now(), 30_000, 4, 10)).length > 0;
      expect(takenOver).toBe(true);
    });
    // (Before the other reader got them, this drain may itself have claimed them again once its lease ran out: each of
    // its reads is then lost alike.)
    await eventually(() => expect(lost.length).toBeGreaterThan(0));
    await eventually(() => expect(new Set(lost)).toEqual(new Set(['Ev1,Ev2: read after another worker took them over: they may have been read twice'])));
    expect(processed).toEqual([]);
  });
});
