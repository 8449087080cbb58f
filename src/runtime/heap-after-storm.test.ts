import { describe, expect, it } from 'vitest';
import { fullCollection, HeapAfterStorm } from './heap-after-storm.js';

function storm() {
  const state = { read: 0, arriving: false, collections: 0 };
  const collector = new HeapAfterStorm(
    { arrivingWithin: () => state.arriving, eventsRead: () => state.read },
    () => state.collections++,
    { everyMs: 5_000, minEvents: 2_000 },
  );
  return { state, collector };
}

describe('giving a storm’s memory back', () => {
  it('collects once after a storm has been read and a whole interval passed quietly', () => {
    const { state, collector } = storm();
    state.arriving = true;
    state.read = 1_500;
    expect(collector.look()).toBe(false);
    state.arriving = false;
    // Arrivals stopped, but the backlog is still being read.
    state.read = 6_000;
    expect(collector.look()).toBe(false);
    state.read = 10_000;
    expect(collector.look()).toBe(false);
    // Nothing read since the last look: the storm is over.
    expect(collector.look()).toBe(true);
    expect(state.collections).toBe(1);
    // And not again while quiet.
    expect(collector.look()).toBe(false);
    expect(collector.look()).toBe(false);
    expect(state.collections).toBe(1);
  });

  it('never collects while events keep arriving, however many', () => {
    const { state, collector } = storm();
    state.arriving = true;
    for (let i = 1; i <= 20; i++) {
      state.read = i * 1_000;
      collector.look();
    }
    state.read = 20_000;
    expect(collector.look()).toBe(false);
    expect(state.collections).toBe(0);
  });

  it('leaves ordinary traffic alone: a few hundred events, then quiet, is no storm', () => {
    const { state, collector } = storm();
    state.read = 300;
    collector.look();
    expect(collector.look()).toBe(false);
    state.read = 1_900;
    collector.look();
    expect(collector.look()).toBe(false);
    expect(state.collections).toBe(0);
  });

  it('a full collection is available without --expose-gc, and frees what nothing holds', () => {
    const collect = fullCollection();
    expect(collect).not.toBeNull();
    let garbage: number[][] | null = Array.from({ length: 200 }, () => Array.from({ length: 10_000 }, (_, i) => i));
    expect(garbage.length).toBe(200);
    const before = process.memoryUsage().heapUsed;
    garbage = null;
    collect?.();
    expect(process.memoryUsage().heapUsed).toBeLessThan(before - 10_000_000);
  });
});
