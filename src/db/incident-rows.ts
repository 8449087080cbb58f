import type { Selectable } from 'kysely';
import type { FollowUp, Incident, MessageRef, Status, TimelineEvent, TimelineKind } from '../domain/incident.js';
import { STATUSES, TIMELINE_KINDS } from '../domain/incident.js';
import type { FollowUpsTable, IncidentsTable, TimelineEventsTable } from './schema.js';
import { z } from 'zod';

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());
const date = (text: string | null): Date | null => (text === null ? null : new Date(text));
const stringList = z.array(z.string());
const eventData = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const parseStringList = (json: string): string[] => stringList.catch([]).parse(JSON.parse(json));

function asStatus(text: string): Status {
  const status = STATUSES.find((s) => s === text);
  if (!status) throw new Error(`stored incident has unknown status ${text}`);
  return status;
}

function asKind(text: string): TimelineKind {
  const kind = TIMELINE_KINDS.find((k) => k === text);
  if (!kind) throw new Error(`stored timeline event has unknown kind ${text}`);
  return kind;
}

export function incidentFromRow(row: Selectable<IncidentsTable>): Incident {
  return {
    number: row.number,
    title: row.title,
    impact: row.impact,
    severity: row.severity,
    status: asStatus(row.status),
    commanderId: row.commander_id,
    pendingLead:
      row.pending_lead_id !== null && row.pending_lead_by !== null && row.pending_lead_since !== null
        ? { userId: row.pending_lead_id, by: row.pending_lead_by, since: new Date(row.pending_lead_since) }
        : null,
    declaredBy: row.declared_by,
    responders: parseStringList(row.responders),
    isPrivate: row.is_private === 1,
    origin: row.origin === 'alert' ? 'alert' : 'manual',
    channelId: row.channel_id,
    milestones: {
      impactStartedAt: date(row.impact_started_at),
      detectedAt: date(row.detected_at),
      declaredAt: new Date(row.declared_at),
      acknowledgedAt: date(row.acknowledged_at),
      mitigatedAt: date(row.mitigated_at),
      resolvedAt: date(row.resolved_at),
    },
    lastUpdate:
      row.last_update_text !== null && row.last_update_at !== null && row.last_update_by !== null
        ? { text: row.last_update_text, at: new Date(row.last_update_at), by: row.last_update_by }
        : null,
    resolutionSummary: row.resolution_summary,
    cause: row.cause,
  };
}

/** The columns an incident change writes; view refs (channel, card, announce) are written by the Slack adapter. */
export function incidentToRow(incident: Incident, now: Date) {
  const m = incident.milestones;
  return {
    title: incident.title,
    impact: incident.impact,
    severity: incident.severity,
    status: incident.status,
    commander_id: incident.commanderId,
    pending_lead_id: incident.pendingLead?.userId ?? null,
    pending_lead_by: incident.pendingLead?.by ?? null,
    pending_lead_since: iso(incident.pendingLead?.since ?? null),
    declared_by: incident.declaredBy,
    responders: JSON.stringify(incident.responders),
    is_private: incident.isPrivate ? 1 : 0,
    origin: incident.origin,
    impact_started_at: iso(m.impactStartedAt),
    detected_at: iso(m.detectedAt),
    declared_at: m.declaredAt.toISOString(),
    acknowledged_at: iso(m.acknowledgedAt),
    mitigated_at: iso(m.mitigatedAt),
    resolved_at: iso(m.resolvedAt),
    last_update_text: incident.lastUpdate?.text ?? null,
    last_update_at: iso(incident.lastUpdate?.at ?? null),
    last_update_by: incident.lastUpdate?.by ?? null,
    resolution_summary: incident.resolutionSummary,
    cause: incident.cause,
    updated_at: now.toISOString(),
  };
}

function messageRefFromRow(row: Selectable<TimelineEventsTable>): MessageRef | null {
  if (row.message_channel_id === null || row.message_ts === null) return null;
  const ref = { channelId: row.message_channel_id, ts: row.message_ts };
  return row.message_thread_ts === null ? ref : { ...ref, threadTs: row.message_thread_ts };
}

export function timelineEventFromRow(row: Selectable<TimelineEventsTable>): TimelineEvent {
  return {
    id: row.id,
    incidentNumber: row.incident_number,
    kind: asKind(row.kind),
    actorId: row.actor_id,
    occurredAt: new Date(row.occurred_at),
    text: row.text,
    data: eventData.catch({}).parse(JSON.parse(row.data)),
    message: messageRefFromRow(row),
    sourceKey: row.source_key,
  };
}

export function followUpFromRow(row: Selectable<FollowUpsTable>): FollowUp {
  return {
    id: row.id,
    incidentNumber: row.incident_number,
    text: row.text,
    ownerId: row.owner_id,
    done: row.done === 1,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
  };
}
