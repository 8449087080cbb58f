import { handOverLead as decideLead } from '../domain/lifecycle.js';
import type { Incident } from '../domain/incident.js';
import type { Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import { mutateIncident, type Target } from './mutate-incident.js';

/** The new commander is briefed by DM with the current state. */
export function handOverLead(
  deps: UseCaseDeps,
  target: Target,
  input: { actorId: string; newLeadId: string },
): Promise<Result<Incident, AppError>> {
  return mutateIncident(
    deps,
    target,
    (incident) => decideLead(incident, input.newLeadId, input.actorId, deps.clock.now()),
    (after) => [{ kind: 'brief_new_lead', incidentNumber: after.number, userId: input.newLeadId, by: input.actorId }],
  );
}
