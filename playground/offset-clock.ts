import type { Clock } from '../src/domain/clock.js';

/**
 * The playground's clock: real time plus an offset. "Fast-forward" moves the offset, so the bot's scheduler (which
 * reads this clock every real second) finds prompts and handoffs due without anyone waiting, and the fake Slack stamps
 * messages with the same time. It never runs backwards.
 */
export class OffsetClock implements Clock {
  private offset = 0;
  /** Set while the clock stands still at one instant (see `hold`). */
  private heldAt: number | null = null;
  private readonly realNow: () => number;

  constructor(realNow: () => number = Date.now) {
    this.realNow = realNow;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.heldAt ?? this.realNow() + this.offset;
  }

  /** How far ahead of real time the playground is. */
  get offsetMs(): number {
    return this.heldAt === null ? this.offset : this.heldAt - this.realNow();
  }

  /** Runs `ms` ahead of real time from now on, if that is further ahead than it already is. */
  runAhead(ms: number): void {
    this.release();
    if (ms > this.offset) this.offset = ms;
  }

  /** Moves to `at` if that is later than now; time never runs backwards (the record would not make sense). */
  advanceTo(at: number): void {
    this.release();
    const ahead = at - this.nowMs();
    if (ahead > 0) this.offset += ahead;
  }

  /**
   * Stands still at `at` (or now, if that is later) until `release`: whatever reads the clock meanwhile sees that one
   * instant, as work due then would have seen it.
   */
  hold(at: number): void {
    this.heldAt = Math.max(at, this.nowMs());
  }

  /** Runs on from where it stood. */
  release(): void {
    if (this.heldAt === null) return;
    this.offset = this.heldAt - this.realNow();
    this.heldAt = null;
  }
}
