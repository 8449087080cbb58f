import type { Kysely, Selectable, Transaction } from 'kysely';
import { z } from 'zod';
import type { AlertGroup, AlertGroupPatch, StoredAlert, TriageRecords } from '../app/ports.js';
import { ALERT_SOURCES, type AlertSource } from '../domain/triage/alert.js';
import type { AlertGroupsTable, AlertsTable, Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

const stringMap = z.record(z.string(), z.string());
const date = (text: string | null): Date | null => (text === null ? null : new Date(text));
const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
const asSource = (text: string): AlertSource => ALERT_SOURCES.find((s) => s === text) ?? 'generic';
const asStatus = (text: string) => (text === 'resolved' ? ('resolved' as const) : ('firing' as const));
const asAction = (text: string) => (text === 'declare' || text === 'ignore' ? text : ('suggest' as const));

export function groupFromRow(row: Selectable<AlertGroupsTable>): AlertGroup {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    fields: stringMap.catch({}).parse(JSON.parse(row.fingerprint_fields)),
    channelId: row.channel_id,
    threadTs: row.thread_ts,
    first: { source: asSource(row.source), name: row.name, severity: row.severity, service: row.service, summary: row.summary, link: row.link },
    counts: {
      status: asStatus(row.status),
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
    parsed: {
      source: asSource(row.source),
      status: asStatus(row.status),
      name: row.name,
      severity: row.severity,
      service: row.service,
      summary: row.summary,
      labels: stringMap.catch({}).parse(JSON.parse(row.labels)),
      count: row.count,
      countIsTotal: false,
      link: row.link,
    },
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
    muted_until: patch.mutedUntil === undefined ? undefined : iso(patch.mutedUntil),
    dismissed_by: patch.dismissedBy,
    incident_number: patch.incidentNumber,
    reply_ts: patch.replyTs,
    reply_written_at: patch.replyWrittenAt === undefined ? undefined : iso(patch.replyWrittenAt),
  };
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined));
}

export function triageRecords(db: Executor): TriageRecords {
  return {
    async insertAlert({ channelId, messageTs, receivedAt, raw, parsed }) {
      const result = await db
        .insertInto('alerts')
        .values({
          channel_id: channelId,
          message_ts: messageTs,
          received_at: receivedAt.toISOString(),
          raw,
          source: parsed.source,
          status: parsed.status,
          name: parsed.name,
          severity: parsed.severity,
          service: parsed.service,
          summary: parsed.summary,
          labels: JSON.stringify(parsed.labels),
          count: parsed.count,
          link: parsed.link,
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
    async insertGroup(group) {
      const c = group.counts;
      const row = await db
        .insertInto('alert_groups')
        .values({
          fingerprint: group.fingerprint,
          fingerprint_fields: JSON.stringify(group.fields),
          channel_id: group.channelId,
          thread_ts: group.threadTs,
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
      const row = await db.selectFrom('alert_groups').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? groupFromRow(row) : undefined;
    },
    async groupByThread(channelId, threadTs) {
      const row = await db.selectFrom('alert_groups').selectAll().where('channel_id', '=', channelId).where('thread_ts', '=', threadTs).executeTakeFirst();
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
