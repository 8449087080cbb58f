import type { EventIntake } from './event-intake.js';

export interface ReadingPaceOptions {
  /** While events arrive, about how long one slice of reading may hold the event loop and the connection. */
  readonly sliceMs: number;
  /** While events arrive, the rest after a slice, as a multiple of the slice's length (2: reading takes a third). */
  readonly restRatio: number;
  /** The longest rest after one slice. */
  readonly maxRestMs: number;
  /** What reading one event is assumed to cost before any was read: a bot just started reads its first slices cold. */
  readonly firstEventMs: number;
  /** Arrivals within this long mean a storm is going on. */
  readonly arrivingMs: number;
}

export const DEFAULT_READING_PACE: ReadingPaceOptions = { sliceMs: 8, restRatio: 2, maxRestMs: 100, firstEventMs: 4, arrivingMs: 250 };

/**
 * How the inbox drain shares the one event loop and the one database connection with arriving requests, from the
 * first batch after a start: a batch is read in one transaction that no acknowledgement can pass, so while events
 * arrive the drain reads one key at a time, takes only as many of its events as fit in a short slice (by what an
 * event cost to read so far: a bot just started, its code not yet compiled, reads a few at a time) and rests twice as
 * long as the slice took. Between storms it reads full batches of every key side by side and does not rest.
 */
export class ReadingPace {
  private msPerEvent: number;

  constructor(
    private readonly arrivals: Pick<EventIntake, 'arrivingWithin' | 'drained'>,
    private readonly options: ReadingPaceOptions = DEFAULT_READING_PACE,
  ) {
    this.msPerEvent = options.firstEventMs;
  }

  private get arriving(): boolean {
    return this.arrivals.arrivingWithin(this.options.arrivingMs);
  }

  /** How many events of one key the next batch takes, at most `max`. */
  batchSize(max: number): number {
    if (!this.arriving) return max;
    return Math.max(1, Math.min(max, Math.floor(this.options.sliceMs / this.msPerEvent)));
  }

  /**
   * How many keys are read side by side, at most `max`. While events arrive, one: the slices of several keys would
   * queue for the one connection and run back to back, holding the acknowledgements for all of them together (the
   * first storm after a start opens every group in its first second, and four such slices made a 48 ms stall).
   */
  keysAtOnce(max: number): number {
    return this.arriving ? Math.min(1, max) : max;
  }

  /** A batch of `events` took `ms` to read: the cost per event follows (recent batches weigh most, as code warms up). */
  read(events: number, ms: number): void {
    if (events <= 0) return;
    this.msPerEvent = 0.5 * this.msPerEvent + 0.5 * (ms / events);
  }

  /** Between slices: lets what arrived meanwhile be stored first, then, while events arrive, rests. */
  async giveWay(lastSliceMs: number): Promise<void> {
    // Requests waiting for the event loop are read first (their bodies, signatures), then stored.
    await new Promise((resolve) => setImmediate(resolve));
    await this.arrivals.drained();
    if (!this.arriving) return;
    const restMs = Math.min(this.options.maxRestMs, Math.max(1, lastSliceMs * this.options.restRatio));
    await new Promise((resolve) => setTimeout(resolve, restMs));
  }
}
