import { postStatusUpdate as decideUpdate } from '../domain/lifecycle.js';
import type { Incident } from '../domain/incident.js';
import type { Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import { mutateIncident, type Target } from './mutate-incident.js';

/**
 * Records the update, refreshes the card and announcement, and broadcasts the text in their threads (the card's
 * thread gets it as the update's timeline message).
 */
export function postStatusUpdate(
  deps: UseCaseDeps,
  target: Target,
  input: { text: string },
): Promise<Result<Incident, AppError>> {
  return mutateIncident(
    deps,
    target,
    (incident) => decideUpdate(incident, input.text, target.actorId, deps.clock.now()),
    (after) => [{ kind: 'post_update_to_announcement', incidentNumber: after.number, text: after.lastUpdate?.text ?? input.text, by: target.actorId }],
  );
}
