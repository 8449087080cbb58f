import { declare, event, resolveSeverityInput } from '../domain/lifecycle.js';
import { isOpen, type Incident } from '../domain/incident.js';
import { err, ok, type Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import { alertLine, groupMessage } from './alert-groups.js';
import { applyChange } from './apply-change.js';
import type { UseCaseDeps } from './deps.js';
import { withoutHiddenIncident } from './access.js';
import { submittedForm, type Submission } from './controls.js';

export interface DeclareRequest {
  readonly title: string;
  readonly impact: string;
  readonly severity: string | null;
  readonly commanderId: string | null;
  readonly declaredBy: string;
  readonly isPrivate: boolean;
  /** Slack's view id (or another once-only key): a double submit declares one incident. */
  readonly idempotencyKey: string | null;
  /** Declared from an alert group's triage reply: the incident is linked to it and detected at its first alert. */
  readonly alertGroupId?: number | null;
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
    const group = request.alertGroupId ? await records.getGroup(request.alertGroupId) : undefined;
    if (group?.incidentNumber) {
      const linked = await records.getIncident(group.incidentNumber);
      if (linked && isOpen(linked)) return err({ code: 'group_has_incident', incidentNumber: linked.number });
    }
    const number = await records.nextIncidentNumber();
    const declared = declare(
      {
        ...request,
        severity,
        number,
        origin: group ? 'alert' : 'manual',
        impactStartedAt: null,
        detectedAt: group?.counts.firstSeenAt ?? null,
        acknowledgedAt: group?.acknowledgedAt ?? null,
      },
      now,
    );
    // Refused, the transaction rolls back: the number it took and the form's once-only claim go back, so the
    // corrected form declares, as INC-n with the number the refused one would have had.
    if (!declared.ok) return declared;
    await applyChange(deps, records, null, declared.value.incident, declared.value.events);
    records.happened({ kind: 'incident_declared', severity, source: group ? 'alert_group' : 'command' });
    if (group) {
      await records.linkIncidentToGroup(number, group.id);
      // The alerts that led here open the incident's timeline, each at its own time and linked to its message (an
      // instance a webhook reported, to the group's message).
      const alerts = await records.alertsOfGroup(group.id, 500);
      const instances = group.tracksInstances ? await records.instancesOfGroup(group.id, 500) : [];
      await records.appendEvents(
        number,
        [
          ...alerts.map((a) => ({
            ...event('alert_linked', null, a.receivedAt, alertLine(a.parsed)),
            message: { channelId: a.channelId, ts: a.messageTs },
            sourceKey: `alert:${a.id}`,
          })),
          ...instances.map((i) => ({ ...event('alert_linked', null, i.firstSeenAt, alertLine(i.alert)), message: groupMessage(group), sourceKey: `instance:${i.id}` })),
        ],
        now,
      );
      await records.enqueue({ kind: 'sync_triage_reply', groupId: group.id }, now);
    }
    return ok(declared.value.incident);
  });
  if (outcome.ok) deps.effectsQueued();
  return outcome.ok ? outcome : err(await withoutHiddenIncident(deps, outcome.error, request.declaredBy));
}

/**
 * The declare form was submitted: it must be one the bot opened for this person, and the alert group it declares
 * from is the one stored with it (whatever the view's metadata says). Submitting it twice declares once.
 */
export async function submitDeclareForm(
  deps: UseCaseDeps,
  submission: Submission,
  request: Omit<DeclareRequest, 'idempotencyKey' | 'alertGroupId'>,
): Promise<Result<Incident, AppError>> {
  const form = await submittedForm(deps.store, submission, request.declaredBy);
  if (!form.ok) return form;
  return declareIncident(deps, { ...request, idempotencyKey: form.value.token, alertGroupId: form.value.alertGroupId });
}
