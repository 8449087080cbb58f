import { AsyncLocalStorage } from 'node:async_hooks';

/** Thrown into work whose claim may be another worker's now: nothing more of it may reach Slack or the record. */
export class LeaseLost extends Error {
  override readonly name = 'LeaseLost';
}

/** The signal of the lease the running work holds, if any (see `HeldLease.run`). */
const currentLease = new AsyncLocalStorage<AbortSignal>();

/**
 * Throws `LeaseLost` when the work running here has lost its claim. Called before each Slack call (the paced client)
 * and between stored events, so work that can no longer be sure of its claim stops at its next step.
 */
export function checkLease(): void {
  currentLease.getStore()?.throwIfAborted();
}

/**
 * Keeps a claim (an outbox row, a batch of stored events) alive while its work runs: renews it every third of the
 * lease, and gives the work up (aborts its signal) as soon as the claim may no longer be its own: a renewal answered
 * "not yours", or no renewal got through for so long that the lease may run out before the next try.
 *
 * The deadline is counted on this process's monotonic clock from when the claim, or the last renewal that got
 * through, was *sent*: the database wrote the expiry on its own clock no earlier than that, so no other replica can
 * take the row sooner than `sent + leaseMs` as this process measures time. A sixth of the lease is kept in hand for
 * the work to notice. A renewal that fails (the database is away) is reported, and counts towards that deadline.
 */
export class HeldLease {
  private readonly controller = new AbortController();
  private readonly heartbeat: NodeJS.Timeout;
  private deadline: NodeJS.Timeout | undefined;
  private renewing = false;

  constructor(
    private readonly renew: () => Promise<boolean>,
    private readonly leaseMs: number,
    /** `performance.now()` when the claim was sent. */
    claimSentAt: number,
    private readonly renewFailed: (error: unknown) => void,
  ) {
    this.heartbeat = setInterval(() => void this.beat(), leaseMs / 3);
    this.heartbeat.unref();
    this.holdUntil(claimSentAt);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the work was given up, or null while the claim holds. */
  get lostBecause(): string | null {
    return this.signal.aborted ? (this.signal.reason as LeaseLost).message : null;
  }

  /** Runs `work` under this lease: `checkLease()` inside it throws once the lease is lost. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return currentLease.run(this.signal, work);
  }

  /** The work is over: no more renewals. */
  stop(): void {
    clearInterval(this.heartbeat);
    clearTimeout(this.deadline);
  }

  private holdUntil(sentAt: number): void {
    clearTimeout(this.deadline);
    const inMs = sentAt + this.leaseMs - this.leaseMs / 6 - performance.now();
    if (inMs <= 0) return this.giveUp('no renewal got through in time: another worker may take it over');
    this.deadline = setTimeout(() => this.giveUp('no renewal got through in time: another worker may take it over'), inMs);
    this.deadline.unref();
  }

  private async beat(): Promise<void> {
    if (this.renewing || this.signal.aborted) return;
    this.renewing = true;
    const sentAt = performance.now();
    try {
      if (await this.renew()) {
        if (!this.signal.aborted) this.holdUntil(sentAt);
      } else this.giveUp('another worker holds it now, or its lease ran out');
    } catch (error) {
      this.renewFailed(error);
    } finally {
      this.renewing = false;
    }
  }

  private giveUp(reason: string): void {
    if (this.signal.aborted) return;
    this.stop();
    this.controller.abort(new LeaseLost(`lease lost: ${reason}`));
  }
}

/** A claimed item and when its claim was sent (`performance.now()`): its lease counts from then. */
export interface Claimed<T> {
  readonly item: T;
  readonly sentAt: number;
}

/** Claims through `claim`, noting when each claim was sent. */
export async function claimedSince<T>(claim: () => Promise<readonly T[]>): Promise<Array<Claimed<T>>> {
  const sentAt = performance.now();
  return (await claim()).map((item) => ({ item, sentAt }));
}