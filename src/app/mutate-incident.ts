import type { Incident } from '../domain/incident.js';
import type { Change } from '../domain/lifecycle.js';
import type { DomainError } from '../domain/errors.js';
import { err, ok, type Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import { applyChange } from './apply-change.js';
import type { Effect, IncidentRecords } from './ports.js';

/** Which incident a request is about: a number the user typed, else the incident channel it was sent from. */
export interface Target {
  readonly ref: number | null;
  readonly channelId: string | null;
  readonly subcommand: string;
}

export async function findIncident(records: IncidentRecords, target: Target): Promise<Result<Incident, AppError>> {
  if (target.ref !== null) {
    const incident = await records.getIncident(target.ref);
    return incident ? ok(incident) : err({ code: 'incident_not_found', number: target.ref });
  }
  const incident = target.channelId === null ? undefined : await records.getIncidentByChannel(target.channelId);
  return incident ? ok(incident) : err({ code: 'no_incident_here', subcommand: target.subcommand });
}

type Decide = (incident: Incident, records: IncidentRecords) => Result<Change, DomainError> | Promise<Result<Change, DomainError>>;

/**
 * The one way an incident changes: load, decide (pure domain), then save the new state, its timeline events and
 * the Slack effects in one transaction. Slack follows after commit, so a Slack failure never loses the change.
 */
export async function mutateIncident(
  deps: UseCaseDeps,
  target: Target,
  decide: Decide,
  extraEffects: (after: Incident) => readonly Effect[] = () => [],
  /** More work in the same transaction, after the change is saved (e.g. the postmortem draft of a resolve). */
  afterSave: (after: Incident, records: IncidentRecords) => Promise<unknown> = async () => undefined,
): Promise<Result<Incident, AppError>> {
  const outcome = await deps.store.transaction(async (records): Promise<Result<Incident, AppError>> => {
    const found = await findIncident(records, target);
    if (!found.ok) return found;
    const decided = await decide(found.value, records);
    if (!decided.ok) return decided;
    const { incident, events } = decided.value;
    await applyChange(deps, records, found.value, incident, events, extraEffects(incident));
    await afterSave(incident, records);
    return ok(incident);
  });
  if (outcome.ok) deps.effectsQueued();
  return outcome;
}
