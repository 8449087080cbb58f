import type { DomainError } from './errors.js';
import { LIMITS } from './errors.js';
import type { Incident, Milestones, Status, TimelineEventDraft } from './incident.js';
import { isOpen } from './incident.js';
import { err, ok, type Result } from './result.js';
import { findSeverity, type Severity } from './severity.js';
import { readText } from './user-text.js';

/** The state machine. `reopen` is the way back from a closed or mitigated incident. */
export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  triage: ['investigating', 'mitigated', 'resolved', 'declined'],
  investigating: ['mitigated', 'resolved'],
  mitigated: ['investigating', 'resolved'],
  resolved: ['investigating'],
  declined: ['investigating'],
};

export const canTransition = (from: Status, to: Status): boolean => TRANSITIONS[from].includes(to);

export interface Change {
  readonly incident: Incident;
  readonly events: readonly TimelineEventDraft[];
}

type Outcome = Result<Change, DomainError>;

export function event(
  kind: TimelineEventDraft['kind'],
  actorId: string | null,
  occurredAt: Date,
  text: string | null,
  data: TimelineEventDraft['data'] = {},
): TimelineEventDraft {
  return { kind, actorId, occurredAt, text, data, message: null, sourceKey: null };
}

/** A text field under its limit; '' when optional and left empty. */
const checked = (field: keyof typeof LIMITS, raw: string, required: boolean): Result<string, DomainError> =>
  readText(field, raw, { max: LIMITS[field], required });

/** An optional note or reason: null when left empty. */
function optionalText(field: keyof typeof LIMITS, raw: string | null, label: string = field): Result<string | null, DomainError> {
  if (raw === null) return ok(null);
  const text = readText(label, raw, { max: LIMITS[field], required: false });
  return text.ok ? ok(text.value === '' ? null : text.value) : text;
}

export interface DeclareInput {
  readonly number: number;
  readonly title: string;
  readonly impact: string;
  readonly severity: string | null;
  readonly commanderId: string | null;
  readonly declaredBy: string;
  readonly isPrivate: boolean;
  readonly origin: 'manual' | 'alert';
  readonly impactStartedAt: Date | null;
  readonly detectedAt: Date | null;
  /** Someone acknowledged the alert group before declaring from it: that, not the declaration, is when. */
  readonly acknowledgedAt?: Date | null;
  /** Declared by a rule, not a person: it waits in triage for a human to accept or decline it. */
  readonly automatic?: boolean;
}

export function validateTitle(raw: string): Result<string, DomainError> {
  return readText('title', raw.replace(/\s+/g, ' '), { max: LIMITS.title, required: true });
}

export function resolveSeverityInput(input: string, severities: readonly Severity[]): Result<Severity, DomainError> {
  const found = findSeverity(input, severities);
  return found ? ok(found) : err({ code: 'unknown_severity', input, known: severities.map((s) => s.label) });
}

const earliest = (a: Date | null, b: Date | null): Date | null => (a === null ? b : b === null || a < b ? a : b);

/** A human declaring an incident has acknowledged it; incidents a rule declared start in triage. */
export function declare(input: DeclareInput, now: Date): Result<Change, DomainError> {
  const title = validateTitle(input.title);
  if (!title.ok) return title;
  const impact = checked('impact', input.impact, false);
  if (!impact.ok) return impact;
  const manual = input.automatic !== true;
  const responders = [...new Set([input.declaredBy, input.commanderId].filter((u): u is string => u !== null))];
  const milestones: Milestones = {
    impactStartedAt: input.impactStartedAt,
    detectedAt: input.detectedAt ?? (manual ? now : null),
    declaredAt: now,
    acknowledgedAt: earliest(input.acknowledgedAt ?? null, manual ? now : null),
    mitigatedAt: null,
    resolvedAt: null,
  };
  const incident: Incident = {
    number: input.number,
    title: title.value,
    impact: impact.value,
    severity: input.severity,
    status: manual ? 'investigating' : 'triage',
    commanderId: input.commanderId,
    pendingLead: null,
    declaredBy: input.declaredBy,
    responders,
    isPrivate: input.isPrivate,
    origin: input.origin,
    channelId: null,
    milestones,
    lastUpdate: null,
    resolutionSummary: null,
    cause: null,
  };
  return ok({
    incident,
    events: [event('declared', input.declaredBy, now, title.value, { severity: input.severity, commander: input.commanderId })],
  });
}

export function changeSeverity(incident: Incident, severity: Severity, actorId: string, now: Date): Outcome {
  if (!isOpen(incident)) return err({ code: 'incident_closed', status: incident.status });
  if (incident.severity === severity.id) return err({ code: 'same_severity', severity: severity.label });
  return ok({
    incident: { ...incident, severity: severity.id },
    events: [event('severity_changed', actorId, now, null, { from: incident.severity, to: severity.id })],
  });
}

export interface TransitionInput {
  readonly to: Status;
  readonly actorId: string;
  readonly note: string | null;
  readonly now: Date;
}

/** Moves the incident through the state machine and stamps the milestone the new status stands for. */
export function transition(incident: Incident, input: TransitionInput): Outcome {
  const { to, actorId, note, now } = input;
  if (incident.status === to) return err({ code: 'already_in_status', status: to });
  if (!canTransition(incident.status, to)) return err({ code: 'invalid_transition', from: incident.status, to });
  const text = optionalText('reason', note);
  if (!text.ok) return text;
  const m = incident.milestones;
  const reopening = to === 'investigating' && incident.status !== 'triage';
  // Closing withdraws a lead handoff still waiting: there is nothing left to take over.
  const pendingLead = to === 'resolved' || to === 'declined' ? null : incident.pendingLead;
  const milestones: Milestones = reopening
    ? { ...m, mitigatedAt: null, resolvedAt: null }
    : {
        ...m,
        acknowledgedAt: m.acknowledgedAt ?? now,
        mitigatedAt: to === 'mitigated' ? now : m.mitigatedAt,
        resolvedAt: to === 'resolved' || to === 'declined' ? now : m.resolvedAt,
      };
  return ok({
    incident: { ...incident, status: to, milestones, pendingLead },
    events: [event('status_changed', actorId, now, text.value, { from: incident.status, to, reopened: reopening })],
  });
}

/** Reopening needs a reason so the timeline explains the regression. */
export function reopen(incident: Incident, reason: string, actorId: string, now: Date): Outcome {
  const text = checked('reason', reason, true);
  if (!text.ok) return text;
  if (isOpen(incident) && incident.status !== 'mitigated') {
    return err({ code: 'invalid_transition', from: incident.status, to: 'investigating' });
  }
  return transition(incident, { to: 'investigating', actorId, note: text.value, now });
}

export function resolve(
  incident: Incident,
  input: { actorId: string; summary: string | null; cause: string | null; now: Date; impactStartedAt?: Date | null },
): Outcome {
  const summary = optionalText('update', input.summary, 'summary');
  if (!summary.ok) return summary;
  const cause = optionalText('update', input.cause, 'cause');
  if (!cause.ok) return cause;
  const impactStartedAt = input.impactStartedAt ?? incident.milestones.impactStartedAt;
  if (impactStartedAt !== null && impactStartedAt > input.now) return err({ code: 'time_in_future' });
  const moved = transition(incident, { to: 'resolved', actorId: input.actorId, note: summary.value, now: input.now });
  if (!moved.ok) return moved;
  return ok({
    incident: {
      ...moved.value.incident,
      milestones: { ...moved.value.incident.milestones, impactStartedAt },
      resolutionSummary: summary.value ?? incident.resolutionSummary,
      cause: cause.value ?? incident.cause,
    },
    events: moved.value.events.map((e) => ({ ...e, data: { ...e.data, cause: cause.value } })),
  });
}

export function postStatusUpdate(incident: Incident, text: string, actorId: string, now: Date): Outcome {
  const update = checked('update', text, true);
  if (!update.ok) return update;
  return ok({
    incident: { ...incident, lastUpdate: { text: update.value, at: now, by: actorId } },
    events: [event('status_update', actorId, now, update.value)],
  });
}

/**
 * Asks `newLeadId` to take the lead; the current commander stays responsible until they acknowledge. A request to
 * someone else while one is pending replaces it.
 */
export function requestLeadHandoff(incident: Incident, newLeadId: string, actorId: string, now: Date): Outcome {
  if (!isOpen(incident)) return err({ code: 'incident_closed', status: incident.status });
  if (incident.commanderId === newLeadId) return err({ code: 'already_commander', userId: newLeadId });
  if (incident.pendingLead?.userId === newLeadId) return err({ code: 'lead_already_pending', userId: newLeadId, since: incident.pendingLead.since });
  // With no commander at all there is nobody to stay responsible: the lead passes at once.
  if (incident.commanderId === null) return handOverLead(incident, newLeadId, actorId, now);
  return ok({
    incident: { ...incident, pendingLead: { userId: newLeadId, by: actorId, since: now } },
    events: [event('lead_handoff_requested', actorId, now, null, { from: incident.commanderId, to: newLeadId })],
  });
}

/** The new commander acknowledged: the role passes, and the timeline says so. */
export function acknowledgeLead(incident: Incident, userId: string, now: Date): Outcome {
  if (incident.pendingLead?.userId !== userId) return err({ code: 'not_pending_lead', userId, pendingLeadId: incident.pendingLead?.userId ?? null });
  return handOverLead(incident, userId, userId, now, incident.pendingLead.since);
}

/** The proposed commander says no: the commander stays, and the timeline says so. */
export function declineLead(incident: Incident, userId: string, now: Date): Outcome {
  if (incident.pendingLead?.userId !== userId) return err({ code: 'not_pending_lead', userId, pendingLeadId: incident.pendingLead?.userId ?? null });
  return ok({
    incident: { ...incident, pendingLead: null },
    events: [event('lead_handoff_declined', userId, now, null, { from: incident.commanderId, to: userId })],
  });
}

export function handOverLead(incident: Incident, newLeadId: string, actorId: string, now: Date, requestedAt: Date | null = null): Outcome {
  if (!isOpen(incident)) return err({ code: 'incident_closed', status: incident.status });
  if (incident.commanderId === newLeadId) return err({ code: 'already_commander', userId: newLeadId });
  const responders = incident.responders.includes(newLeadId) ? incident.responders : [...incident.responders, newLeadId];
  const acknowledgedAfterMs = requestedAt === null ? null : now.getTime() - requestedAt.getTime();
  return ok({
    incident: { ...incident, commanderId: newLeadId, pendingLead: null, responders },
    events: [event('commander_changed', actorId, now, null, { from: incident.commanderId, to: newLeadId, acknowledgedAfterMs })],
  });
}

export function setImpact(incident: Incident, impact: string, actorId: string, now: Date): Outcome {
  const text = checked('impact', impact, true);
  if (!text.ok) return text;
  return ok({ incident: { ...incident, impact: text.value }, events: [event('impact_changed', actorId, now, text.value)] });
}

export function addNote(incident: Incident, text: string, actorId: string, now: Date): Outcome {
  const note = checked('note', text, true);
  if (!note.ok) return note;
  return ok({ incident, events: [event('note', actorId, now, note.value)] });
}

/** A follow-up's text as it will be stored. */
export function readFollowUp(text: string): Result<string, DomainError> {
  return checked('followup', text, true);
}
