import type { HandoffSchedule } from './schedule.js';

export interface Rotation {
  readonly name: string;
  /** Where handoffs are posted. */
  readonly channelId: string;
  readonly timezone: string;
  readonly members: readonly string[];
  /** members[0] is on call from here. */
  readonly startAt: Date;
  readonly handoffCron: string;
  readonly remindBeforeMs: number;
  readonly ackTimeoutMs: number;
}

/** A known point of a rotation: from `at`, members[shiftIndex mod n] is on call. Posted handoffs are anchors. */
export interface ShiftAnchor {
  readonly at: Date;
  readonly shiftIndex: number;
}

export interface Override {
  readonly id: number;
  readonly rotation: string;
  readonly userId: string;
  readonly from: Date;
  readonly until: Date;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export interface Shift {
  readonly shiftIndex: number;
  /** Who the rotation schedules (overrides aside). */
  readonly userId: string;
  /** When this shift began: a handoff, or the rotation start. */
  readonly startedAt: Date;
  /** The next scheduled handoff, or null if the cron never fires again. */
  readonly endsAt: Date | null;
}

/** Bounds the walk from an anchor; a weekly rotation needs ~52 steps a year, a 10-second game-day cron 8,640 a day. */
export const MAX_SHIFT_STEPS = 200_000;

export const memberAt = (rotation: Rotation, shiftIndex: number): string => {
  const n = rotation.members.length;
  return rotation.members[((shiftIndex % n) + n) % n] ?? rotation.members[0] ?? '';
};

/**
 * The scheduled shift at `at`: walk the handoff times from the latest anchor at or before `at` (or the rotation
 * start), one shift per handoff. The walk starts from the record, so a restart or a missed handoff changes nothing.
 */
export function shiftAt(rotation: Rotation, schedule: HandoffSchedule, anchor: ShiftAnchor | null, at: Date): Shift {
  const from = anchor && anchor.at.getTime() <= at.getTime() ? anchor : { at: rotation.startAt, shiftIndex: 0 };
  const walk = walkHandoffs(schedule, from.at, at);
  const shiftIndex = from.shiftIndex + walk.count;
  return { shiftIndex, userId: memberAt(rotation, shiftIndex), startedAt: walk.last ?? from.at, endsAt: walk.next };
}

/** The handoffs in (after, until]: how many, the last of them, and the first one after `until`. */
export function walkHandoffs(schedule: HandoffSchedule, after: Date, until: Date): { count: number; last: Date | null; next: Date | null } {
  let last: Date | null = null;
  let count = 0;
  let next = schedule.next(after);
  for (; next !== null && next.getTime() <= until.getTime() && count < MAX_SHIFT_STEPS; count += 1) {
    last = next;
    next = schedule.next(next);
  }
  return { count, last, next };
}

/** The override in force at `at`: the most recently created one covering it. */
export function overrideAt(overrides: readonly Override[], at: Date): Override | null {
  const t = at.getTime();
  return overrides
    .filter((o) => o.from.getTime() <= t && t < o.until.getTime())
    .reduce<Override | null>((latest, o) => (latest === null || o.createdAt.getTime() >= latest.createdAt.getTime() ? o : latest), null);
}

export interface OnCall {
  readonly userId: string;
  readonly shift: Shift;
  readonly override: Override | null;
}

export function onCallAt(rotation: Rotation, schedule: HandoffSchedule, anchor: ShiftAnchor | null, overrides: readonly Override[], at: Date): OnCall {
  const shift = shiftAt(rotation, schedule, anchor, at);
  const override = overrideAt(overrides, at);
  return { userId: override?.userId ?? shift.userId, shift, override };
}

export interface OnCallView {
  readonly rotation: Rotation;
  readonly now: OnCall;
  /** Who takes over at the next handoff, and when (null: no further handoff). */
  readonly next: (OnCall & { at: Date }) | null;
  /** Overrides still to come (for the `/incident oncall` answer). */
  readonly upcomingOverrides: readonly Override[];
}

export function onCallView(
  rotation: Rotation,
  schedule: HandoffSchedule,
  anchor: ShiftAnchor | null,
  overrides: readonly Override[],
  now: Date,
): OnCallView {
  const current = onCallAt(rotation, schedule, anchor, overrides, now);
  const at = current.shift.endsAt;
  return {
    rotation,
    now: current,
    next: at === null ? null : { ...onCallAt(rotation, schedule, anchor, overrides, at), at },
    upcomingOverrides: overrides.filter((o) => o.from.getTime() > now.getTime()).sort((a, b) => a.from.getTime() - b.from.getTime()),
  };
}
