import { addNote as decideNote, event, validateFollowUp } from '../domain/lifecycle.js';
import type { Incident } from '../domain/incident.js';
import { err, ok, type Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import { mutateIncident, type Target } from './mutate-incident.js';

export function addNote(deps: UseCaseDeps, target: Target, input: { actorId: string; text: string }): Promise<Result<Incident, AppError>> {
  return mutateIncident(deps, target, (incident) => decideNote(incident, input.text, input.actorId, deps.clock.now()));
}

export function addFollowUp(
  deps: UseCaseDeps,
  target: Target,
  input: { actorId: string; text: string; ownerId: string | null },
): Promise<Result<Incident, AppError>> {
  const problem = validateFollowUp(input.text);
  if (problem) return Promise.resolve(err(problem));
  return mutateIncident(deps, target, async (incident, records) => {
    const now = deps.clock.now();
    const text = input.text.trim();
    const followUp = await records.addFollowUp({ incidentNumber: incident.number, text, ownerId: input.ownerId, createdBy: input.actorId, createdAt: now });
    return ok({ incident, events: [event('followup_added', input.actorId, now, text, { owner: input.ownerId, followUpId: followUp.id })] });
  });
}
