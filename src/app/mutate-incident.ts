import type { Incident } from '../domain/incident.js';
import type { Change } from '../domain/lifecycle.js';
import type { DomainError } from '../domain/errors.js';
import { err, ok, type Result } from '../domain/result.js';
import { authorize, type Access } from './access.js';
import type { AppError } from './app-error.js';
import { incidentOfControl, type Control } from './controls.js';
import type { UseCaseDeps } from './deps.js';
import { applyChange } from './apply-change.js';
import type { Effect, IncidentRecords } from './ports.js';

/**
 * Who asks about which incident: a number the user typed (or a button carried), else the incident channel the
 * request was sent from. A button press or a form names the incident through what the bot stored for it.
 */
export interface Target {
  readonly ref: number | null;
  readonly channelId: string | null;
  readonly subcommand: string;
  readonly actorId: string;
  readonly control?: Control;
}

/** The incident a request names, whoever asks. */
async function locate(records: IncidentRecords, target: Target): Promise<Result<Incident, AppError>> {
  if (target.control !== undefined) {
    const number = await incidentOfControl(records, target.control, target.actorId, target.ref);
    if (!number.ok) return number;
    // A button value or form field naming another incident than the message or form it came from is not ours.
    if (target.ref !== null && target.ref !== number.value) return err({ code: 'control_not_recognised', what: target.control.kind === 'form' ? 'form' : 'button' });
    const incident = await records.getIncident(number.value);
    return incident ? ok(incident) : err({ code: 'incident_not_found', number: number.value });
  }
  if (target.ref !== null) {
    const incident = await records.getIncident(target.ref);
    return incident ? ok(incident) : err({ code: 'incident_not_found', number: target.ref });
  }
  const incident = target.channelId === null ? undefined : await records.getIncidentByChannel(target.channelId);
  return incident ? ok(incident) : err({ code: 'no_incident_here', subcommand: target.subcommand });
}

/**
 * The one way a request finds its incident: located, then authorized for `access`. An incident the asker may not
 * see gets the very answer a missing one would.
 */
export async function findIncident(deps: Pick<UseCaseDeps, 'store' | 'membership'>, target: Target, access: Access): Promise<Result<Incident, AppError>> {
  const located = await locate(deps.store, target);
  if (!located.ok) return located;
  const hiddenAs: AppError =
    target.ref === null && target.control === undefined
      ? { code: 'no_incident_here', subcommand: target.subcommand }
      : { code: 'incident_not_found', number: target.ref ?? located.value.number };
  return authorize(deps, located.value, target.actorId, access, hiddenAs);
}

type Decide = (incident: Incident, records: IncidentRecords) => Result<Change, DomainError> | Promise<Result<Change, DomainError>>;

/**
 * The one way an incident changes: found and authorized (which may ask Slack, so outside the transaction), then
 * re-read, decided (pure domain) and saved with its timeline events and Slack effects in one transaction. Slack
 * follows after commit, so a Slack failure never loses the change.
 */
export async function mutateIncident(
  deps: UseCaseDeps,
  target: Target,
  decide: Decide,
  extraEffects: (after: Incident) => readonly Effect[] = () => [],
  /** More work in the same transaction, after the change is saved (e.g. the postmortem draft of a resolve). */
  afterSave: (after: Incident, records: IncidentRecords) => Promise<unknown> = async () => undefined,
): Promise<Result<Incident, AppError>> {
  const allowed = await findIncident(deps, target, 'change');
  if (!allowed.ok) return allowed;
  const outcome = await deps.store.transaction(async (records): Promise<Result<Incident, AppError>> => {
    const current = await records.getIncident(allowed.value.number);
    if (!current) return err({ code: 'incident_not_found', number: allowed.value.number });
    const decided = await decide(current, records);
    if (!decided.ok) return decided;
    const { incident, events } = decided.value;
    await applyChange(deps, records, current, incident, events, extraEffects(incident));
    await afterSave(incident, records);
    return ok(incident);
  });
  if (outcome.ok) deps.effectsQueued();
  return outcome;
}
