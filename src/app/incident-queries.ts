import type { FollowUp, Incident, TimelineEvent } from '../domain/incident.js';
import { err, ok, type Result } from '../domain/result.js';
import { severityRank } from '../domain/severity.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import { findIncident, type Target } from './mutate-incident.js';

/** Open incidents, most severe first, then oldest first. */
export async function listOpenIncidents(deps: UseCaseDeps): Promise<Incident[]> {
  const open = await deps.store.listOpenIncidents();
  return open.sort(
    (a, b) => severityRank(a.severity, deps.severities) - severityRank(b.severity, deps.severities) || a.number - b.number,
  );
}

export interface IncidentDetail {
  readonly incident: Incident;
  readonly followUps: readonly FollowUp[];
  readonly timeline: readonly TimelineEvent[];
}

export async function incidentDetail(deps: UseCaseDeps, target: Target): Promise<Result<IncidentDetail, AppError>> {
  const found = await findIncident(deps.store, target);
  if (!found.ok) return found;
  const number = found.value.number;
  return ok({ incident: found.value, followUps: await deps.store.followUps(number), timeline: await deps.store.timeline(number) });
}

export async function incidentByNumber(deps: UseCaseDeps, number: number): Promise<Result<IncidentDetail, AppError>> {
  const incident = await deps.store.getIncident(number);
  if (!incident) return err({ code: 'incident_not_found', number });
  return incidentDetail(deps, { ref: number, channelId: null, subcommand: 'status' });
}
