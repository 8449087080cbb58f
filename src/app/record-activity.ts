import { setImpact as decideImpact } from '../domain/lifecycle.js';
import { activityResolutionMs } from '../domain/prompts.js';
import type { Incident } from '../domain/incident.js';
import type { Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import { mutateIncident, type Target } from './mutate-incident.js';

/** A message from the commander in the incident channel: update nudges hold back while they are active. */
export async function noteChannelActivity(deps: UseCaseDeps, input: { channelId: string; userId: string; at: Date }): Promise<boolean> {
  const incident = await deps.store.getIncidentByChannel(input.channelId);
  if (!incident || incident.commanderId !== input.userId) return false;
  return deps.store.touchCommanderActivity(incident.number, input.at, activityResolutionMs(deps.promptTiming));
}

export function setImpact(deps: UseCaseDeps, target: Target, input: { impact: string }): Promise<Result<Incident, AppError>> {
  return mutateIncident(deps, target, (incident) => decideImpact(incident, input.impact, target.actorId, deps.clock.now()));
}
