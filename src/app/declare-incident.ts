import { declare, resolveSeverityInput } from '../domain/lifecycle.js';
import type { Incident } from '../domain/incident.js';
import { err, ok, type Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import { applyChange } from './apply-change.js';
import type { UseCaseDeps } from './deps.js';

export interface DeclareRequest {
  readonly title: string;
  readonly impact: string;
  readonly severity: string | null;
  readonly commanderId: string | null;
  readonly declaredBy: string;
  readonly isPrivate: boolean;
  /** Slack's view id (or another once-only key): a double submit declares one incident. */
  readonly idempotencyKey: string | null;
}

export async function declareIncident(deps: UseCaseDeps, request: DeclareRequest): Promise<Result<Incident, AppError>> {
  let severity: string | null = null;
  if (request.severity !== null && request.severity.trim() !== '') {
    const found = resolveSeverityInput(request.severity, deps.severities);
    if (!found.ok) return found;
    severity = found.value.id;
  }
  const now = deps.clock.now();
  const outcome = await deps.store.transaction(async (records): Promise<Result<Incident, AppError>> => {
    if (request.idempotencyKey !== null && !(await records.claimOnce(`declare:${request.idempotencyKey}`, now))) {
      return err({ code: 'already_submitted' });
    }
    const number = await records.nextIncidentNumber();
    const declared = declare(
      { ...request, severity, number, origin: 'manual', impactStartedAt: null, detectedAt: null },
      now,
    );
    if (!declared.ok) return declared;
    await applyChange(deps, records, null, declared.value.incident, declared.value.events);
    return ok(declared.value.incident);
  });
  if (outcome.ok) deps.effectsQueued();
  return outcome;
}
