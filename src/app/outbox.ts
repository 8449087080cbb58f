import type { LeadMessagePart } from '../domain/lead-handoff.js';
import type { HandoffPart } from '../domain/oncall/handoff.js';

/**
 * Slack side effects, stored with the change that causes them and delivered after commit (the outbox). Each effect
 * writes one Slack target (a channel, a message, a thread): a failure of one target never repeats another's write.
 */
export type Effect =
  /** the incident channel exists, has the people it needs, and its topic shows the record */
  | { kind: 'sync_channel'; incidentNumber: number }
  /** the pinned summary card shows the record */
  | { kind: 'sync_card'; incidentNumber: number }
  /** the one announcement in the announce channel shows the record */
  | { kind: 'sync_announcement'; incidentNumber: number }
  /** a status update, posted once in the announcement's thread */
  | { kind: 'post_update_to_announcement'; incidentNumber: number; text: string; by: string }
  /** every timeline event a person made has its line (or update broadcast) in the card's thread */
  | { kind: 'post_timeline_messages'; incidentNumber: number }
  | { kind: 'post_postmortem'; incidentNumber: number; draftId: number }
  /** a DM of a lead handoff (briefing, reminder, notice), posted once while it is worth sending */
  | { kind: 'post_lead_message'; incidentNumber: number; handoffId: number; part: LeadMessagePart }
  /** that DM shows the handoff as the record has it, to its reader */
  | { kind: 'refresh_lead_message'; incidentNumber: number; handoffId: number; part: LeadMessagePart }
  /** queued before migration 011: the briefing of the incident's pending handoff to `userId` */
  | { kind: 'brief_new_lead'; incidentNumber: number; userId: string; by: string }
  | { kind: 'post_prompt'; incidentNumber: number; promptId: number }
  | { kind: 'refresh_prompt'; incidentNumber: number; promptId: number }
  | { kind: 'sync_triage_reply'; groupId: number }
  | { kind: 'post_handoff_message'; handoffId: number; part: HandoffPart }
  | { kind: 'refresh_handoff_message'; handoffId: number; part: HandoffPart }
  /** the person's App Home shows what needs them now, as the record has it (published only when it changed) */
  | { kind: 'publish_home'; userId: string };

export type EffectKind = Effect['kind'];

/**
 * The Slack target an effect writes. Effects of one key run one at a time, in the order they were stored; different
 * keys run side by side, so a slow or failing target holds back nobody else.
 */
export function effectKey(effect: Effect): string {
  switch (effect.kind) {
    case 'sync_channel':
      return `incident:${effect.incidentNumber}:channel`;
    case 'sync_card':
      return `incident:${effect.incidentNumber}:card`;
    case 'sync_announcement':
    case 'post_update_to_announcement':
      return `incident:${effect.incidentNumber}:announcement`;
    case 'post_timeline_messages':
    case 'post_postmortem':
      return `incident:${effect.incidentNumber}:thread`;
    case 'brief_new_lead':
      return `incident:${effect.incidentNumber}:lead:${effect.userId}`;
    case 'post_lead_message':
    case 'refresh_lead_message':
      return `lead:${effect.handoffId}:${effect.part}`;
    case 'post_prompt':
    case 'refresh_prompt':
      return `prompt:${effect.promptId}`;
    case 'sync_triage_reply':
      return `group:${effect.groupId}`;
    case 'post_handoff_message':
    case 'refresh_handoff_message':
      return `handoff:${effect.handoffId}:${effect.part}`;
    case 'publish_home':
      return `home:${effect.userId}`;
  }
}

const RECONCILING: ReadonlySet<EffectKind> = new Set([
  'sync_channel',
  'sync_card',
  'sync_announcement',
  'post_timeline_messages',
  'refresh_prompt',
  'refresh_lead_message',
  'sync_triage_reply',
  'refresh_handoff_message',
  'publish_home',
]);

/**
 * Effects that render the record as it is when they run. One queued per target is enough; a running one never
 * absorbs a new change (it may have rendered before the change committed), so a change during a sync queues the next.
 */
export const isReconciling = (effect: Effect): boolean => RECONCILING.has(effect.kind);

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
  readonly [K in EffectKind]: (effect: Extract<Effect, { kind: K }>, context: DeliveryContext) => Promise<void>;
};

/** A prerequisite is missing (no channel or card yet): try again shortly, without counting a failure. */
export class EffectBlocked extends Error {
  override readonly name = 'EffectBlocked';
}

/** Nothing sensible is left to do (the target is gone for good): bury the row as a dead letter. */
export class EffectAbandoned extends Error {
  override readonly name = 'EffectAbandoned';
}

/** How a failed delivery is treated; the Slack adapter decides for its own errors (one table, one file). */
export type DeliveryFailure =
  /** Slack asked us to wait (429) or a prerequisite is missing: not the effect's fault, not counted */
  | { readonly kind: 'paused'; readonly forMs: number; readonly reason: string }
  /** may work later (5xx, reset, timeout, a bug): retried with backoff, counted */
  | { readonly kind: 'transient'; readonly reason: string; readonly retryAfterMs: number | null }
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
  claimEffects(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedEffect[]>;
  /** False when the row is no longer ours. */
  extendLease(id: number, owner: string, leaseUntil: Date): Promise<boolean>;
  completeEffect(id: number, owner: string, now: Date): Promise<void>;
  /** Back to queued, due at `dueAt`; `counted` adds an attempt (a failure) rather than a pause. */
  retryEffect(id: number, owner: string, retry: { dueAt: Date; counted: boolean; error: string }): Promise<void>;
  buryEffect(id: number, owner: string, now: Date, error: string): Promise<void>;
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
