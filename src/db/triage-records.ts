import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { z } from 'zod';
import type { AlertGroup, AlertGroupPatch, StoredAlert, TriageRecords } from '../app/triage-ports.js';
import type { AlertInstanceRecords } from '../app/alert-instance-ports.js';
import { primaryLink, type Alert } from '../domain/alerts/alert.js';
import { alertFromMessage } from '../domain/alerts/from-message.js';
import { ALERT_STATUSES, MESSAGE_KINDS, type AlertStatus, type MessageKind } from '../domain/triage/alert.js';
import { linksFromJson, linksToJson } from './alert-links.js';
import type { AlertGroupsTable, AlertsTable, Database } from './schema.js';
import { rowLock } from './dialect.js';

type Executor = Kysely<Database> | Transaction<Database>;

const stringMap = z.record(z.string(), z.string());
const date = (text: string | null): Date | null => (text === null ? null : new Date(text));
const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
const asStatus = (text: string): AlertStatus => ALERT_STATUSES.find((s) => s === text) ?? 'firing';
const asGroupStatus = (text: string) => (text === 'resolved' ? ('resolved' as const) : ('firing' as const));
const asKind = (text: string): MessageKind => MESSAGE_KINDS.find((k) => k === text) ?? 'alert';
/** `subject LIKE ? ESCAPE '\'` for subjects under a recovery's subject, with LIKE's wildcards taken literally. */
const underSubject = (subject: string): string => `${subject.replace(/[\\%_]/g, (c) => `\\${c}`)} %`;
const asAction = (text: string) => (text === 'declare' || text === 'ignore' ? text : ('suggest' as const));

/** `thread_ts` is NOT NULL since migration 003; '' stands for "no tool message: the bot posts the group's own". */
const NO_THREAD = '';

export function groupFromRow(row: Selectable<AlertGroupsTable>): AlertGroup {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    fields: stringMap.catch({}).parse(JSON.parse(row.fingerprint_fields)),
    channelId: row.channel_id,
    threadTs: row.thread_ts === NO_THREAD ? null : row.thread_ts,
    first: { source: row.source, name: row.name, severity: row.severity, service: row.service, summary: row.summary, link: row.link },
    links: linksFromJson(row.links),
    tracksInstances: row.tracks_instances === 1,
    truncatedAlerts: row.truncated_alerts,
    subject: row.subject,
    counts: {
      status: asGroupStatus(row.status),
      firing: row.firing,
      alertCount: row.alert_count,
      firstSeenAt: new Date(row.first_seen_at),
      lastSeenAt: new Date(row.last_seen_at),
      resolvedAt: date(row.resolved_at),
    },
    action: asAction(row.action),
    ruleIndex: row.rule_index,
    suggestedSeverity: row.suggested_severity,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: date(row.acknowledged_at),
    acknowledgedVia: row.acknowledged_via,
    mutedUntil: date(row.muted_until),
    dismissedBy: row.dismissed_by,
    incidentNumber: row.incident_number,
    replyTs: row.reply_ts,
    replyWrittenAt: date(row.reply_written_at),
  };
}

function alertFromRow(row: Selectable<AlertsTable>): StoredAlert {
  return {
    id: row.id,
    channelId: row.channel_id,
    messageTs: row.message_ts,
    receivedAt: new Date(row.received_at),
    raw: row.raw,
    groupId: row.group_id,
    revisedRaw: row.revised_raw,
    revisedAt: date(row.revised_at),
    deletedAt: date(row.deleted_at),
    // What a message said, as stored: read back the way the door read it.
    parsed: alertFromMessage({
      source: row.source,
      kind: asKind(row.kind),
      status: asStatus(row.status),
      name: row.name,
      severity: row.severity,
      service: row.service,
      subject: row.subject,
      summary: row.summary,
      labels: stringMap.catch({}).parse(JSON.parse(row.labels)),
      count: row.count,
      countIsTotal: row.count_is_total === 1,
      link: row.link,
      reason: row.reason,
    }),
  };
}

function patchColumns(patch: AlertGroupPatch) {
  const c = patch.counts;
  const columns = {
    ...(c
      ? { status: c.status, firing: c.firing, alert_count: c.alertCount, first_seen_at: c.firstSeenAt.toISOString(), last_seen_at: c.lastSeenAt.toISOString(), resolved_at: iso(c.resolvedAt) }
      : {}),
    acknowledged_by: patch.acknowledgedBy,
    acknowledged_at: patch.acknowledgedAt === undefined ? undefined : iso(patch.acknowledgedAt),
    acknowledged_via: patch.acknowledgedVia,
    severity: patch.severity,
    muted_until: patch.mutedUntil === undefined ? undefined : iso(patch.mutedUntil),
    dismissed_by: patch.dismissedBy,
    incident_number: patch.incidentNumber,
    reply_ts: patch.replyTs,
    reply_written_at: patch.replyWrittenAt === undefined ? undefined : iso(patch.replyWrittenAt),
    truncated_alerts: patch.truncatedAlerts,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined));
}

/** The columns of `alerts` that hold the reading of a message (replaced when the message is edited). */
function parsedColumns(parsed: Alert) {
  return {
    source: parsed.source,
    kind: parsed.kind,
    status: parsed.status,
    name: parsed.name,
    severity: parsed.severity,
    service: parsed.service,
    subject: parsed.subject,
    summary: parsed.summary,
    labels: JSON.stringify(parsed.labels),
    count: parsed.count,
    count_is_total: parsed.countIsTotal ? 1 : 0,
    link: primaryLink(parsed),
    reason: parsed.reason,
  };
}

/** Alert messages and groups; identified instances are in alert-instance-records.ts. */
export function triageRecords(db: Executor): Omit<TriageRecords, keyof AlertInstanceRecords> {
  const lock = rowLock(db);
  return {
    async insertAlert({ channelId, messageTs, receivedAt, raw, parsed }) {
      const result = await db
        .insertInto('alerts')
        .values({
          channel_id: channelId,
          message_ts: messageTs,
          received_at: receivedAt.toISOString(),
          raw,
          ...parsedColumns(parsed),
        })
        .onConflict((oc) => oc.columns(['channel_id', 'message_ts']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return result?.id ?? null;
    },
    async assignAlert(alertId, groupId) {
      await db.updateTable('alerts').set({ group_id: groupId }).where('id', '=', alertId).execute();
    },
    async findOpenGroup(fingerprint, channelId, since) {
      const row = await db
        .selectFrom('alert_groups')
        .selectAll()
        .where('fingerprint', '=', fingerprint)
        .where('channel_id', '=', channelId)
        .where('last_seen_at', '>=', since.toISOString())
        .orderBy('last_seen_at', 'desc')
        .executeTakeFirst();
      return row ? groupFromRow(row) : undefined;
    },
    async findStillFiringGroups({ channelId, fingerprint, source, subject }) {
      const rows = await db
        .selectFrom('alert_groups')
        .selectAll()
        .where('channel_id', '=', channelId)
        .where('status', '=', 'firing')
        .where((eb) =>
          subject === null
            ? eb('fingerprint', '=', fingerprint)
            : eb.or([
                eb('fingerprint', '=', fingerprint),
                eb.and([eb('source', '=', source), eb.or([eb('subject', '=', subject), sql<boolean>`subject like ${underSubject(subject)} escape '\\'`])]),
              ]),
        )
        .orderBy('last_seen_at', 'desc')
        .limit(20)
        .execute();
      return rows.map(groupFromRow);
    },
    async reviseAlert(alertId, { raw, parsed, at }) {
      await db
        .updateTable('alerts')
        .set({ ...parsedColumns(parsed), revised_raw: raw, revised_at: at.toISOString() })
        .where('id', '=', alertId)
        .execute();
    },
    async markAlertDeleted(alertId, at) {
      await db.updateTable('alerts').set({ deleted_at: at.toISOString() }).where('id', '=', alertId).execute();
    },
    async insertGroup(group, staleBefore) {
      const c = group.counts;
      // The new group is its fingerprint's current one. A current group the window still covers was made by another
      // transaction since this one looked: it stays, the unique index alert_groups_one_current fails this insert, and
      // the transaction runs again, joining that group instead.
      await db
        .updateTable('alert_groups')
        .set({ is_current: 0 })
        .where('channel_id', '=', group.channelId)
        .where('fingerprint', '=', group.fingerprint)
        .where('is_current', '=', 1)
        .where('last_seen_at', '<', staleBefore.toISOString())
        .execute();
      const row = await db
        .insertInto('alert_groups')
        .values({
          fingerprint: group.fingerprint,
          fingerprint_fields: JSON.stringify(group.fields),
          channel_id: group.channelId,
          thread_ts: group.threadTs ?? NO_THREAD,
          source: group.first.source,
          name: group.first.name,
          severity: group.first.severity,
          service: group.first.service,
          summary: group.first.summary,
          link: group.first.link,
          status: c.status,
          firing: c.firing,
          alert_count: c.alertCount,
          first_seen_at: c.firstSeenAt.toISOString(),
          last_seen_at: c.lastSeenAt.toISOString(),
          resolved_at: iso(c.resolvedAt),
          action: group.action,
          rule_index: group.ruleIndex,
          suggested_severity: group.suggestedSeverity,
          subject: group.subject,
          is_current: 1,
          tracks_instances: group.tracksInstances ? 1 : 0,
          links: linksToJson(group.links),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return groupFromRow(row);
    },
    async updateGroup(id, patch) {
      const set = patchColumns(patch);
      if (Object.keys(set).length > 0) await db.updateTable('alert_groups').set(set).where('id', '=', id).execute();
    },
    async getGroup(id) {
      // Held until commit (PostgreSQL): counts are read, changed and written back; concurrent alerts take turns.
      const row = await lock(db.selectFrom('alert_groups').selectAll().where('id', '=', id)).executeTakeFirst();
      return row ? groupFromRow(row) : undefined;
    },
    async groupByThread(channelId, threadTs) {
      const row = await db.selectFrom('alert_groups').selectAll().where('channel_id', '=', channelId).where('thread_ts', '=', threadTs).executeTakeFirst();
      return row ? groupFromRow(row) : undefined;
    },
    async instanceGroupByMessage(channelId, messageTs) {
      const row = await db.selectFrom('alert_groups').selectAll().where('channel_id', '=', channelId).where('reply_ts', '=', messageTs).where('tracks_instances', '=', 1).executeTakeFirst();
      return row ? groupFromRow(row) : undefined;
    },
    async latestInstanceGroupIn(channelId) {
      // Slack's ts of one channel are the same width for centuries: their text order is their posting order.
      const row = await db
        .selectFrom('alert_groups')
        .selectAll()
        .where('channel_id', '=', channelId)
        .where('tracks_instances', '=', 1)
        .where('reply_ts', 'is not', null)
        .orderBy('reply_ts', 'desc')
        .executeTakeFirst();
      return row ? groupFromRow(row) : undefined;
    },
    async alertByMessage(channelId, messageTs) {
      const row = await db.selectFrom('alerts').selectAll().where('channel_id', '=', channelId).where('message_ts', '=', messageTs).executeTakeFirst();
      return row ? alertFromRow(row) : undefined;
    },
    async latestAlertIn(channelId) {
      const row = await db.selectFrom('alerts').selectAll().where('channel_id', '=', channelId).orderBy('id', 'desc').executeTakeFirst();
      return row ? alertFromRow(row) : undefined;
    },
    async alertsOfGroup(groupId, limit) {
      const rows = await db.selectFrom('alerts').selectAll().where('group_id', '=', groupId).orderBy('id').limit(limit).execute();
      return rows.map(alertFromRow);
    },
    async storedAlerts(last) {
      const rows = await db.selectFrom('alerts').selectAll().orderBy('id', 'desc').$if(last !== null, (q) => q.limit(last ?? 0)).execute();
      return rows.reverse().map(alertFromRow);
    },
    async linkIncidentToGroup(incidentNumber, groupId) {
      await db.updateTable('alert_groups').set({ incident_number: incidentNumber }).where('id', '=', groupId).execute();
      await db.updateTable('incidents').set({ alert_group_id: groupId }).where('number', '=', incidentNumber).execute();
    },
  };
}
