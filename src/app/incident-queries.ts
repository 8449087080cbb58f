import type { FollowUp, Incident, TimelineEvent } from '../domain/incident.js';
import { ok, type Result } from '../domain/result.js';
import { readableBy } from './access.js';
import { severityRank } from '../domain/severity.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import { findIncident, type Target } from './mutate-incident.js';

/** Open incidents `actorId` may see, most severe first, then oldest first. */
export async function listOpenIncidents(deps: Pick<UseCaseDeps, 'store' | 'membership' | 'severities'>, actorId: string): Promise<Incident[]> {
  const open = await readableBy(deps, await deps.store.listOpenIncidents(), actorId);
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
  const found = await findIncident(deps, target, 'read');
  if (!found.ok) return found;
  const number = found.value.number;
  return ok({ incident: found.value, followUps: await deps.store.followUps(number), timeline: await deps.store.timeline(number) });
}
