/**
 * The inbox: events from Slack stored before they are acknowledged, processed after. Slack does not deliver an event
 * again once it got a 200, so the 200 must mean "stored"; everything else (parsing, grouping, rules, replies) runs
 * later from the stored row, in order per key, and resumes after a restart.
 */

/** An event as it arrived, before anything was read from it but where it belongs. */
export interface ArrivedEvent {
  /** Slack's `event_id`: a re-delivery of the same event is dropped at the insert. */
  readonly eventId: string;
  /** Events of one key (their channel) are processed one batch at a time, in the order they arrived. */
  readonly key: string;
  /** The event type (and subtype), for metrics and logs. */
  readonly kind: string;
  /** The request body exactly as Slack sent it. */
  readonly body: string;
  readonly receivedAt: Date;
}

export interface StoredEvent {
  readonly id: number;
  readonly eventId: string;
  readonly kind: string;
  readonly body: string;
  readonly receivedAt: Date;
  readonly attempts: number;
}

/** Consecutive events of one key, claimed together under one lease. */
export interface ClaimedBatch {
  readonly key: string;
  readonly events: readonly StoredEvent[];
}

export interface InboxStats {
  readonly queued: number;
  readonly running: number;
  readonly dead: number;
  /** how long the oldest unprocessed event has waited since it arrived, 0 when none */
  readonly oldestQueuedAgeMs: number;
}

/**
 * The inbox table. Claims are leases written in the table (owner + expiry on the database's clock), as for the
 * outbox. Finishing a claimed event answers false when it was no longer this worker's (its lease was taken over).
 */
export interface InboxQueue {
  /** Stores arrived events in one transaction; per event, true when new, false when `event_id` was seen before. */
  acceptEvents(events: readonly ArrivedEvent[]): Promise<boolean[]>;
  /** Up to `keys` keys that have due events and none being processed, each with up to `perKey` of its oldest events, leased for `leaseMs`. */
  claimEvents(owner: string, now: Date, leaseMs: number, keys: number, perKey: number): Promise<ClaimedBatch[]>;
  /** Renews the lease on these events for `leaseMs`; false unless every one was still held. */
  extendEventLeases(ids: readonly number[], owner: string, leaseMs: number): Promise<boolean>;
  completeEvents(ids: readonly number[], owner: string, now: Date): Promise<boolean>;
  /** Back to queued at `dueAt`, one more attempt counted. */
  retryEvents(ids: readonly number[], owner: string, dueAt: Date, error: string): Promise<boolean>;
  buryEvents(ids: readonly number[], owner: string, now: Date, error: string): Promise<boolean>;
  /** Back to queued untouched (not counted): events claimed behind one that failed, kept in order. */
  returnEvents(ids: readonly number[], owner: string): Promise<void>;
  /** Whether some key has an event that may be processed now. */
  hasClaimableEvents(now: Date): Promise<boolean>;
  /** When the next event waiting to be retried comes due, or null. */
  nextEventDueAt(now: Date): Promise<Date | null>;
  releaseEventLeases(owner: string): Promise<number>;
  /** Hands every event being processed back: only for a database one process uses (SQLite), at start after a crash. */
  releaseAllEventLeases(): Promise<number>;
  inboxStats(now: Date): Promise<InboxStats>;
  /** Deletes processed events that arrived before `before` (Slack re-delivers within minutes, not days). */
  purgeProcessedEvents(before: Date): Promise<number>;
}
