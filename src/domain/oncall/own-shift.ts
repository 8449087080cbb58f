import type { HandoffSchedule } from './schedule.js';
import { onCallAt, type Override, type Rotation, type ShiftAnchor } from './rotation.js';

/** A person's own turn in a rotation: on call now (until when, if known), or from when next. */
export type OwnShift = { readonly kind: 'now'; readonly until: Date | null } | { readonly kind: 'next'; readonly from: Date };

/**
 * When `userId` is on call in `rotation`: now, or from the first later handoff that makes them the one on call
 * (within one round of the rotation) or the start of an override of theirs, whichever comes first. Null when
 * neither names them.
 */
export function ownShift(
  rotation: Rotation,
  schedule: HandoffSchedule,
  anchor: ShiftAnchor | null,
  overrides: readonly Override[],
  userId: string,
  now: Date,
): OwnShift | null {
  const current = onCallAt(rotation, schedule, anchor, overrides, now);
  if (current.userId === userId) return { kind: 'now', until: current.override ? current.override.until : current.shift.endsAt };
  const ownOverride = overrides
    .filter((o) => o.userId === userId && o.from.getTime() > now.getTime())
    .reduce<Date | null>((first, o) => (first === null || o.from < first ? o.from : first), null);
  let scheduled: Date | null = null;
  let at = current.shift.endsAt;
  for (let turn = 0; at !== null && turn <= rotation.members.length; turn += 1) {
    if (ownOverride !== null && at >= ownOverride) break;
    if (onCallAt(rotation, schedule, anchor, overrides, at).userId === userId) {
      scheduled = at;
      break;
    }
    at = schedule.next(at);
  }
  const from = [scheduled, ownOverride].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
  return from === undefined ? null : { kind: 'next', from };
}
