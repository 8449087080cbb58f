import type { Clock } from '../domain/clock.js';
import { retryDelayMs } from '../app/deliver-effects.js';
import type { ClaimedBatch, InboxQueue, InboxStats, StoredEvent } from './inbox.js';
import { claimedSince, HeldLease, type Claimed } from '../app/held-lease.js';
import type { StoreAvailability } from '../app/store-availability.js';
import { LoopWorker, WorkLoop } from '../app/work-loop.js';
import type { ReadingPace } from './reading-pace.js';

/** Processes stored events of one key, in order. Throwing means none of them is done (they are idempotent). */
export type ProcessEvents = (key: string, events: readonly StoredEvent[]) => Promise<void>;

export interface InboxLog {
  processed(batch: ClaimedBatch, ms: number): void;
  failed(event: StoredEvent, error: unknown, retryInMs: number | null): void;
  /** Events whose lease was lost: their reading stopped (or finished after another worker took them over). */
  lost(events: readonly StoredEvent[], reason: string): void;
  /** A renewal of a batch's lease failed (the database); its reading stops unless one gets through in time. */
  renewFailed(error: unknown): void;
  loopFailed(error: unknown): void;
  /** The backlog as measured each second, for metrics and backpressure. */
  measured(stats: InboxStats): void;
}

export interface DrainOptions {
  readonly owner: string;
  /** Keys processed side by side. */
  readonly concurrency: number;
  /** Events of one key taken (and, where the processor can, stored) together. */
  readonly batchSize: number;
  readonly leaseMs: number;
  readonly pollMs: number;
  readonly retryBaseMs: number;
  /** A failing event is buried after this many attempts, so its channel's later events go on. */
  readonly maxAttempts: number;
  /** While the database is away the worker waits for it, and leaves work it could not record to be handed back. */
  readonly availability?: StoreAvailability;
}

export const DEFAULT_DRAIN: Omit<DrainOptions, 'owner'> = {
  concurrency: 4,
  batchSize: 25,
  leaseMs: 30_000,
  pollMs: 1_000,
  retryBaseMs: 1_000,
  maxAttempts: 5,
};

type DrainPace = Pick<ReadingPace, 'batchSize' | 'keysAtOnce' | 'read' | 'giveWay'>;

/** Reads full batches without resting: for a drain that nothing arrives beside. */
const FULL_SPEED: DrainPace = { batchSize: (max) => max, keysAtOnce: (max) => max, read: () => undefined, giveWay: async () => undefined };

/**
 * Drains the inbox after the acks: batches of one key at a time (a channel's events in the order they arrived),
 * several keys side by side. A batch that fails is taken apart: its events are processed one by one, so one event
 * that cannot be processed is retried, then buried, and holds back its channel only for that long.
 */
export class InboxDrain extends LoopWorker<Claimed<ClaimedBatch>> {
  protected readonly loop: WorkLoop<Claimed<ClaimedBatch>>;
  private lastMeasure = 0;
  private lastPurge = 0;

  constructor(
    private readonly inbox: InboxQueue,
    private readonly processEvents: ProcessEvents,
    private readonly clock: Clock,
    private readonly log: InboxLog,
    private readonly options: DrainOptions,
    /** How large a batch is and how long the drain rests after it: acknowledging comes first (see ReadingPace). */
    private readonly pace: DrainPace = FULL_SPEED,
  ) {
    super();
    const { owner, leaseMs } = options;
    this.loop = new WorkLoop<Claimed<ClaimedBatch>>(
      {
        claim: (limit) => claimedSince(() => inbox.claimEvents(owner, clock.now(), leaseMs, limit, this.pace.batchSize(options.batchSize))),
        hasClaimable: () => inbox.hasClaimableEvents(clock.now()),
        nextDueAt: () => inbox.nextEventDueAt(clock.now()),
        run: ({ item, sentAt }) => this.process(item, sentAt),
        release: async () => void (await inbox.releaseEventLeases(owner)),
        concurrencyNow: (concurrency) => this.pace.keysAtOnce(concurrency),
      },
      clock,
      options,
      (error) => log.loopFailed(error),
      () => this.measureAndPurge(),
    );
  }


  private async process(batch: ClaimedBatch, claimSentAt: number): Promise<void> {
    const { owner, leaseMs } = this.options;
    // The events still held: one finished on its own is no longer renewed (its row is no longer this worker's).
    let held = batch.events;
    const lease = new HeldLease(() => this.inbox.extendEventLeases(held.map((e) => e.id), owner, leaseMs), leaseMs, claimSentAt, (error) => this.log.renewFailed(error));
    const read = (events: readonly StoredEvent[]) => lease.run(() => this.processEvents(batch.key, events));
    const started = performance.now();
    try {
      try {
        await read(batch.events);
        const done = await this.inbox.completeEvents(batch.events.map((e) => e.id), owner, this.clock.now());
        this.pace.read(batch.events.length, performance.now() - started);
        if (done) this.log.processed(batch, performance.now() - started);
        else this.log.lost(batch.events, 'read after another worker took them over: they may have been read twice');
        return;
      } catch (error) {
        // The database went away: nothing can be recorded now; the loop hands the batch back, uncounted, once it returns.
        if (this.options.availability?.explains(error)) throw error;
        if (lease.lostBecause !== null) return this.log.lost(batch.events, lease.lostBecause);
        if (batch.events.length === 1) return void (await this.failOne(batch.events[0], error, batch.events));
      }
      // One by one, in order; the first that fails ends the batch and the rest wait behind it.
      for (const [i, event] of batch.events.entries()) {
        try {
          await read([event]);
        } catch (error) {
          if (this.options.availability?.explains(error)) throw error;
          if (lease.lostBecause !== null) return this.log.lost(held, lease.lostBecause);
          await this.failOne(event, error, held);
          return;
        }
        if (!(await this.inbox.completeEvents([event.id], owner, this.clock.now()))) return this.log.lost(held, 'read after another worker took them over');
        held = batch.events.slice(i + 1);
      }
      this.log.processed(batch, 0);
    } finally {
      lease.stop();
      await this.pace.giveWay(performance.now() - started);
    }
  }

  /** The failed event is retried (or buried); the events after it go back to the queue untouched, to keep the order. */
  private async failOne(event: StoredEvent | undefined, error: unknown, rest: readonly StoredEvent[]): Promise<void> {
    if (!event) return;
    const { owner } = this.options;
    const now = this.clock.now();
    const reason = error instanceof Error ? error.message : String(error);
    const later = rest.filter((e) => e.id !== event.id).map((e) => e.id);
    const buried = event.attempts + 1 >= this.options.maxAttempts;
    const waitMs = buried ? null : retryDelayMs(event.attempts, null, this.options.retryBaseMs);
    const ours = waitMs === null
      ? await this.inbox.buryEvents([event.id], owner, now, `gave up after ${event.attempts + 1} attempts: ${reason}`)
      : await this.inbox.retryEvents([event.id], owner, new Date(now.getTime() + waitMs), reason);
    if (!ours) return this.log.lost(rest, `failed after another worker took them over (${reason})`);
    this.log.failed(event, error, waitMs);
    await this.inbox.returnEvents(later, owner);
  }

  private async measureAndPurge(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastMeasure >= 1_000) {
      this.lastMeasure = now;
      this.log.measured(await this.inbox.inboxStats(this.clock.now()));
    }
    if (now - this.lastPurge >= 3_600_000) {
      this.lastPurge = now;
      await this.inbox.purgeProcessedEvents(new Date(now - 24 * 3_600_000));
    }
  }
}
