import type { Kysely, Selectable, Transaction } from 'kysely';
import { z } from 'zod';
import type { AlertInstance, AlertInstanceRecords } from '../app/alert-instance-ports.js';
import { instanceStatus } from '../domain/alerts/instances.js';
import { ALERT_STATUSES } from '../domain/triage/alert.js';
import { linksFromJson, linksToJson } from './alert-links.js';
import type { AlertInstancesTable, Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

const stringMap = z.record(z.string(), z.string());
const map = (text: string): Record<string, string> => {
  try {
    return stringMap.catch({}).parse(JSON.parse(text));
  } catch {
    return {};
  }
};
const date = (text: string | null): Date | null => (text === null ? null : new Date(text));

function instanceFromRow(row: Selectable<AlertInstancesTable>): AlertInstance {
  const status = row.status === 'resolved' ? 'resolved' : 'firing';
  return {
    id: row.id,
    groupId: row.group_id,
    channelId: row.channel_id,
    status,
    firstSeenAt: new Date(row.first_seen_at),
    lastSeenAt: new Date(row.last_seen_at),
    alert: {
      source: row.source,
      kind: 'alert',
      status: ALERT_STATUSES.find((s) => s === row.status) ?? 'firing',
      name: row.name,
      severity: row.severity,
      service: row.service,
      subject: null,
      summary: row.summary,
      labels: map(row.labels),
      annotations: map(row.annotations),
      fingerprint: row.fingerprint,
      startsAt: date(row.starts_at),
      endsAt: date(row.ends_at),
      links: linksFromJson(row.links),
      count: 1,
      countIsTotal: false,
      reason: row.reason,
    },
  };
}

/** The columns a report replaces: the instance as its latest notification describes it. */
function reportColumns(alert: AlertInstance['alert'], at: Date) {
  return {
    status: instanceStatus(alert),
    name: alert.name,
    severity: alert.severity,
    service: alert.service,
    summary: alert.summary,
    labels: JSON.stringify(alert.labels),
    annotations: JSON.stringify(alert.annotations),
    links: linksToJson(alert.links),
    reason: alert.reason,
    starts_at: alert.startsAt?.toISOString() ?? null,
    ends_at: alert.endsAt?.toISOString() ?? null,
    last_seen_at: at.toISOString(),
  };
}

/** Identified alert instances (webhooks): one row per instance per occurrence of its group. */
export function alertInstanceRecords(db: Executor): AlertInstanceRecords {
  return {
    async latestInstances(channelId, source, fingerprints) {
      if (fingerprints.length === 0) return [];
      const rows = await db
        .selectFrom('alert_instances')
        .selectAll()
        .where('channel_id', '=', channelId)
        .where('source', '=', source)
        .where('fingerprint', 'in', [...new Set(fingerprints)])
        .orderBy('id', 'desc')
        .execute();
      // Newest first: the first row of each fingerprint is its latest occurrence.
      const newest = new Map<string, (typeof rows)[number]>();
      for (const row of rows) if (!newest.has(row.fingerprint)) newest.set(row.fingerprint, row);
      return [...newest.values()].map(instanceFromRow);
    },
    async insertInstance({ groupId, channelId, alert, at }) {
      const row = await db
        .insertInto('alert_instances')
        .values({ group_id: groupId, channel_id: channelId, source: alert.source, fingerprint: alert.fingerprint, first_seen_at: at.toISOString(), ...reportColumns(alert, at) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async updateInstance(id, { alert, at }) {
      await db.updateTable('alert_instances').set(reportColumns(alert, at)).where('id', '=', id).execute();
    },
    async instancesOfGroup(groupId, limit) {
      const rows = await db.selectFrom('alert_instances').selectAll().where('group_id', '=', groupId).orderBy('id').limit(limit).execute();
      return rows.map(instanceFromRow);
    },
  };
}
