import { reopen, resolve, transition } from '../domain/lifecycle.js';
import type { Incident } from '../domain/incident.js';
import { err, type Result } from '../domain/result.js';
import { parseLocalDateTime } from '../domain/zoned-time.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import { mutateIncident, type Target } from './mutate-incident.js';
import { recordDraft } from './postmortem.js';

type Outcome = Promise<Result<Incident, AppError>>;

export function markMitigated(deps: UseCaseDeps, target: Target, input: { note: string | null }): Outcome {
  return mutateIncident(deps, target, (incident) =>
    transition(incident, { to: 'mitigated', actorId: target.actorId, note: input.note, now: deps.clock.now() }),
  );
}

/**
 * Resolves with the resolution, the cause and (optionally) when customer impact started, typed as a local time in
 * the configured zone; the first postmortem draft version is stored and queued in the same transaction.
 */
export function resolveIncident(
  deps: UseCaseDeps,
  target: Target,
  input: { summary: string | null; cause: string | null; impactStarted?: string | null },
): Outcome {
  const now = deps.clock.now();
  const typed = input.impactStarted?.trim() ?? '';
  const impactStartedAt = typed === '' ? null : parseLocalDateTime(typed, deps.postmortem.timeZone, now);
  if (typed !== '' && impactStartedAt === null) return Promise.resolve(err({ code: 'invalid_time', input: typed, timeZone: deps.postmortem.timeZone }));
  return mutateIncident(
    deps,
    target,
    (incident) => resolve(incident, { actorId: target.actorId, summary: input.summary, cause: input.cause, impactStartedAt, now }),
    () => [],
    (after, records) => recordDraft(deps, records, after, target.actorId),
  );
}

export function reopenIncident(deps: UseCaseDeps, target: Target, input: { reason: string }): Outcome {
  return mutateIncident(deps, target, (incident) => reopen(incident, input.reason, target.actorId, deps.clock.now()));
}

export function declineIncident(deps: UseCaseDeps, target: Target, input: { reason: string | null }): Outcome {
  return mutateIncident(deps, target, (incident) =>
    transition(incident, { to: 'declined', actorId: target.actorId, note: input.reason, now: deps.clock.now() }),
  );
}
