import type { Handoff } from '../../domain/oncall/handoff.js';
import type { Incident } from '../../domain/incident.js';
import { onCallView, shiftAt, type OnCallView } from '../../domain/oncall/rotation.js';
import { summariseShift, type ShiftAlertGroup, type ShiftReport } from '../../domain/oncall/shift-report.js';
import type { UseCaseDeps } from '../deps.js';
import type { AlertGroup } from '../triage-ports.js';
import type { Store } from '../ports.js';
import { scheduleOf } from './rotations.js';

/** `/incident oncall`: now and next per rotation, overrides marked. */
export async function whoIsOnCall(deps: Pick<UseCaseDeps, 'store' | 'clock' | 'oncall'>): Promise<OnCallView[]> {
  const now = deps.clock.now();
  return Promise.all(
    deps.oncall.rotations.map(async (rotation) =>
      onCallView(rotation, scheduleOf(deps, rotation), await deps.store.shiftAnchor(rotation.name, now), await deps.store.activeOverrides(rotation.name, now), now),
    ),
  );
}

const asShiftGroup = (g: AlertGroup): ShiftAlertGroup => ({
  name: g.first.name,
  service: g.first.service,
  severity: g.first.severity,
  firing: g.counts.firing,
  firstSeenAt: g.counts.firstSeenAt,
  acknowledgedAt: g.acknowledgedAt,
  channelId: g.channelId,
  threadTs: g.threadTs,
});

/** The shift a handoff closes: from when it began (the previous handoff, or the rotation start) to `until`. */
export async function shiftReport(deps: Pick<UseCaseDeps, 'store' | 'oncall'>, handoff: Handoff, until: Date): Promise<ShiftReport> {
  const store: Store = deps.store;
  const rotation = deps.oncall.rotations.find((r) => r.name === handoff.rotation);
  const before = new Date(handoff.dueAt.getTime() - 1);
  const from =
    rotation === undefined
      ? new Date(handoff.dueAt.getTime() - 86_400_000)
      : shiftAt(rotation, scheduleOf(deps, rotation), await store.shiftAnchor(rotation.name, before), before).startedAt;
  // Handoff messages go to the rotation's channel and people's DMs: private incidents are not theirs to list.
  const notPrivate = (incidents: readonly Incident[]): Incident[] => incidents.filter((i) => !i.isPrivate);
  return summariseShift({
    from,
    until,
    openIncidents: notPrivate(await store.listOpenIncidents()),
    touched: notPrivate(await store.incidentsTouchedBetween(from, until)),
    unresolvedGroups: (await store.unresolvedAlertGroups(10)).map(asShiftGroup),
    groupsStarted: (await store.alertGroupsFirstSeenBetween(from, until)).map(asShiftGroup),
    alertCounts: await store.alertCountsBySeverity(from, until),
  });
}
