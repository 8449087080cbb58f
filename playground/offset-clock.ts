import type { Clock } from '../src/domain/clock.js';

/**
 * The playground's clock: real time plus an offset that only grows. "Fast-forward" moves the offset, so the bot's
 * scheduler (which reads this clock every real second) finds prompts and handoffs due without anyone waiting, and
 * the fake Slack stamps messages with the same time.
 */
export class OffsetClock implements Clock {
  private offset = 0;
  private readonly realNow: () => number;

  constructor(realNow: () => number = Date.now) {
    this.realNow = realNow;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.realNow() + this.offset;
  }

  /** How far ahead of real time the playground is. */
  get offsetMs(): number {
    return this.offset;
  }

  /** Runs `ms` ahead of real time from now on, if that is further ahead than it already is. */
  runAhead(ms: number): void {
    if (ms > this.offset) this.offset = ms;
  }

  /** Moves to `at` if that is later than now; time never runs backwards (the record would not make sense). */
  advanceTo(at: number): void {
    const ahead = at - this.nowMs();
    if (ahead > 0) this.offset += ahead;
  }
}
