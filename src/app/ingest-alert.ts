import { declare } from '../domain/lifecycle.js';
import { event } from '../domain/lifecycle.js';
import { isOpen, type TimelineEventDraft } from '../domain/incident.js';
import { isOpenStatus, type AlertMessage, type ParsedAlert } from '../domain/triage/alert.js';
import { fingerprintOf } from '../domain/triage/fingerprint.js';
import { addToGroup, resolveGroup, startGroup, type GroupCounts } from '../domain/triage/group.js';
import { parseAlertMessage } from '../domain/triage/parsers/index.js';
import { placeMessage, promotedByRule, type Placement } from '../domain/triage/placement.js';
import { decideTriage, type TriageDecision } from '../domain/triage/rules.js';
import { applyChange } from './apply-change.js';
import type { UseCaseDeps } from './deps.js';
import type { AlertGroup, AlertGroupPatch, IncidentRecords } from './ports.js';
import { alertIncidentTitle } from '../domain/alert-title.js';

/** A message posted in an alert channel, as plain values: from the Events API now, from a stored inbox row later. */
export interface IncomingAlert {
  readonly channelId: string;
  readonly ts: string;
  readonly message: AlertMessage;
  /** The message as Slack sent it, kept verbatim so a later parser or rule set can replay it. */
  readonly raw: string;
  readonly at: Date;
}

export type IngestOutcome =
  | { stored: false }
  | {
      stored: true;
      /** The group the message joined or opened; null when it was only stored (talk, a tool's info post …). */
      groupId: number | null;
      newGroup: boolean;
      action: AlertGroup['action'] | null;
      declaredIncident: number | null;
      /** Why it was not grouped, when it was not. */
      storedOnly: string | null;
    };

/** The message read, with any rule that makes a person's statement an alert applied. */
export function readAlertMessage(deps: UseCaseDeps, message: AlertMessage): { parsed: ParsedAlert; decision: TriageDecision } {
  const raw = parseAlertMessage(message);
  const decision = decideTriage(raw, message.text, deps.triage.rules);
  return { parsed: promotedByRule(raw, decision), decision };
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
  records.happened({ kind: 'incident_declared', severity: declared.value.incident.severity, source: 'rule' });
  await records.linkIncidentToGroup(number, group.id);
  return number;
}

export interface PlacedMessage {
  readonly alertId: number;
  readonly channelId: string;
  readonly ts: string;
  readonly at: Date;
  readonly parsed: ParsedAlert;
  readonly decision: TriageDecision;
}

/** A group's change beyond its counts: a tool's acknowledgement, and the severity a new problem message states. */
export function groupPatchFor(group: AlertGroup, parsed: ParsedAlert, counts: GroupCounts, at: Date): AlertGroupPatch {
  const open = isOpenStatus(parsed.status);
  return {
    counts,
    ...(parsed.status === 'acknowledged' && group.acknowledgedAt === null ? { acknowledgedAt: at, acknowledgedVia: parsed.source } : {}),
    ...(open && parsed.severity !== null && parsed.severity !== group.first.severity ? { severity: parsed.severity } : {}),
  };
}

/** The incident's timeline gets each alert of a linked group, linked to its message; the reply is re-rendered (coalesced). */
export async function afterGroupChange(
  deps: UseCaseDeps,
  records: IncidentRecords,
  group: AlertGroup,
  note: { alertId: number; channelId: string; ts: string; at: Date; summary: string; sourceKey?: string } | null,
): Promise<void> {
  const now = deps.clock.now();
  if (note && group.incidentNumber !== null) {
    const incident = await records.getIncident(group.incidentNumber);
    if (incident && isOpen(incident)) {
      const draft: TimelineEventDraft = {
        ...event('alert_linked', null, note.at, note.summary),
        message: { channelId: note.channelId, ts: note.ts },
        sourceKey: note.sourceKey ?? `alert:${note.alertId}`,
      };
      await records.appendEvents(group.incidentNumber, [draft], now);
    }
  }
  const muted = group.mutedUntil !== null && group.mutedUntil.getTime() > now.getTime();
  if (group.action !== 'ignore' && !muted) {
    const notBefore = group.replyWrittenAt === null ? now : new Date(group.replyWrittenAt.getTime() + deps.pressure.replyEveryMs(deps.triage.replyEveryMs));
    await records.enqueue({ kind: 'sync_triage_reply', groupId: group.id }, now, notBefore);
  }
}

/** Alerts before this are outside the group window of an alert at `at`. */
const windowStart = (deps: UseCaseDeps, at: Date): Date => new Date(at.getTime() - deps.triage.groupWindowMs);

async function placementFor(deps: UseCaseDeps, records: IncidentRecords, message: PlacedMessage, fingerprint: string): Promise<Placement> {
  const { parsed } = message;
  if (parsed.status === 'info') return placeMessage(parsed, { recent: undefined, stillFiring: [] });
  const recent = await records.findOpenGroup(fingerprint, message.channelId, windowStart(deps, message.at));
  const stillFiring =
    parsed.status === 'resolved'
      ? await records.findStillFiringGroups({ channelId: message.channelId, fingerprint, source: parsed.source, subject: parsed.subject })
      : [];
  return placeMessage(parsed, { recent, stillFiring });
}

/**
 * Puts a stored message where it belongs (placement.ts): into the group of its fingerprint, a new group, the
 * still-firing groups it recovers, or nowhere (stored only). Then rules, the incident timeline and the triage reply.
 */
export async function placeInGroups(deps: UseCaseDeps, records: IncidentRecords, message: PlacedMessage): Promise<Exclude<IngestOutcome, { stored: false }>> {
  const { parsed, at } = message;
  const fingerprint = fingerprintOf(parsed, deps.triage.groupBy);
  const placement = await placementFor(deps, records, message, fingerprint.key);
  if (placement.action === 'store') return { stored: true, groupId: null, newGroup: false, action: null, declaredIncident: null, storedOnly: placement.why };

  let group: AlertGroup | undefined;
  if (placement.action === 'open') {
    group = await records.insertGroup({
      fingerprint: fingerprint.key,
      fields: fingerprint.fields,
      channelId: message.channelId,
      threadTs: message.ts,
      first: parsed,
      subject: parsed.subject,
      counts: startGroup(parsed, at),
      action: message.decision.action,
      ruleIndex: message.decision.ruleIndex,
      suggestedSeverity: message.decision.severity,
    }, windowStart(deps, at));
    if (parsed.status === 'acknowledged') await records.updateGroup(group.id, { acknowledgedAt: at, acknowledgedVia: parsed.source });
  } else {
    const [first, ...others] = placement.action === 'join' ? [placement.groupId] : placement.groupIds;
    for (const id of others) {
      const other = await records.getGroup(id);
      if (!other) continue;
      await records.updateGroup(id, { counts: resolveGroup(other.counts, at) });
      await afterGroupChange(deps, records, other, null);
    }
    const existing = first === undefined ? undefined : await records.getGroup(first);
    if (!existing) return { stored: true, groupId: null, newGroup: false, action: null, declaredIncident: null, storedOnly: 'its group is gone' };
    const patch = groupPatchFor(existing, parsed, addToGroup(existing.counts, parsed, at), at);
    await records.updateGroup(existing.id, patch);
    group = { ...existing, counts: patch.counts ?? existing.counts };
  }
  await records.assignAlert(message.alertId, group.id);

  const newGroup = placement.action === 'open';
  let declaredIncident: number | null = null;
  if (newGroup && group.action === 'declare' && parsed.status !== 'resolved') {
    declaredIncident = await autoDeclare(deps, records, group, group.suggestedSeverity);
    if (declaredIncident !== null) group = { ...group, incidentNumber: declaredIncident };
  }
  const summary = `${parsed.status}: ${parsed.name} — ${parsed.summary}`;
  await afterGroupChange(deps, records, group, { alertId: message.alertId, channelId: message.channelId, ts: message.ts, at, summary });
  return { stored: true, groupId: group.id, newGroup, action: group.action, declaredIncident, storedOnly: null };
}

/**
 * One message in an alert channel: stored first (with its raw payload and why it was read so), then placed: grouped
 * by fingerprint within the window, paired with what it recovers, or only stored (a question, a tool's info post).
 * The triage reply is re-rendered at most every few seconds per group, so a storm costs a handful of Slack writes.
 */
export async function ingestAlert(deps: UseCaseDeps, incoming: IncomingAlert): Promise<IngestOutcome> {
  const [outcome] = await ingestAlerts(deps, [incoming]);
  return outcome ?? { stored: false };
}

/**
 * Messages of one alert channel in the order they were posted, stored and placed in one transaction: a storm read
 * from the inbox costs one commit per batch, not one per alert.
 */
export async function ingestAlerts(deps: UseCaseDeps, incomings: readonly IncomingAlert[]): Promise<IngestOutcome[]> {
  const read = incomings.map((incoming) => ({ incoming, ...readAlertMessage(deps, incoming.message) }));
  const outcomes = await deps.store.transaction(async (records) => {
    const placed: IngestOutcome[] = [];
    for (const { incoming, parsed, decision } of read) {
      const alertId = await records.insertAlert({ channelId: incoming.channelId, messageTs: incoming.ts, receivedAt: incoming.at, raw: incoming.raw, parsed });
      placed.push(alertId === null ? { stored: false } : await placeInGroups(deps, records, { alertId, channelId: incoming.channelId, ts: incoming.ts, at: incoming.at, parsed, decision }));
    }
    return placed;
  });
  if (outcomes.some((o) => o.stored && o.groupId !== null)) deps.effectsQueued();
  deps.alertsRead(read.filter((_, i) => outcomes[i]?.stored).map((r) => r.parsed.source));
  return outcomes;
}
