import type { HandoffSchedule } from './schedule.js';
import { walkHandoffs, type Rotation } from './rotation.js';
import type { DomainError } from '../errors.js';
import { ok, type Result } from '../result.js';
import { readText } from '../user-text.js';

/**
 * One shift handoff of a rotation, stored before anything is sent. Each `…QueuedAt` is the run-once mark of one
 * Slack side effect: set in the same transaction that queues it, so a restart never sends it again.
 */
export interface Handoff {
  readonly id: number;
  readonly rotation: string;
  /** The handoff time: a cron occurrence, or when `/incident handoff` was run. */
  readonly dueAt: Date;
  readonly trigger: 'scheduled' | 'manual';
  /** The incoming person's shift index (members[shiftIndex mod n]); an anchor for who is on call once posted. */
  readonly shiftIndex: number;
  readonly outgoingId: string;
  readonly incomingId: string;
  /** Recorded more than LATE_AFTER_MS after it was due: it did not happen on time (the bot was down or stalled). */
  readonly late: boolean;
  /** A later occurrence fell due before this one was posted: only the latest is posted. */
  readonly skipped: boolean;
  readonly notes: string | null;
  readonly notesBy: string | null;
  readonly remindedAt: Date | null;
  readonly postedAt: Date | null;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: Date | null;
  readonly ackRemindedAt: Date | null;
  readonly createdAt: Date;
}

/** The Slack messages a handoff sends; each is sent exactly once. */
export const HANDOFF_PARTS = ['reminder', 'post', 'ack_reminder_incoming', 'ack_reminder_outgoing'] as const;
export type HandoffPart = (typeof HANDOFF_PARTS)[number];

/**
 * Late, as the people in the rotation see it: the handoff did not happen on time. The tick runs every second, so a
 * bot that is up records a handoff within a second of its time; recorded more than two ticks after it, the bot was
 * not there when it fell due (down, restarting, stalled) and the post says when it was due. Even a few seconds
 * count: nobody should take the post's time for the handoff's.
 */
export const LATE_AFTER_MS = 2_000;

export type RotationStep =
  /** Remind the outgoing person before the handoff at `dueAt` (creates its record). */
  | { kind: 'remind'; dueAt: Date }
  /** Post the handoff at `dueAt`; `record` is its stored record when a reminder created one. */
  | { kind: 'post'; dueAt: Date; record: Handoff | null; late: boolean; skip: Handoff | null }
  /** Nobody acknowledged within `ackTimeout`: remind the incoming person, tell the outgoing one. */
  | { kind: 'remind_ack'; record: Handoff }
  | { kind: 'idle' };

/**
 * What a rotation needs next, decided from its stored handoffs alone. Called every tick until it answers `idle`.
 * After downtime, only the latest missed handoff is posted (marked late); earlier ones are skipped, not replayed.
 */
export function nextRotationStep(
  rotation: Rotation,
  schedule: HandoffSchedule,
  state: { latest: Handoff | null; lastPosted: Handoff | null; trackedSince: Date },
  now: Date,
): RotationStep {
  const t = now.getTime();
  const { latest, lastPosted } = state;
  const lateness = (dueAt: Date): boolean => t - dueAt.getTime() > LATE_AFTER_MS;

  // Only the handoff in force is chased: one superseded by a newer post is not.
  if (lastPosted?.postedAt && lastPosted.acknowledgedAt === null && lastPosted.ackRemindedAt === null) {
    if (t >= lastPosted.postedAt.getTime() + rotation.ackTimeoutMs) return { kind: 'remind_ack', record: lastPosted };
  }

  if (latest && latest.postedAt === null && !latest.skipped && latest.dueAt.getTime() <= t) {
    const later = latest.trigger === 'scheduled' ? walkHandoffs(schedule, latest.dueAt, now).last : null;
    if (later) return { kind: 'post', dueAt: later, record: null, late: lateness(later), skip: latest };
    return { kind: 'post', dueAt: latest.dueAt, record: latest, late: lateness(latest.dueAt), skip: null };
  }
  // A reminded handoff waits for its time.
  if (latest && latest.postedAt === null && !latest.skipped) return { kind: 'idle' };

  const after = latest && latest.dueAt.getTime() > state.trackedSince.getTime() ? latest.dueAt : state.trackedSince;
  const missed = walkHandoffs(schedule, after, now).last;
  if (missed) return { kind: 'post', dueAt: missed, record: null, late: lateness(missed), skip: null };

  const upcoming = schedule.next(after);
  if (upcoming && rotation.remindBeforeMs > 0 && t >= upcoming.getTime() - rotation.remindBeforeMs) return { kind: 'remind', dueAt: upcoming };
  return { kind: 'idle' };
}

/**
 * When `nextRotationStep` next answers something other than `idle`, if nothing else changes: the acknowledgement
 * reminder of the handoff in force, a reminded handoff's time, or the next handoff (its reminder first). At or before
 * `now` means due now; null when the schedule never fires again.
 */
export function nextRotationStepAt(
  rotation: Rotation,
  schedule: HandoffSchedule,
  state: { latest: Handoff | null; lastPosted: Handoff | null; trackedSince: Date },
): Date | null {
  const { latest, lastPosted } = state;
  const times: number[] = [];
  if (lastPosted?.postedAt && lastPosted.acknowledgedAt === null && lastPosted.ackRemindedAt === null) {
    times.push(lastPosted.postedAt.getTime() + rotation.ackTimeoutMs);
  }
  if (latest && latest.postedAt === null && !latest.skipped) {
    times.push(latest.dueAt.getTime());
  } else {
    const after = latest && latest.dueAt.getTime() > state.trackedSince.getTime() ? latest.dueAt : state.trackedSince;
    const upcoming = schedule.next(after);
    if (upcoming) times.push(upcoming.getTime() - Math.max(0, rotation.remindBeforeMs));
  }
  return times.length === 0 ? null : new Date(Math.min(...times));
}

/** Notes go into one Block Kit section of the handoff post (3,000 characters) with room for the heading. */
export const HANDOFF_NOTES_MAX = 2_500;

/** Handoff notes as stored: null when left empty. */
export function readHandoffNotes(notes: string): Result<string | null, DomainError> {
  const text = readText('notes', notes, { max: HANDOFF_NOTES_MAX, required: false });
  return text.ok ? ok(text.value === '' ? null : text.value) : text;
}
