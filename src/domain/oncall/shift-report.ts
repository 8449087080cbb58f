import type { Incident } from '../incident.js';

/** The parts of an alert group a shift report reads. */
export interface ShiftAlertGroup {
  readonly name: string;
  readonly service: string | null;
  readonly severity: string | null;
  readonly firing: number;
  readonly firstSeenAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly channelId: string;
  readonly threadTs: string | null;
}

/** What one shift saw: the handoff reminder and post are rendered from this. */
export interface ShiftReport {
  readonly from: Date;
  readonly until: Date;
  readonly openIncidents: readonly Incident[];
  readonly declared: readonly Incident[];
  readonly resolved: readonly Incident[];
  readonly unresolvedGroups: readonly ShiftAlertGroup[];
  readonly alertsBySeverity: ReadonlyArray<{ severity: string | null; count: number }>;
  readonly alertTotal: number;
  /** Alert groups that started during the shift, and how fast they were acknowledged (median, not mean). */
  readonly acknowledgement: { readonly groups: number; readonly acknowledged: number; readonly medianMs: number | null };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const within = (at: Date | null, from: Date, until: Date): boolean => at !== null && at.getTime() >= from.getTime() && at.getTime() < until.getTime();

export function summariseShift(input: {
  from: Date;
  until: Date;
  openIncidents: readonly Incident[];
  touched: readonly Incident[];
  unresolvedGroups: readonly ShiftAlertGroup[];
  groupsStarted: readonly ShiftAlertGroup[];
  alertCounts: ReadonlyArray<{ severity: string | null; count: number }>;
}): ShiftReport {
  const { from, until } = input;
  const acknowledged = input.groupsStarted.filter((g) => g.acknowledgedAt !== null);
  return {
    from,
    until,
    openIncidents: input.openIncidents,
    declared: input.touched.filter((i) => within(i.milestones.declaredAt, from, until)),
    resolved: input.touched.filter((i) => within(i.milestones.resolvedAt, from, until)),
    unresolvedGroups: input.unresolvedGroups,
    alertsBySeverity: [...input.alertCounts].sort((a, b) => b.count - a.count),
    alertTotal: input.alertCounts.reduce((sum, c) => sum + c.count, 0),
    acknowledgement: {
      groups: input.groupsStarted.length,
      acknowledged: acknowledged.length,
      medianMs: median(acknowledged.map((g) => (g.acknowledgedAt?.getTime() ?? 0) - g.firstSeenAt.getTime())),
    },
  };
}
