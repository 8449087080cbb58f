import { describe, expect, it } from 'vitest';
import { DEFAULT_READING_PACE, ReadingPace } from './reading-pace.js';

/** Arrivals the test switches on and off, and a count of the times the reader waited for them to be stored. */
function arrivals() {
  const state = { arriving: true, drained: 0 };
  return { state, source: { arrivingWithin: () => state.arriving, drained: async () => void (state.drained += 1) } };
}

describe('the inbox drain gives way to arriving requests', () => {
  it('from the first batch after a start, while events arrive, reads only what fits in a short slice', () => {
    const { source, state } = arrivals();
    const pace = new ReadingPace(source, { ...DEFAULT_READING_PACE, sliceMs: 8, firstEventMs: 4 });
    // Nothing read yet (code not compiled): two events.
    expect(pace.batchSize(25)).toBe(2);
    // Reading turns out cheap (warm code): the slice holds more, never more than a full batch.
    for (let i = 0; i < 10; i += 1) pace.read(10, 2);
    expect(pace.batchSize(25)).toBe(25);
    // A slow stretch (a cold path, a big event) shrinks the next batches at once.
    pace.read(2, 40);
    expect(pace.batchSize(25)).toBeLessThanOrEqual(1);
    // Once nothing arrives, full batches.
    state.arriving = false;
    expect(pace.batchSize(25)).toBe(25);
  });

  it('reads one key at a time while events arrive, and as many as the drain allows between storms', () => {
    const { source, state } = arrivals();
    const pace = new ReadingPace(source);
    expect(pace.keysAtOnce(4)).toBe(1);
    state.arriving = false;
    expect(pace.keysAtOnce(4)).toBe(4);
  });

  it('lets what arrived be stored first, rests twice as long as the slice took while events arrive, and not at all between storms', async () => {
    const { source, state } = arrivals();
    const pace = new ReadingPace(source);
    let started = performance.now();
    await pace.giveWay(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
    expect(state.drained).toBe(1);
    state.arriving = false;
    // (Resting would take the longest rest, 100 ms, after a slice this long.)
    started = performance.now();
    await pace.giveWay(1_000);
    expect(performance.now() - started).toBeLessThan(DEFAULT_READING_PACE.maxRestMs);
    expect(state.drained).toBe(2);
  });
});
