import { reopen, resolve, transition } from '../domain/lifecycle.js';
import type { Incident } from '../domain/incident.js';
import type { Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import { mutateIncident, type Target } from './mutate-incident.js';

type Outcome = Promise<Result<Incident, AppError>>;

export function markMitigated(deps: UseCaseDeps, target: Target, input: { actorId: string; note: string | null }): Outcome {
  return mutateIncident(deps, target, (incident) =>
    transition(incident, { to: 'mitigated', actorId: input.actorId, note: input.note, now: deps.clock.now() }),
  );
}

export function resolveIncident(
  deps: UseCaseDeps,
  target: Target,
  input: { actorId: string; summary: string | null; cause: string | null },
): Outcome {
  return mutateIncident(deps, target, (incident) => resolve(incident, { ...input, now: deps.clock.now() }));
}

export function reopenIncident(deps: UseCaseDeps, target: Target, input: { actorId: string; reason: string }): Outcome {
  return mutateIncident(deps, target, (incident) => reopen(incident, input.reason, input.actorId, deps.clock.now()));
}

export function declineIncident(deps: UseCaseDeps, target: Target, input: { actorId: string; reason: string | null }): Outcome {
  return mutateIncident(deps, target, (incident) =>
    transition(incident, { to: 'declined', actorId: input.actorId, note: input.reason, now: deps.clock.now() }),
  );
}
