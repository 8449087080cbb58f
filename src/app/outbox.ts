import type { Effect, EffectKind } from './effect-kinds.js';

export { effectKey, isReconciling, type Effect, type EffectKind } from './effect-kinds.js';

/** The effects that make every Slack view of an incident show its record. */
export const incidentViewEffects = (incidentNumber: number): Effect[] => [
  { kind: 'sync_channel', incidentNumber },
  { kind: 'sync_card', incidentNumber },
  { kind: 'sync_announcement', incidentNumber },
];

/** What a handler knows about the row it delivers: its id names sends that must happen once per row. */
export interface DeliveryContext {
  readonly rowId: number;
}

/** Delivers one kind of effect to Slack. Throwing means it did not happen (yet); see `DeliveryFailure`. */
export type EffectHandlers = {
  readonly [K in EffectKind]: (effect: Effect<K>, context: DeliveryContext) => Promise<void>;
};

/** A prerequisite is missing (no channel or card yet): try again shortly, without counting a failure. */
export class EffectBlocked extends Error {
  override readonly name = 'EffectBlocked';
}

/** Nothing sensible is left to do (the target is gone for good): bury the row as a dead letter. */
export class EffectAbandoned extends Error {
  override readonly name = 'EffectAbandoned';
}

/**
 * An earlier try may have posted, and the lookup that would tell was refused (`code`: Slack's answer) or could not
 * finish. Retried with backoff and counted, never buried: a dead letter here could leave the post missing for good.
 */
export class SendUnverified extends Error {
  override readonly name = 'SendUnverified';
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

/** How a failed delivery is treated; the Slack adapter decides for its own errors (one table, one file). */
export type DeliveryFailure =
  /** Slack asked us to wait (429) or a prerequisite is missing: not the effect's fault, not counted */
  | { readonly kind: 'paused'; readonly forMs: number; readonly reason: string }
  /** may work later (5xx, reset, timeout, a bug): retried with backoff, counted */
  | { readonly kind: 'transient'; readonly reason: string; readonly retryAfterMs: number | null }
  /** whether an earlier try posted cannot be checked now: retried with backoff, counted, never buried */
  | { readonly kind: 'unverified'; readonly reason: string }
  /** will never work (archived channel, invalid blocks, a payload that no longer parses): a dead letter */
  | { readonly kind: 'terminal'; readonly reason: string };

/** A row claimed for delivery. `effect` is null when its payload no longer parses (it is buried, not retried). */
export interface ClaimedEffect {
  readonly id: number;
  readonly kind: string;
  readonly targetKey: string;
  readonly effect: Effect | null;
  readonly parseError: string | null;
  readonly attempts: number;
  readonly createdAt: Date;
}

/** A row not yet delivered nor buried, as an operator (or a test) inspects it. */
export interface LiveEffect {
  readonly id: number;
  readonly effect: Effect | null;
  readonly state: 'queued' | 'running';
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly targetKey: string;
}

export interface OutboxStats {
  readonly queued: number;
  readonly running: number;
  readonly dead: number;
  /** how long the oldest queued row has waited since it was stored, 0 when none */
  readonly oldestQueuedAgeMs: number;
}

/**
 * The outbox table as delivery sees it. Claims are leases written in the table (owner + expiry), so several
 * workers, in one process or several sharing a database, never run the same row or two rows of one key at once,
 * and a dead worker's rows are taken over when its lease runs out. Every write after the claim names the owner:
 * a worker that lost its lease changes nothing.
 */
export interface OutboxQueue {
  /** Up to `limit` rows that may run now: queued and due (or leased by a worker whose lease ran out), first of their key. */
  claimEffects(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedEffect[]>;
  /** Renews the lease for `leaseMs` of the database's clock; false when the row is no longer ours (or its lease ran out). */
  extendLease(id: number, owner: string, leaseMs: number): Promise<boolean>;
  /** The finishing writes answer false when the row was no longer ours: another worker took it over. */
  completeEffect(id: number, owner: string, now: Date): Promise<boolean>;
  /** Back to queued, due at `dueAt`; `counted` adds an attempt (a failure) rather than a pause. */
  retryEffect(id: number, owner: string, retry: { dueAt: Date; counted: boolean; error: string }): Promise<boolean>;
  buryEffect(id: number, owner: string, now: Date, error: string): Promise<boolean>;
  /** Hands this worker's running rows back (shutdown). */
  releaseLeases(owner: string): Promise<number>;
  /** Hands every running row back: only for a database one process uses (SQLite), at start after a crash. */
  releaseAllLeases(): Promise<number>;
  /** Whether some row could be claimed now (tests and shutdown wait for none). */
  hasClaimable(now: Date): Promise<boolean>;
  /** When the next queued row waiting for a later time comes due, or null when none waits. */
  nextDueAt(now: Date): Promise<Date | null>;
  outboxStats(now: Date): Promise<OutboxStats>;
  /** Rows still to deliver (queued or running), oldest first. */
  liveEffects(limit: number): Promise<LiveEffect[]>;
  /** Deletes delivered rows finished before `before`; dead letters stay for inspection. */
  purgeDelivered(before: Date): Promise<number>;
}
