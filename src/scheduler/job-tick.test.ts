import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startJobTick } from './job-tick.js';

describe('the scheduler tick', () => {
  it('runs due work at start and every second; ticked(n) waits for n whole ticks begun after the call', async () => {
    const began: number[] = [];
    let release = (): void => undefined;
    const tick = startJobTick(
      () => {
        began.push(Date.now());
        // The first tick is held open: a tick under way when ticked() is called must not count.
        return began.length === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
      },
      pino({ level: 'silent' }),
    );
    try {
      expect(began).toHaveLength(1);
      const waited = tick.ticked(1);
      release();
      await waited;
      // The held tick ended first; ticked(1) resolved only after a tick that began later.
      expect(began.length).toBeGreaterThanOrEqual(2);
      const before = began.length;
      await tick.ticked(2);
      expect(began.length).toBeGreaterThanOrEqual(before + 2);
    } finally {
      await tick.stop();
    }
  });

  it('a failing run is logged and the next tick still comes', async () => {
    let runs = 0;
    const errors: string[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
    const tick = startJobTick(async () => {
      runs += 1;
      throw new Error('database away');
    }, log);
    try {
      await tick.ticked(1);
      expect(runs).toBeGreaterThanOrEqual(2);
      expect(errors.join('')).toContain('scheduled jobs failed; will retry next tick');
    } finally {
      await tick.stop();
    }
  });
});
