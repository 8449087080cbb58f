import type { AlertStatus, ParsedAlert } from './alert.js';

export interface GroupCounts {
  readonly status: AlertStatus;
  /** Alert instances still firing, as far as the messages tell. */
  readonly firing: number;
  /** Messages received for the group (duplicates included). */
  readonly alertCount: number;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  readonly resolvedAt: Date | null;
}

/** A group keeps taking alerts while its last alert is within the window, firing or resolved (flapping stays in one thread). */
export const withinWindow = (lastSeenAt: Date, now: Date, windowMs: number): boolean => now.getTime() - lastSeenAt.getTime() <= windowMs;

export function startGroup(alert: ParsedAlert, at: Date): GroupCounts {
  const firing = alert.status === 'firing' ? Math.max(1, alert.count) : 0;
  return { status: firing > 0 ? 'firing' : 'resolved', firing, alertCount: 1, firstSeenAt: at, lastSeenAt: at, resolvedAt: firing > 0 ? null : at };
}

/**
 * Count-aware: a group resolves only when every instance has resolved. A total (Alertmanager re-sends the whole
 * group) replaces the count; a report of new instances adds to it; a resolution subtracts, or clears all for
 * "the whole group resolved".
 */
export function addToGroup(group: GroupCounts, alert: ParsedAlert, at: Date): GroupCounts {
  let firing: number;
  if (alert.status === 'firing') firing = alert.countIsTotal ? Math.max(1, alert.count) : group.firing + Math.max(1, alert.count);
  else if (alert.count === 0) firing = 0;
  else firing = Math.max(0, group.firing - alert.count);
  const status: AlertStatus = firing > 0 ? 'firing' : 'resolved';
  return {
    status,
    firing,
    alertCount: group.alertCount + 1,
    firstSeenAt: group.firstSeenAt,
    lastSeenAt: at,
    resolvedAt: status === 'resolved' ? (group.status === 'resolved' ? group.resolvedAt : at) : null,
  };
}
