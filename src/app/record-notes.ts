import { addNote as decideNote, event, readFollowUp } from '../domain/lifecycle.js';
import type { Incident } from '../domain/incident.js';
import { ok, type Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import { mutateIncident, type Target } from './mutate-incident.js';

export function addNote(deps: UseCaseDeps, target: Target, input: { text: string }): Promise<Result<Incident, AppError>> {
  return mutateIncident(deps, target, (incident) => decideNote(incident, input.text, target.actorId, deps.clock.now()));
}

export function addFollowUp(
  deps: UseCaseDeps,
  target: Target,
  input: { text: string; ownerId: string | null },
): Promise<Result<Incident, AppError>> {
  const text = readFollowUp(input.text);
  if (!text.ok) return Promise.resolve(text);
  return mutateIncident(deps, target, async (incident, records) => {
    const now = deps.clock.now();
    const followUp = await records.addFollowUp({ incidentNumber: incident.number, text: text.value, ownerId: input.ownerId, createdBy: target.actorId, createdAt: now });
    return ok({ incident, events: [event('followup_added', target.actorId, now, text.value, { owner: input.ownerId, followUpId: followUp.id })] });
  });
}
