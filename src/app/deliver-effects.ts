import type { Clock } from '../domain/clock.js';
import { claimedSince, HeldLease, type Claimed } from './held-lease.js';
import { LoopWorker, WorkLoop } from './work-loop.js';
import {
  EffectAbandoned,
  EffectBlocked,
  SendUnverified,
  type ClaimedEffect,
  type DeliveryFailure,
  type Effect,
  type EffectHandlers,
  type EffectKind,
  type OutboxQueue,
} from './outbox.js';

export interface EffectLog {
  delivered(row: ClaimedEffect, effect: Effect, ms: number): void;
  /** A pause (429, missing prerequisite) or a counted failure that will be retried. */
  retrying(row: ClaimedEffect, failure: DeliveryFailure, retryInMs: number): void;
  buried(row: ClaimedEffect, reason: string): void;
  /**
   * The row's lease was lost: its work stopped (or it finished after another worker took the row over, so it may
   * have run twice). Never "delivered": the row is another worker's now.
   */
  lost(row: ClaimedEffect, reason: string): void;
  /** A renewal of a row's lease failed (the database); the work stops unless one gets through in time. */
  renewFailed(row: ClaimedEffect, error: unknown): void;
  /** A failure of the delivery loop itself (the database); the loop carries on. */
  loopFailed(error: unknown): void;
}

export interface DeliveryOptions {
  /** Names this worker in the leases it writes; unique per process. */
  readonly owner: string;
  /** Rows delivered at once (each to its own key). */
  readonly concurrency: number;
  /** A claimed row is ours this long on the database's clock; renewed every third of it while it runs. */
  readonly leaseMs: number;
  /** Longest sleep between looks at the table when nothing wakes the loop. */
  readonly pollMs: number;
  /** How soon a blocked row (no channel or card yet) is tried again. */
  readonly blockedRetryMs: number;
  /** Counted failures after which a row is buried. */
  readonly maxAttempts: number;
  /** A row older than this that still fails or waits is buried. */
  readonly maxAgeMs: number;
  /** A row still waiting for its prerequisite (a channel, a card) this long after it was stored is buried. */
  readonly maxBlockedMs: number;
  /** The first backoff after a counted failure; it doubles each time (tests shorten it). */
  readonly retryBaseMs: number;
}

export const DEFAULT_DELIVERY: Omit<DeliveryOptions, 'owner'> = {
  concurrency: 8,
  leaseMs: 30_000,
  pollMs: 1_000,
  blockedRetryMs: 300,
  maxAttempts: 25,
  maxAgeMs: 24 * 3_600_000,
  maxBlockedMs: 15 * 60_000,
  retryBaseMs: 1_000,
};

/** Backoff between counted failures: 1 s, 2 s, 4 s … capped at 5 minutes, never sooner than Slack asked. */
export const retryDelayMs = (attempts: number, retryAfterMs: number | null, baseMs = 1_000): number =>
  Math.max(retryAfterMs ?? 0, Math.min(300_000, baseMs * 2 ** Math.min(attempts, 9)));

function dispatch<K extends EffectKind>(handlers: EffectHandlers, effect: Effect<K>, context: { rowId: number }): Promise<void> {
  const handler: EffectHandlers[K] = handlers[effect.kind];
  return handler(effect, context);
}

/**
 * Delivers the outbox: rows are claimed with a lease, a bounded number at once, one per key at a time and in order
 * within a key. A failure is classified once: a pause (429, prerequisite missing) waits without counting, a transient
 * failure backs off, a terminal one is buried as a dead letter so the key's later rows go on. The loop never dies:
 * every error is caught and logged.
 */
export class EffectDelivery extends LoopWorker<Claimed<ClaimedEffect>> {
  protected readonly loop: WorkLoop<Claimed<ClaimedEffect>>;
  private lastPurge = 0;

  constructor(
    private readonly queue: OutboxQueue,
    private readonly handlers: EffectHandlers,
    private readonly clock: Clock,
    private readonly log: EffectLog,
    private readonly classify: (error: unknown) => DeliveryFailure,
    private readonly options: DeliveryOptions,
  ) {
    super();
    const { owner, leaseMs } = options;
    this.loop = new WorkLoop<Claimed<ClaimedEffect>>(
      {
        claim: (limit) => claimedSince(() => queue.claimEffects(owner, clock.now(), leaseMs, limit)),
        hasClaimable: () => queue.hasClaimable(clock.now()),
        nextDueAt: () => queue.nextDueAt(clock.now()),
        run: ({ item, sentAt }) => this.deliver(item, sentAt),
        release: async () => void (await queue.releaseLeases(owner)),
      },
      clock,
      options,
      (error) => log.loopFailed(error),
      () => this.purgeNowAndThen(),
    );
  }


  private async deliver(row: ClaimedEffect, claimSentAt: number): Promise<void> {
    const { owner, leaseMs } = this.options;
    if (row.effect === null) {
      const reason = `payload does not parse: ${row.parseError ?? 'unknown'}`;
      if (await this.queue.buryEffect(row.id, owner, this.clock.now(), reason)) this.log.buried(row, reason);
      else this.log.lost(row, 'taken over before it was buried');
      return;
    }
    const { effect } = row;
    const lease = new HeldLease(() => this.queue.extendLease(row.id, owner, leaseMs), leaseMs, claimSentAt, (error) => this.log.renewFailed(row, error));
    const started = performance.now();
    try {
      // Every Slack call of the handler checks the lease first (see checkLease): lost, the work stops at its next call.
      await lease.run(() => dispatch(this.handlers, effect, { rowId: row.id }));
      if (await this.queue.completeEffect(row.id, owner, this.clock.now())) this.log.delivered(row, effect, performance.now() - started);
      else this.log.lost(row, 'finished after another worker took it over: it may have run twice');
    } catch (error) {
      // Not ours any more (or maybe not): no retry, no dead letter; whoever holds it now decides.
      const lost = lease.lostBecause;
      if (lost !== null) return this.log.lost(row, lost);
      const blockedTooLong = error instanceof EffectBlocked && this.clock.now().getTime() - row.createdAt.getTime() > this.options.maxBlockedMs;
      await this.fail(row, blockedTooLong ? { kind: 'terminal', reason: `still waiting: ${error.message}` } : this.failureOf(error));
    } finally {
      lease.stop();
    }
  }

  private failureOf(error: unknown): DeliveryFailure {
    if (error instanceof EffectBlocked) return { kind: 'paused', forMs: this.options.blockedRetryMs, reason: error.message };
    if (error instanceof EffectAbandoned) return { kind: 'terminal', reason: error.message };
    if (error instanceof SendUnverified) return { kind: 'unverified', reason: error.message };
    return this.classify(error);
  }

  private async fail(row: ClaimedEffect, failure: DeliveryFailure): Promise<void> {
    const now = this.clock.now();
    const tooOld = now.getTime() - row.createdAt.getTime() > this.options.maxAgeMs;
    const counted = failure.kind === 'transient' || failure.kind === 'unverified';
    const attempts = row.attempts + (counted ? 1 : 0);
    // A send that may have landed is never given up by age or attempts: burying it could leave the post missing.
    const mayGiveUp = failure.kind !== 'unverified';
    if (failure.kind === 'terminal' || (mayGiveUp && (tooOld || attempts >= this.options.maxAttempts))) {
      const reason = failure.kind === 'terminal' ? failure.reason : `gave up after ${attempts} attempts: ${failure.reason}`;
      if (await this.queue.buryEffect(row.id, this.options.owner, now, reason)) this.log.buried(row, reason);
      else this.log.lost(row, `failed after another worker took it over (${failure.reason})`);
      return;
    }
    const waitMs = failure.kind === 'paused' ? failure.forMs : retryDelayMs(row.attempts, failure.kind === 'transient' ? failure.retryAfterMs : null, this.options.retryBaseMs);
    const retried = await this.queue.retryEffect(row.id, this.options.owner, {
      dueAt: new Date(now.getTime() + waitMs),
      counted,
      error: failure.reason,
    });
    if (retried) this.log.retrying(row, failure, waitMs);
    else this.log.lost(row, `failed after another worker took it over (${failure.reason})`);
  }

  private async purgeNowAndThen(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastPurge < 3_600_000) return;
    this.lastPurge = now;
    await this.queue.purgeDelivered(new Date(now - 24 * 3_600_000));
  }
}
