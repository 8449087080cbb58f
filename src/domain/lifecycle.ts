import type { DomainError } from './errors.js';
import { LIMITS } from './errors.js';
import type { Incident, Milestones, Status, TimelineEventDraft } from './incident.js';
import { isOpen } from './incident.js';
import { err, ok, type Result } from './result.js';
import { findSeverity, type Severity } from './severity.js';

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

function checkText(field: keyof typeof LIMITS, text: string, required: boolean): DomainError | null {
  if (required && text.trim() === '') return { code: 'text_missing', field };
  if (text.length > LIMITS[field]) return { code: 'text_too_long', field, max: LIMITS[field], length: text.length };
  return null;
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
  const title = raw.trim().replace(/\s+/g, ' ');
  if (title === '') return err({ code: 'title_missing' });
  if (title.length > LIMITS.title) return err({ code: 'text_too_long', field: 'title', max: LIMITS.title, length: title.length });
  return ok(title);
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
  const impactError = checkText('impact', input.impact, false);
  if (impactError) return err(impactError);
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
    impact: input.impact.trim(),
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
  const noteError = note === null ? null : checkText('reason', note, false);
  if (noteError) return err(noteError);
  const m = incident.milestones;
  const reopening = to === 'investigating' && incident.status !== 'triage';
  const milestones: Milestones = reopening
    ? { ...m, mitigatedAt: null, resolvedAt: null }
    : {
        ...m,
        acknowledgedAt: m.acknowledgedAt ?? now,
        mitigatedAt: to === 'mitigated' ? now : m.mitigatedAt,
        resolvedAt: to === 'resolved' || to === 'declined' ? now : m.resolvedAt,
      };
  return ok({
    incident: { ...incident, status: to, milestones },
    events: [event('status_changed', actorId, now, note, { from: incident.status, to, reopened: reopening })],
  });
}

/** Reopening needs a reason so the timeline explains the regression. */
export function reopen(incident: Incident, reason: string, actorId: string, now: Date): Outcome {
  const reasonError = checkText('reason', reason, true);
  if (reasonError) return err(reasonError);
  if (isOpen(incident) && incident.status !== 'mitigated') {
    return err({ code: 'invalid_transition', from: incident.status, to: 'investigating' });
  }
  return transition(incident, { to: 'investigating', actorId, note: reason.trim(), now });
}

export function resolve(
  incident: Incident,
  input: { actorId: string; summary: string | null; cause: string | null; now: Date; impactStartedAt?: Date | null },
): Outcome {
  for (const text of [input.summary, input.cause]) {
    const problem = text === null ? null : checkText('update', text, false);
    if (problem) return err(problem);
  }
  const impactStartedAt = input.impactStartedAt ?? incident.milestones.impactStartedAt;
  if (impactStartedAt !== null && impactStartedAt > input.now) return err({ code: 'time_in_future' });
  const moved = transition(incident, { to: 'resolved', actorId: input.actorId, note: input.summary, now: input.now });
  if (!moved.ok) return moved;
  return ok({
    incident: {
      ...moved.value.incident,
      milestones: { ...moved.value.incident.milestones, impactStartedAt },
      resolutionSummary: input.summary ?? incident.resolutionSummary,
      cause: input.cause ?? incident.cause,
    },
    events: moved.value.events.map((e) => ({ ...e, data: { ...e.data, cause: input.cause } })),
  });
}

export function postStatusUpdate(incident: Incident, text: string, actorId: string, now: Date): Outcome {
  const problem = checkText('update', text, true);
  if (problem) return err(problem);
  const trimmed = text.trim();
  return ok({
    incident: { ...incident, lastUpdate: { text: trimmed, at: now, by: actorId } },
    events: [event('status_update', actorId, now, trimmed)],
  });
}

/** Asks `newLeadId` to take the lead; the current commander stays responsible until they acknowledge. */
export function requestLeadHandoff(incident: Incident, newLeadId: string, actorId: string, now: Date): Outcome {
  if (!isOpen(incident)) return err({ code: 'incident_closed', status: incident.status });
  if (incident.commanderId === newLeadId) return err({ code: 'already_commander', userId: newLeadId });
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
  const problem = checkText('impact', impact, true);
  if (problem) return err(problem);
  return ok({ incident: { ...incident, impact: impact.trim() }, events: [event('impact_changed', actorId, now, impact.trim())] });
}

export function addNote(incident: Incident, text: string, actorId: string, now: Date): Outcome {
  const problem = checkText('note', text, true);
  if (problem) return err(problem);
  return ok({ incident, events: [event('note', actorId, now, text.trim())] });
}

export function validateFollowUp(text: string): DomainError | null {
  return checkText('followup', text, true);
}
