import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { HandoffMessage, HandoffPatch, NewHandoff, OncallRecords } from '../app/oncall-ports.js';
import type { Handoff } from '../domain/oncall/handoff.js';
import type { Override } from '../domain/oncall/rotation.js';
import { incidentFromRow } from './incident-rows.js';
import type { Database, HandoffsTable, OncallOverridesTable } from './schema.js';
import { groupFromRow } from './triage-records.js';
import { dialectOf, rowLock } from './dialect.js';

type Executor = Kysely<Database> | Transaction<Database>;

const date = (text: string | null): Date | null => (text === null ? null : new Date(text));
const iso = (d: Date | null | undefined): string | null => (d === null || d === undefined ? null : d.toISOString());

function handoffFromRow(row: Selectable<HandoffsTable>): Handoff {
  return {
    id: row.id,
    rotation: row.rotation,
    dueAt: new Date(row.due_at),
    trigger: row.trigger === 'manual' ? 'manual' : 'scheduled',
    shiftIndex: row.shift_index,
    outgoingId: row.outgoing_id,
    incomingId: row.incoming_id,
    late: row.late === 1,
    skipped: row.skipped === 1,
    notes: row.notes,
    notesBy: row.notes_by,
    remindedAt: date(row.reminded_at),
    postedAt: date(row.posted_at),
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: date(row.acknowledged_at),
    ackRemindedAt: date(row.ack_reminded_at),
    createdAt: new Date(row.created_at),
  };
}

function overrideFromRow(row: Selectable<OncallOverridesTable>): Override {
  return {
    id: row.id,
    rotation: row.rotation,
    userId: row.user_id,
    from: new Date(row.from_at),
    until: new Date(row.until_at),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
  };
}

function patchToRow(patch: HandoffPatch): Partial<Selectable<HandoffsTable>> {
  const row: Partial<Selectable<HandoffsTable>> = {};
  if (patch.shiftIndex !== undefined) row.shift_index = patch.shiftIndex;
  if (patch.outgoingId !== undefined) row.outgoing_id = patch.outgoingId;
  if (patch.incomingId !== undefined) row.incoming_id = patch.incomingId;
  if (patch.late !== undefined) row.late = patch.late ? 1 : 0;
  if (patch.skipped !== undefined) row.skipped = patch.skipped ? 1 : 0;
  if (patch.notes !== undefined) row.notes = patch.notes;
  if (patch.notesBy !== undefined) row.notes_by = patch.notesBy;
  if (patch.remindedAt !== undefined) row.reminded_at = iso(patch.remindedAt);
  if (patch.postedAt !== undefined) row.posted_at = iso(patch.postedAt);
  if (patch.acknowledgedBy !== undefined) row.acknowledged_by = patch.acknowledgedBy;
  if (patch.acknowledgedAt !== undefined) row.acknowledged_at = iso(patch.acknowledgedAt);
  if (patch.ackRemindedAt !== undefined) row.ack_reminded_at = iso(patch.ackRemindedAt);
  return row;
}

export function oncallRecords(db: Executor): OncallRecords {
  const lock = rowLock(db);
  return {
    async trackRotation(name, now) {
      await db.insertInto('rotations').values({ name, tracked_since: now.toISOString() }).onConflict((oc) => oc.column('name').doNothing()).execute();
      // Held until commit (PostgreSQL): a manual handoff and the scheduler's step of one rotation take turns.
      const row = await lock(db.selectFrom('rotations').select('tracked_since').where('name', '=', name)).executeTakeFirstOrThrow();
      return new Date(row.tracked_since);
    },
    async claimRotation(name, now) {
      await db.insertInto('rotations').values({ name, tracked_since: now.toISOString() }).onConflict((oc) => oc.column('name').doNothing()).execute();
      const query = db.selectFrom('rotations').select('tracked_since').where('name', '=', name);
      const row = await (dialectOf(db) === 'postgres' && db.isTransaction ? query.forUpdate().skipLocked() : query).executeTakeFirst();
      return row ? new Date(row.tracked_since) : null;
    },
    async latestHandoff(rotation) {
      const row = await db.selectFrom('handoffs').selectAll().where('rotation', '=', rotation).orderBy('due_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
      return row ? handoffFromRow(row) : undefined;
    },
    async lastPostedHandoff(rotation) {
      const row = await db
        .selectFrom('handoffs')
        .selectAll()
        .where('rotation', '=', rotation)
        .where('posted_at', 'is not', null)
        .orderBy('due_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row ? handoffFromRow(row) : undefined;
    },
    async shiftAnchor(rotation, at) {
      const row = await db
        .selectFrom('handoffs')
        .select(['due_at', 'shift_index'])
        .where('rotation', '=', rotation)
        .where('posted_at', 'is not', null)
        .where('due_at', '<=', at.toISOString())
        .orderBy('due_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row ? { at: new Date(row.due_at), shiftIndex: row.shift_index } : null;
    },
    async insertHandoff(handoff: NewHandoff, now) {
      const row = await db
        .insertInto('handoffs')
        .values({
          rotation: handoff.rotation,
          due_at: handoff.dueAt.toISOString(),
          trigger: handoff.trigger,
          shift_index: handoff.shiftIndex,
          outgoing_id: handoff.outgoingId,
          incoming_id: handoff.incomingId,
          late: handoff.late ? 1 : 0,
          skipped: 0,
          notes: handoff.notes,
          notes_by: handoff.notesBy,
          reminded_at: iso(handoff.remindedAt),
          posted_at: iso(handoff.postedAt),
          created_at: now.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return handoffFromRow(row);
    },
    async updateHandoff(id, patch) {
      const row = patchToRow(patch);
      if (Object.keys(row).length > 0) await db.updateTable('handoffs').set(row).where('id', '=', id).execute();
    },
    async getHandoff(id) {
      const row = await lock(db.selectFrom('handoffs').selectAll().where('id', '=', id)).executeTakeFirst();
      return row ? handoffFromRow(row) : undefined;
    },
    async handoffMessage(handoffId, part) {
      const row = await db.selectFrom('handoff_messages').selectAll().where('handoff_id', '=', handoffId).where('part', '=', part).executeTakeFirst();
      return row ? { channelId: row.channel_id, ts: row.ts, sendStartedAt: date(row.send_started_at) } : undefined;
    },
    async saveHandoffMessage(handoffId, part, message: Partial<HandoffMessage>) {
      const values = {
        ...(message.channelId !== undefined ? { channel_id: message.channelId } : {}),
        ...(message.ts !== undefined ? { ts: message.ts } : {}),
        ...(message.sendStartedAt !== undefined ? { send_started_at: iso(message.sendStartedAt) } : {}),
      };
      await db
        .insertInto('handoff_messages')
        .values({ handoff_id: handoffId, part, channel_id: null, ts: null, send_started_at: null, ...values })
        .onConflict((oc) => oc.columns(['handoff_id', 'part']).doUpdateSet(values))
        .execute();
    },
    async activeOverrides(rotation, now) {
      const rows = await db.selectFrom('oncall_overrides').selectAll().where('rotation', '=', rotation).where('until_at', '>', now.toISOString()).orderBy('from_at').execute();
      return rows.map(overrideFromRow);
    },
    async insertOverride(override) {
      const row = await db
        .insertInto('oncall_overrides')
        .values({
          rotation: override.rotation,
          user_id: override.userId,
          from_at: override.from.toISOString(),
          until_at: override.until.toISOString(),
          created_by: override.createdBy,
          created_at: override.createdAt.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return overrideFromRow(row);
    },
    async endOverride(id, at) {
      await db.updateTable('oncall_overrides').set({ until_at: at.toISOString() }).where('id', '=', id).where('until_at', '>', at.toISOString()).execute();
    },
    async incidentsTouchedBetween(from, to) {
      const [f, t] = [from.toISOString(), to.toISOString()];
      const rows = await db
        .selectFrom('incidents')
        .selectAll()
        .where((eb) => eb.or([eb.and([eb('declared_at', '>=', f), eb('declared_at', '<', t)]), eb.and([eb('resolved_at', '>=', f), eb('resolved_at', '<', t)])]))
        .orderBy('number')
        .execute();
      return rows.map(incidentFromRow);
    },
    async alertCountsBySeverity(from, to) {
      const [f, t] = [from.toISOString(), to.toISOString()];
      const messages = await db
        .selectFrom('alerts')
        .select(['severity', sql<number>`count(*)`.as('count')])
        // Alerts, not talk: only messages that joined a group, and not those deleted since.
        .where('group_id', 'is not', null)
        .where('deleted_at', 'is', null)
        .where('received_at', '>=', f)
        .where('received_at', '<', t)
        .groupBy('severity')
        .execute();
      // Alert instances a webhook reported, counted once each when first seen.
      const instances = await db
        .selectFrom('alert_instances')
        .select(['severity', sql<number>`count(*)`.as('count')])
        .where('first_seen_at', '>=', f)
        .where('first_seen_at', '<', t)
        .groupBy('severity')
        .execute();
      const counts = new Map<string | null, number>();
      for (const r of [...messages, ...instances]) counts.set(r.severity, (counts.get(r.severity) ?? 0) + Number(r.count));
      return [...counts].map(([severity, count]) => ({ severity, count }));
    },
    async unresolvedAlertGroups(limit) {
      const rows = await db
        .selectFrom('alert_groups')
        .selectAll()
        .where('status', '=', 'firing')
        .where('dismissed_by', 'is', null)
        .orderBy('last_seen_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(groupFromRow);
    },
    async alertGroupsFirstSeenBetween(from, to) {
      const rows = await db
        .selectFrom('alert_groups')
        .selectAll()
        .where('first_seen_at', '>=', from.toISOString())
        .where('first_seen_at', '<', to.toISOString())
        .execute();
      return rows.map(groupFromRow);
    },
  };
}
