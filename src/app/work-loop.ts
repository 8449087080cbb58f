import type { Clock } from '../domain/clock.js';
import { ALWAYS_AVAILABLE, HandBackAfterOutage, type StoreAvailability } from './store-availability.js';

/** What a loop needs from its table: claim work, say whether any could be claimed now, and when more comes due. */
export interface WorkSource<T> {
  /** Claims up to `limit` items that may run now (under a lease the source writes). */
  claim(limit: number): Promise<T[]>;
  /** Whether something could be claimed now. */
  hasClaimable(): Promise<boolean>;
  /** When the next item waiting for a later time comes due, or null. */
  nextDueAt(): Promise<Date | null>;
  /** Runs one claimed item to its end (done, retried or buried); never throws for the item's own failure. */
  run(item: T): Promise<void>;
  /** Hands back whatever this worker still holds (shutdown). */
  release(): Promise<void>;
  /** How many items may run at once right now, at most the loop's concurrency (default: always all of it). */
  concurrencyNow?(concurrency: number): number;
}

export interface WorkLoopOptions {
  /** Items run at once. */
  readonly concurrency: number;
  /** Longest sleep between looks at the table when nothing wakes the loop. */
  readonly pollMs: number;
  /** While the database is away the loop waits for it instead of polling (default: always there). */
  readonly availability?: StoreAvailability;
}

/**
 * A loop over a table of claimed work (the outbox, the inbox): claims as many items as it has room for, runs them
 * side by side, and sleeps until kicked, an item finishes, the next item comes due, or `pollMs` passes. It never
 * dies: an error of the table itself is reported and the loop carries on. While the database is away it waits for it
 * (no polling); once it is back, what the loop held through the outage is handed back and claimed afresh.
 */
export class WorkLoop<T> {
  private readonly running = new Set<Promise<void>>();
  /** Set while the loop claims items and starts them, so `idle` never looks between the two. */
  private claiming: Promise<unknown> | null = null;
  private stopped = true;
  private loopDone: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private readonly availability: StoreAvailability;
  private readonly resume: HandBackAfterOutage;
  private stopRequested: () => void = () => undefined;
  private readonly stopping = new Promise<void>((resolve) => (this.stopRequested = resolve));

  constructor(
    private readonly source: WorkSource<T>,
    private readonly clock: Clock,
    private readonly options: WorkLoopOptions,
    private readonly failed: (error: unknown) => void,
    /** Extra work each round (purging, measuring), errors reported like the loop's own. */
    private readonly eachRound: () => Promise<void> = async () => undefined,
  ) {
    this.availability = options.availability ?? ALWAYS_AVAILABLE;
    this.resume = new HandBackAfterOutage(this.availability, async () => {
      await Promise.allSettled([...this.running]);
      await this.source.release();
    });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loopDone = this.loop();
  }

  /** Something was stored or finished: look at the table now rather than at the next poll. */
  kick(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /**
   * Something new was stored: look at the table now, or, while items run, once the next of them ends (each end looks
   * again), so a storm's arrivals do not send the loop to the table once per request.
   */
  stored(): void {
    if (this.running.size === 0) this.kick();
  }

  /** Resolves when nothing runs and nothing could be claimed now (items waiting for a later time do not count). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.claiming) await this.claiming.catch(() => undefined);
      if (this.running.size > 0) {
        await Promise.allSettled([...this.running]);
        continue;
      }
      if (this.stopped) return;
      const claimable = await this.source.hasClaimable();
      if (this.claiming || this.running.size > 0) continue;
      if (!claimable) return;
      this.kick();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Stops claiming, lets running items finish (up to `graceMs`), then hands back whatever is still held. */
  async stop(graceMs = 15_000): Promise<void> {
    this.stopped = true;
    this.stopRequested();
    this.kick();
    await this.loopDone;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled([...this.running]), grace]);
    clearTimeout(timer);
    await this.source.release().catch((error: unknown) => this.failed(error));
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.woken = false;
      let claimedAll = false;
      try {
        if (!(await this.resume.ready())) {
          await Promise.race([this.availability.whenAvailable(), this.stopping]);
          continue;
        }
        const free = (this.source.concurrencyNow?.(this.options.concurrency) ?? this.options.concurrency) - this.running.size;
        if (free > 0) {
          const claim = this.source.claim(free);
          this.claiming = claim;
          try {
            const items = await claim;
            for (const item of items) this.launch(item);
            claimedAll = items.length === free;
          } finally {
            this.claiming = null;
          }
        }
        await this.eachRound();
      } catch (error) {
        if (!this.availability.explains(error)) this.failed(error);
      }
      if (claimedAll || this.stopped) continue;
      await this.sleep();
    }
  }

  private async sleep(): Promise<void> {
    if (this.woken) return;
    let waitMs = this.options.pollMs;
    try {
      // While items run, the end of each wakes the loop: no need to ask the table (on a long backlog that costs a scan).
      const next = this.running.size > 0 ? null : await this.source.nextDueAt();
      if (next !== null) waitMs = Math.min(waitMs, Math.max(0, next.getTime() - this.clock.now().getTime()));
    } catch (error) {
      if (!this.availability.explains(error)) this.failed(error);
    }
    if (this.woken || waitMs === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, waitMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
    this.wakeUp = null;
  }

  private launch(item: T): void {
    const run: Promise<void> = this.source
      .run(item)
      .catch((error: unknown) => {
        if (!this.availability.explains(error)) this.failed(error);
      })
      .finally(() => {
        this.running.delete(run);
        this.kick();
      });
    this.running.add(run);
  }
}

/** What the outbox delivery and the inbox drain share: a loop of their own that they start, kick, wait for and stop. */
export abstract class LoopWorker<T> {
  protected abstract readonly loop: WorkLoop<T>;

  start(): void {
    this.loop.start();
  }

  /** Something was stored or finished: look at the table now rather than at the next poll. */
  kick(): void {
    this.loop.kick();
  }

  /** Something new was stored: look now, or once a running item ends (see WorkLoop.stored). */
  stored(): void {
    this.loop.stored();
  }

  /** Resolves when nothing runs and nothing could be claimed now (items waiting for a later time do not count). */
  idle(): Promise<void> {
    return this.loop.idle();
  }

  /** Stops claiming, lets running items finish (up to `graceMs`), then hands back whatever is still held. */
  stop(graceMs = 15_000): Promise<void> {
    return this.loop.stop(graceMs);
  }
}
