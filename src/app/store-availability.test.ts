import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../domain/clock.js';
import { eventually } from '../../test/support/eventually.js';
import { AvailabilityWatch, StoreUnavailable, skippingOutages, unlessAway } from './store-availability.js';
import { WorkLoop, type WorkSource } from './work-loop.js';

/** An error the way a driver reports the server going away, and one it reports for a bad statement. */
const lost = (): Error => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
const refused = (): Error => Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });

/** A database that can be switched off and on; the watch's probe succeeds only while it is on. */
function database() {
  const state = { up: true, probes: 0, away: [] as unknown[], back: [] as number[] };
  const watch = new AvailabilityWatch({
    isOutage: (error) => (error as { code?: string }).code === '57P01',
    probe: async () => {
      state.probes += 1;
      if (!state.up) throw lost();
    },
    events: { wentAway: (error) => state.away.push(error), cameBack: (ms) => state.back.push(ms) },
    probeEveryMs: 20,
    maxProbeEveryMs: 160,
  });
  watches.push(watch);
  return { state, watch };
}

const watches: AvailabilityWatch[] = [];
afterEach(() => watches.splice(0).forEach((w) => w.stop()));

describe('the availability watch', () => {
  it('goes away on the first error that shows an outage, says so once, and comes back only when a probe can write', async () => {
    const { state, watch } = database();
    watch.observe(refused());
    expect(watch.available).toBe(true);

    state.up = false;
    const first = lost();
    watch.observe(first);
    watch.observe(lost());
    expect(watch.available).toBe(false);
    expect(state.away).toEqual([first]);
    expect(watch.outages).toBe(1);
    expect(watch.explains(first)).toBe(true);
    expect(watch.explains({ original: first })).toBe(true);
    expect(watch.explains(refused())).toBe(false);

    // While it is away the probe runs now and then, and nothing else happens.
    await eventually(() => expect(state.probes).toBeGreaterThanOrEqual(3));
    expect(watch.available).toBe(false);
    let resumed = false;
    const waiting = watch.whenAvailable().then(() => (resumed = true));
    state.up = true;
    await waiting;
    expect(resumed).toBe(true);
    expect(watch.available).toBe(true);
    expect(state.back).toHaveLength(1);
    expect(state.away).toHaveLength(1);
  });

  it('probes less often while the database keeps coming back only to go away again', async () => {
    const { state, watch } = database();
    const gaps: number[] = [];
    for (let round = 0; round < 4; round += 1) {
      const probes = state.probes;
      const since = performance.now();
      watch.observe(lost());
      await eventually(() => expect(state.probes).toBeGreaterThan(probes));
      await watch.whenAvailable();
      gaps.push(performance.now() - since);
    }
    // 20 ms, then 40, 80, 160 (the maximum): each return lasted no time at all.
    expect(gaps[3]).toBeGreaterThanOrEqual(150);
    expect(gaps[0]).toBeLessThan(gaps[3] ?? 0);
  });

  it('refuses work at once while away, and a periodic task sits the outage out, handing back what it held once', async () => {
    const { state, watch } = database();
    const handedBack: number[] = [];
    let runs = 0;
    const tick = skippingOutages(watch, async () => handedBack.push(watch.outages), async () => {
      runs += 1;
      if (!state.up) throw lost();
    });
    await tick();
    state.up = false;
    const failure = lost();
    watch.observe(failure);
    await tick();
    await tick();
    expect(runs).toBe(1);
    await expect(unlessAway(watch, async () => 'stored')).rejects.toBeInstanceOf(StoreUnavailable);
    state.up = true;
    await watch.whenAvailable();
    await tick();
    await tick();
    expect(runs).toBe(3);
    expect(handedBack).toEqual([1]);
  });
});

describe('a work loop while the database is away', () => {
  it('stops looking at its table until the database answers, then hands back what it held and goes on', async () => {
    const { state, watch } = database();
    const calls = { claims: 0, released: 0, ran: [] as number[] };
    let next = 1;
    const source: WorkSource<number> = {
      claim: async (limit) => {
        calls.claims += 1;
        if (!state.up) {
          const error = lost();
          watch.observe(error);
          throw error;
        }
        return next <= 6 ? Array.from({ length: Math.min(limit, 2) }, () => next++) : [];
      },
      hasClaimable: async () => next <= 6,
      nextDueAt: async () => null,
      run: async (item) => void calls.ran.push(item),
      release: async () => void (calls.released += 1),
    };
    const failures: unknown[] = [];
    const loop = new WorkLoop(source, systemClock, { concurrency: 2, pollMs: 10, availability: watch }, (error) => failures.push(error));
    state.up = false;
    loop.start();
    try {
      await eventually(() => expect(calls.claims).toBe(1));
      // The probe looks many times; the loop does not poll the dead table meanwhile.
      const probes = state.probes;
      await eventually(() => expect(state.probes).toBeGreaterThanOrEqual(probes + 5));
      expect(calls.claims).toBe(1);
      expect(failures).toEqual([]);

      state.up = true;
      await eventually(() => expect(calls.ran).toEqual([1, 2, 3, 4, 5, 6]));
      expect(calls.released).toBe(1);
    } finally {
      await loop.stop();
    }
  });

  it('stops while waiting for the database', async () => {
    const { watch } = database();
    watch.observe(lost());
    const source: WorkSource<number> = {
      claim: async () => [],
      hasClaimable: async () => false,
      nextDueAt: async () => null,
      run: async () => undefined,
      release: async () => undefined,
    };
    const loop = new WorkLoop(source, systemClock, { concurrency: 1, pollMs: 10, availability: watch }, () => undefined);
    loop.start();
    await loop.stop();
    expect(watch.available).toBe(false);
  });
});
