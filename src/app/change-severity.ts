import { changeSeverity as decideSeverity, resolveSeverityInput } from '../domain/lifecycle.js';
import type { Incident } from '../domain/incident.js';
import type { Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import { mutateIncident, type Target } from './mutate-incident.js';

export async function changeSeverity(
  deps: UseCaseDeps,
  target: Target,
  input: { severity: string },
): Promise<Result<Incident, AppError>> {
  const severity = resolveSeverityInput(input.severity, deps.severities);
  if (!severity.ok) return severity;
  return mutateIncident(deps, target, (incident) => decideSeverity(incident, severity.value, target.actorId, deps.clock.now()));
}
