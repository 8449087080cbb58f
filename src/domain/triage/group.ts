import type { Alert } from '../alerts/alert.js';
import { isOpenStatus } from './alert.js';

export type GroupStatus = 'firing' | 'resolved';

export interface GroupCounts {
  readonly status: GroupStatus;
  /** Alert instances still firing, as far as the messages tell. */
  readonly firing: number;
  /** Messages received for the group (duplicates included, deleted ones not). */
  readonly alertCount: number;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  readonly resolvedAt: Date | null;
}

/** A group keeps taking alerts while its last alert is within the window, firing or resolved (flapping stays in one thread). */
export const withinWindow = (lastSeenAt: Date, now: Date, windowMs: number): boolean => now.getTime() - lastSeenAt.getTime() <= windowMs;

/** The counts with `firing` instances firing: resolved (at `at`) when none are, firing again when some are. */
export function withFiring(group: GroupCounts, firing: number, alertCount: number, lastSeenAt: Date, at: Date): GroupCounts {
  const status: GroupStatus = firing > 0 ? 'firing' : 'resolved';
  return {
    status,
    firing,
    alertCount,
    firstSeenAt: group.firstSeenAt,
    lastSeenAt,
    resolvedAt: status === 'resolved' ? (group.status === 'resolved' ? group.resolvedAt : at) : null,
  };
}

export function startGroup(alert: Alert, at: Date): GroupCounts {
  const firing = isOpenStatus(alert.status) ? Math.max(1, alert.count) : 0;
  return { status: firing > 0 ? 'firing' : 'resolved', firing, alertCount: 1, firstSeenAt: at, lastSeenAt: at, resolvedAt: firing > 0 ? null : at };
}

/** How many instances fire once `alert` is applied to `firing`; an info message changes nothing. */
function firingAfter(firing: number, alert: Alert): number {
  switch (alert.status) {
    case 'firing':
      return alert.countIsTotal ? Math.max(1, alert.count) : firing + Math.max(1, alert.count);
    // Someone took it: the same problem, still open, not another instance.
    case 'acknowledged':
      return Math.max(1, firing);
    case 'resolved':
      return alert.count === 0 ? 0 : Math.max(0, firing - alert.count);
    case 'info':
      return firing;
  }
}

/**
 * Count-aware: a group resolves only when every instance has resolved. A total (Alertmanager re-sends the whole
 * group) replaces the count; a report of new instances adds to it; a resolution subtracts, or clears all for
 * "the whole group resolved".
 */
export function addToGroup(group: GroupCounts, alert: Alert, at: Date): GroupCounts {
  return withFiring(group, firingAfter(group.firing, alert), group.alertCount + 1, at, at);
}

/**
 * The same message edited (`message_changed`): read again, it moves the group as a new message of the group would
 * (a problem edited into its recovery resolves it), but it is not another message, so nothing is counted twice.
 */
export function reviseInGroup(group: GroupCounts, before: Alert, after: Alert, at: Date): GroupCounts {
  const lastSeenAt = at.getTime() > group.lastSeenAt.getTime() ? at : group.lastSeenAt;
  const unchanged = isOpenStatus(before.status) === isOpenStatus(after.status) && after.status !== 'acknowledged' && !(isOpenStatus(after.status) && after.countIsTotal);
  const firing = unchanged ? group.firing : firingAfter(group.firing, after);
  return withFiring(group, firing, group.alertCount, lastSeenAt, at);
}

/**
 * A message deleted in Slack is kept in the record but no longer counts: the message count drops and the instance it
 * reported is withdrawn. With no message left the group has nothing firing.
 */
export function withdrawFromGroup(group: GroupCounts, alert: Alert, at: Date): GroupCounts {
  const alertCount = Math.max(0, group.alertCount - 1);
  const reported = alert.status === 'firing' && !alert.countIsTotal ? Math.max(1, alert.count) : 0;
  const firing = alertCount === 0 ? 0 : Math.max(0, group.firing - reported);
  return withFiring(group, firing, alertCount, group.lastSeenAt, at);
}

/** A recovery addressed to several open groups of one subject: the others are resolved without counting the message twice. */
export function resolveGroup(group: GroupCounts, at: Date): GroupCounts {
  return withFiring(group, 0, group.alertCount, at.getTime() > group.lastSeenAt.getTime() ? at : group.lastSeenAt, at);
}
