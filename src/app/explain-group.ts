import type { Incident } from '../domain/incident.js';
import { accessTo } from './access.js';
import type { AlertInstance } from './alert-instance-ports.js';
import type { AlertSourceRef, UseCaseDeps } from './deps.js';
import type { Severity } from '../domain/severity.js';
import type { SloSeverityPolicy } from '../domain/slo/suggestion.js';
import { reportSlo, type SloReport } from './slo-report.js';
import type { AlertGroup } from './triage-ports.js';

/** Where a group's severity was read: a label of its alerts, its SLO's burn, or the triage rule that matched. */
export type SeverityOrigin =
  | { readonly from: 'label'; readonly label: string }
  | { readonly from: 'slo' }
  | { readonly from: 'rule' }
  /** The alerts carry a severity no label of theirs names (as their tool read it). */
  | { readonly from: 'alerts' }
  | { readonly from: 'none' };

export interface GroupExplanation {
  readonly group: AlertGroup;
  /** The configured sources of the group's kind that post to its channel (more than one when several share it). */
  readonly sources: readonly AlertSourceRef[];
  /** The newest instances first, at most `NEWEST_SHOWN`. */
  readonly newest: readonly AlertInstance[];
  readonly severity: SeverityOrigin;
  /** The group is one SLO's: its tiers and suggested severity, as its labels and the configured SLOs give them. */
  readonly slo: { readonly report: SloReport; readonly severities: readonly Severity[]; readonly policy: SloSeverityPolicy } | null;
  /** The incident it was declared as: named when the reader may see it, else only said to be a private one. */
  readonly incident: { readonly number: number; readonly channelId: string | null } | 'private' | null;
}

const NEWEST_SHOWN = 5;
/** As many instances as the group's message reads: enough to find the newest of any real alert group. */
const INSTANCES_READ = 500;
const SEVERITY_LABELS = ['severity', 'priority'] as const;

function severityOrigin(group: AlertGroup, instances: readonly AlertInstance[], slo: SloReport | null): SeverityOrigin {
  const severity = group.first.severity;
  const label = severity === null ? undefined : SEVERITY_LABELS.find((key) => instances.some((i) => i.alert.labels[key]?.toLowerCase() === severity));
  if (label) return { from: 'label', label };
  if (slo?.view.suggestion?.kind === 'declare') return { from: 'slo' };
  if (group.suggestedSeverity !== null) return { from: 'rule' };
  return severity === null ? { from: 'none' } : { from: 'alerts' };
}

/**
 * An alert group as `actorId` may see it: the incident it led to, or, when they may not see that incident, the group
 * without its number (`hidden`). Both explanations, of a message and of a group, show groups this way.
 */
export async function groupSeenBy(deps: UseCaseDeps, actorId: string, group: AlertGroup): Promise<{ group: AlertGroup; incident: Incident | undefined; hidden: boolean }> {
  const incident = group.incidentNumber === null ? undefined : await deps.store.getIncident(group.incidentNumber);
  const hidden = incident !== undefined && (await accessTo(deps, incident, actorId, 'read')) !== 'allowed';
  return { group: hidden ? { ...group, incidentNumber: null } : group, incident, hidden };
}

/**
 * An alert group of webhook instances, explained from its own message: where its alerts came from, how they grouped,
 * its instances, its severity and rule, and the incident it led to when `actorId` may see that.
 */
export async function explainGroup(deps: UseCaseDeps, actorId: string, group: AlertGroup): Promise<GroupExplanation> {
  const { triage } = deps;
  const instances = await deps.store.instancesOfGroup(group.id, INSTANCES_READ);
  const newest = [...instances].sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime() || b.id - a.id).slice(0, NEWEST_SHOWN);
  const slo = await reportSlo({ ...triage.slo, budgets: null }, deps.store, group);
  const seen = await groupSeenBy(deps, actorId, group);
  const { incident, hidden } = seen;
  return {
    group: seen.group,
    incident: incident === undefined ? null : hidden ? 'private' : { number: incident.number, channelId: incident.channelId },
    sources: triage.alertSources.filter((s) => s.kind === group.first.source && s.channelId === group.channelId),
    newest,
    severity: severityOrigin(group, instances, slo),
    slo: slo && { report: slo, severities: deps.severities, policy: triage.slo.policy },
  };
}
