import { declare } from '../domain/lifecycle.js';
import { event } from '../domain/lifecycle.js';
import { isOpen, type TimelineEventDraft } from '../domain/incident.js';
import type { AlertMessage } from '../domain/triage/alert.js';
import { fingerprintOf } from '../domain/triage/fingerprint.js';
import { addToGroup, startGroup } from '../domain/triage/group.js';
import { parseAlertMessage } from '../domain/triage/parsers/index.js';
import { decideTriage } from '../domain/triage/rules.js';
import { applyChange } from './apply-change.js';
import type { UseCaseDeps } from './deps.js';
import type { AlertGroup, IncidentRecords } from './ports.js';

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
  | { stored: true; groupId: number; newGroup: boolean; action: AlertGroup['action']; declaredIncident: number | null };

/** Alert titles become incident titles; keep them readable and within the title limit. */
const titleFor = (group: AlertGroup): string =>
  `${group.first.name}${group.first.service ? ` · ${group.first.service}` : ''}`.slice(0, 200);

async function autoDeclare(deps: UseCaseDeps, records: IncidentRecords, group: AlertGroup, severity: string | null): Promise<number | null> {
  const number = await records.nextIncidentNumber();
  const declared = declare(
    {
      number,
      title: titleFor(group),
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
  await records.linkIncidentToGroup(number, group.id);
  return number;
}

function alertEvent(alertId: number, incoming: IncomingAlert, summary: string): TimelineEventDraft {
  return {
    ...event('alert_linked', null, incoming.at, summary),
    message: { channelId: incoming.channelId, ts: incoming.ts },
    sourceKey: `alert:${alertId}`,
  };
}

/**
 * One alert message in an alert channel: stored first (with its raw payload), then grouped by fingerprint within
 * the window, then acted on by the rules (suggest: a triage reply; declare: an incident; ignore: nothing visible).
 * The triage reply is re-rendered at most every few seconds per group, so a storm costs a handful of Slack writes.
 */
export async function ingestAlert(deps: UseCaseDeps, incoming: IncomingAlert): Promise<IngestOutcome> {
  const { triage } = deps;
  const parsed = parseAlertMessage(incoming.message);
  const outcome = await deps.store.transaction(async (records): Promise<IngestOutcome> => {
    const now = deps.clock.now();
    const alertId = await records.insertAlert({ channelId: incoming.channelId, messageTs: incoming.ts, receivedAt: incoming.at, raw: incoming.raw, parsed });
    if (alertId === null) return { stored: false };
    const fingerprint = fingerprintOf(parsed, triage.groupBy);
    const existing = await records.findOpenGroup(fingerprint.key, incoming.channelId, new Date(incoming.at.getTime() - triage.groupWindowMs));
    let group: AlertGroup;
    if (existing) {
      const counts = addToGroup(existing.counts, parsed, incoming.at);
      await records.updateGroup(existing.id, { counts });
      group = { ...existing, counts };
    } else {
      const decision = decideTriage(parsed, incoming.message.text, triage.rules);
      group = await records.insertGroup({
        fingerprint: fingerprint.key,
        fields: fingerprint.fields,
        channelId: incoming.channelId,
        threadTs: incoming.ts,
        first: parsed,
        counts: startGroup(parsed, incoming.at),
        action: decision.action,
        ruleIndex: decision.ruleIndex,
        suggestedSeverity: decision.severity,
      });
    }
    await records.assignAlert(alertId, group.id);

    let declaredIncident: number | null = null;
    if (!existing && group.action === 'declare' && parsed.status === 'firing') {
      declaredIncident = await autoDeclare(deps, records, group, group.suggestedSeverity);
    }
    const incidentNumber = declaredIncident ?? group.incidentNumber;
    if (incidentNumber !== null) {
      const incident = await records.getIncident(incidentNumber);
      if (incident && isOpen(incident)) {
        await records.appendEvents(incidentNumber, [alertEvent(alertId, incoming, `${parsed.status}: ${parsed.name} — ${parsed.summary}`)], now);
      }
    }

    const muted = group.mutedUntil !== null && group.mutedUntil.getTime() > now.getTime();
    if (group.action !== 'ignore' && !muted) {
      const notBefore = group.replyWrittenAt === null ? now : new Date(group.replyWrittenAt.getTime() + triage.replyEveryMs);
      await records.enqueue({ kind: 'sync_triage_reply', groupId: group.id }, now, notBefore);
    }
    return { stored: true, groupId: group.id, newGroup: !existing, action: group.action, declaredIncident };
  });
  if (outcome.stored) deps.effectsQueued();
  return outcome;
}
