import { acknowledgeLead as decideAcknowledge, declineLead as decideDecline, requestLeadHandoff } from '../domain/lifecycle.js';
import type { Incident } from '../domain/incident.js';
import type { Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import { mutateIncident, type Target } from './mutate-incident.js';

/**
 * Asks a new commander to take over: they get a DM briefing with Acknowledge and Decline (the lead handoff record
 * queues it with the change). Until they acknowledge the current commander stays responsible (the card shows the
 * handoff as pending).
 */
export function handOverLead(deps: UseCaseDeps, target: Target, input: { newLeadId: string }): Promise<Result<Incident, AppError>> {
  // Changing the incident includes inviting: only someone who may change it can bring a new person in.
  return mutateIncident(deps, target, (incident) => requestLeadHandoff(incident, input.newLeadId, target.actorId, deps.clock.now()));
}

/** The proposed commander presses Acknowledge (on the briefing DM or its reminder): the role passes to them. */
export function acknowledgeLead(deps: UseCaseDeps, target: Target): Promise<Result<Incident, AppError>> {
  return mutateIncident(deps, target, (incident) => decideAcknowledge(incident, target.actorId, deps.clock.now()));
}

/** The proposed commander presses Decline: the commander stays, and is told so they can ask someone else. */
export function declineLead(deps: UseCaseDeps, target: Target): Promise<Result<Incident, AppError>> {
  return mutateIncident(deps, target, (incident) => decideDecline(incident, target.actorId, deps.clock.now()));
}
