/**
 * Alerts whose instances the tool identifies (a fingerprint): one instance per fingerprint, resolved by its status or
 * end, firing again after it ended. A group of such alerts resolves when its last instance does, and an instance firing
 * after its group resolved opens a new occurrence of the group (a new message) rather than reviving an old one.
 */
import type { GroupCounts } from '../triage/group.js';
import { withFiring } from '../triage/group.js';
import type { CandidateGroup } from '../triage/placement.js';
import type { Alert } from './alert.js';

export type InstanceStatus = 'firing' | 'resolved';

/** What the record knows of an instance: its latest state and the group it counts in. */
export interface KnownInstance {
  readonly groupId: number;
  readonly status: InstanceStatus;
  readonly startsAt: Date | null;
  readonly endsAt: Date | null;
}

/** Resolved when the tool says so or when it gives an end; anything else keeps the instance firing. */
export const instanceStatus = (alert: Pick<Alert, 'status' | 'endsAt'>): InstanceStatus =>
  alert.status === 'resolved' || alert.endsAt !== null ? 'resolved' : 'firing';

/**
 * A firing report of an occurrence already over: it began no later than the known one, or before the known one ended.
 * An HA pair's late copy, or a notification retried after a newer one landed, says nothing new.
 */
function olderThanKnown(known: KnownInstance, alert: Pick<Alert, 'startsAt'>): boolean {
  const starts = alert.startsAt?.getTime();
  if (starts === undefined) return false;
  if (known.startsAt !== null && starts <= known.startsAt.getTime()) return true;
  return known.endsAt !== null && starts < known.endsAt.getTime();
}

/**
 * How a group's counts move for one report: a new instance fires (one more instance, one more firing), a known one
 * fires again, resolves, or is reported again as it was (last seen only).
 */
export type InstanceStep = 'new' | 'again' | 'resolved' | 'seen';

export type InstancePlacement =
  | { readonly action: 'store'; readonly why: string }
  /** A new group (a new occurrence) with this instance as its first. */
  | { readonly action: 'open' }
  /** `row`: the instance's known row is updated, or a new row is made in this group. */
  | { readonly action: 'join'; readonly groupId: number; readonly step: InstanceStep; readonly row: 'update' | 'insert' };

export interface InstanceCandidates {
  /** The instance as the record knows it (its latest occurrence), if it was ever seen. */
  readonly known: KnownInstance | undefined;
  /** The group the known instance counts in. */
  readonly knownGroup: CandidateGroup | undefined;
  /** The newest group of the alert's fingerprint (any age): a still-firing one takes new instances. */
  readonly current: CandidateGroup | undefined;
}

const firing = (group: CandidateGroup | undefined): group is CandidateGroup => group?.counts.status === 'firing';

/** Where one report of an identified alert goes; see the module comment. */
export function placeInstance(alert: Pick<Alert, 'status' | 'startsAt' | 'endsAt'>, { known, knownGroup, current }: InstanceCandidates): InstancePlacement {
  const status = instanceStatus(alert);
  if (!known) {
    if (status === 'resolved') return { action: 'store', why: 'resolved, but never seen firing: nothing open to resolve' };
    return firing(current) ? { action: 'join', groupId: current.id, step: 'new', row: 'insert' } : { action: 'open' };
  }
  if (known.status === 'firing') {
    return { action: 'join', groupId: known.groupId, step: status === 'firing' ? 'seen' : 'resolved', row: 'update' };
  }
  if (status === 'resolved') return { action: 'store', why: 'resolved again: the instance was already resolved' };
  if (olderThanKnown(known, alert)) return { action: 'store', why: 'an older state of an occurrence already resolved (a late or repeated copy)' };
  // Firing again: back into its group while that group still fires, else a new occurrence.
  if (firing(knownGroup)) return { action: 'join', groupId: knownGroup.id, step: 'again', row: 'update' };
  return firing(current) ? { action: 'join', groupId: current.id, step: 'new', row: 'insert' } : { action: 'open' };
}

/** A group's counts after one step of one of its instances: `alertCount` counts the instances of the occurrence. */
export function countsAfterInstance(counts: GroupCounts, step: InstanceStep, at: Date): GroupCounts {
  const lastSeenAt = at.getTime() > counts.lastSeenAt.getTime() ? at : counts.lastSeenAt;
  switch (step) {
    case 'new':
      return withFiring(counts, counts.firing + 1, counts.alertCount + 1, lastSeenAt, at);
    case 'again':
      return withFiring(counts, counts.firing + 1, counts.alertCount, lastSeenAt, at);
    case 'resolved':
      return withFiring(counts, Math.max(0, counts.firing - 1), counts.alertCount, lastSeenAt, at);
    case 'seen':
      return withFiring(counts, counts.firing, counts.alertCount, lastSeenAt, at);
  }
}
