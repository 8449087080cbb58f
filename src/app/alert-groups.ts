/**
 * What happens to an alert group however its alerts arrive: opening it, auto-declaring from it, its incident's
 * timeline, and re-rendering its Slack message (coalesced).
 */
import { alertIncidentTitle } from '../domain/alert-title.js';
import { primaryLink, type Alert } from '../domain/alerts/alert.js';
import { declare, event } from '../domain/lifecycle.js';
import { isOpen, type MessageRef, type TimelineEventDraft } from '../domain/incident.js';
import { isOpenStatus } from '../domain/triage/alert.js';
import type { Fingerprint } from '../domain/triage/fingerprint.js';
import type { GroupCounts } from '../domain/triage/group.js';
import type { TriageDecision } from '../domain/triage/rules.js';
import { applyChange } from './apply-change.js';
import type { UseCaseDeps } from './deps.js';
import { isSloGroup } from './slo-report.js';
import type { AlertGroup, AlertGroupPatch } from './triage-ports.js';
import type { IncidentRecords } from './ports.js';

/** An alert's line in its incident's timeline, linked to the message that shows it (when there is one yet). */
export interface TimelineNote {
  readonly message: MessageRef | null;
  readonly at: Date;
  readonly summary: string;
  /** One event per key: a re-delivery never adds a second line. */
  readonly sourceKey: string;
}


/** The message that shows a group: the tool's message it started with, else the bot's own once posted. */
export function groupMessage(group: Pick<AlertGroup, 'channelId' | 'threadTs' | 'replyTs'>): MessageRef | null {
  const ts = group.threadTs ?? group.replyTs;
  return ts === null ? null : { channelId: group.channelId, ts };
}

/** Alerts before this are outside the group window of an alert at `at`. */
export const windowStart = (deps: UseCaseDeps, at: Date): Date => new Date(at.getTime() - deps.triage.groupWindowMs);

export const alertLine = (alert: Pick<Alert, 'status' | 'name' | 'summary'>, how = ''): string => `${alert.status}${how}: ${alert.name} — ${alert.summary}`;

/**
 * A new group with `alert` as its first. `threadTs` is the message that started it (its reply goes in that thread),
 * or null when none did: then the bot posts the group's own message. `staleBefore`: see `insertGroup`.
 */
export async function openGroup(
  records: IncidentRecords,
  opening: { channelId: string; threadTs: string | null; alert: Alert; fingerprint: Fingerprint; counts: GroupCounts; decision: TriageDecision; staleBefore: Date },
): Promise<AlertGroup> {
  const { alert, decision } = opening;
  return records.insertGroup(
    {
      fingerprint: opening.fingerprint.key,
      fields: opening.fingerprint.fields,
      channelId: opening.channelId,
      threadTs: opening.threadTs,
      first: { source: alert.source, name: alert.name, severity: alert.severity, service: alert.service, summary: alert.summary, link: primaryLink(alert) },
      links: alert.links,
      tracksInstances: alert.fingerprint !== null,
      subject: alert.subject,
      counts: opening.counts,
      action: decision.action,
      ruleIndex: decision.ruleIndex,
      suggestedSeverity: decision.severity,
    },
    opening.staleBefore,
  );
}

async function autoDeclare(deps: UseCaseDeps, records: IncidentRecords, group: AlertGroup, severity: string | null): Promise<number | null> {
  const number = await records.nextIncidentNumber();
  const declared = declare(
    {
      number,
      title: alertIncidentTitle(group.first),
      impact: '',
      severity: deps.severities.some((s) => s.id === severity) ? severity : null,
      commanderId: null,
      declaredBy: deps.botUserId,
      isPrivate: false,
      origin: 'alert',
      impactStartedAt: null,
      detectedAt: group.counts.firstSeenAt,
      automatic: true,
    },
    deps.clock.now(),
  );
  if (!declared.ok) return null;
  await applyChange(deps, records, null, declared.value.incident, declared.value.events);
  // A group no tool's message started came over an alert webhook (the bot posts its message itself).
  records.happened({ kind: 'incident_declared', severity: declared.value.incident.severity, source: group.threadTs === null ? 'webhook' : 'rule' });
  await records.linkIncidentToGroup(number, group.id);
  return number;
}

/** A rule that says `declare` declares the incident when the group opens on a problem; returns its number. */
export async function declareIfRuled(deps: UseCaseDeps, records: IncidentRecords, group: AlertGroup, alert: Alert): Promise<AlertGroup> {
  if (group.action !== 'declare' || alert.status === 'resolved') return group;
  const declared = await autoDeclare(deps, records, group, group.suggestedSeverity);
  return declared === null ? group : { ...group, incidentNumber: declared };
}

/** A group's change beyond its counts: a tool's acknowledgement, and the severity a new problem report states. */
export function groupPatchFor(group: AlertGroup, alert: Alert, counts: GroupCounts, at: Date): AlertGroupPatch {
  const open = isOpenStatus(alert.status);
  return {
    counts,
    ...(alert.status === 'acknowledged' && group.acknowledgedAt === null ? { acknowledgedAt: at, acknowledgedVia: alert.source } : {}),
    ...(open && alert.severity !== null && alert.severity !== group.first.severity ? { severity: alert.severity } : {}),
  };
}

/** A linked group's alert goes on its open incident's timeline. */
export async function noteOnTimeline(deps: UseCaseDeps, records: IncidentRecords, group: AlertGroup, note: TimelineNote): Promise<void> {
  if (group.incidentNumber === null) return;
  const incident = await records.getIncident(group.incidentNumber);
  if (incident && isOpen(incident)) {
    const draft: TimelineEventDraft = { ...event('alert_linked', null, note.at, note.summary), message: note.message, sourceKey: note.sourceKey };
    await records.appendEvents(group.incidentNumber, [draft], deps.clock.now());
  }
}

/** The incident's timeline gets each alert of a linked group; the group's message is re-rendered (coalesced). */
export async function afterGroupChange(deps: UseCaseDeps, records: IncidentRecords, group: AlertGroup, note: TimelineNote | null): Promise<void> {
  const now = deps.clock.now();
  if (note) await noteOnTimeline(deps, records, group, note);
  const muted = group.mutedUntil !== null && group.mutedUntil.getTime() > now.getTime();
  if (group.action !== 'ignore' && !muted) {
    const notBefore = group.replyWrittenAt === null ? now : new Date(group.replyWrittenAt.getTime() + deps.pressure.replyEveryMs(deps.triage.replyEveryMs));
    await records.enqueue({ kind: 'sync_triage_reply', groupId: group.id }, now, notBefore);
  }
  // An SLO's card line follows its burn: the incident declared from it shows the tier and numbers as they change.
  if (group.incidentNumber !== null && isSloGroup(group)) await records.enqueue({ kind: 'sync_card', incidentNumber: group.incidentNumber }, now);
}
