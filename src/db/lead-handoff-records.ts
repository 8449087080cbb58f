import type { Kysely, Selectable, Transaction } from 'kysely';
import type { LeadHandoffRecords, SentLeadMessage } from '../app/lead-handoff-ports.js';
import { STATUSES } from '../domain/incident.js';
import { LEAD_HANDOFF_STATES, LEAD_MESSAGE_PARTS, type LeadHandoff } from '../domain/lead-handoff.js';
import type { Database, LeadHandoffMessagesTable, LeadHandoffsTable } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

const date = (text: string | null): Date | null => (text === null ? null : new Date(text));

function handoffFromRow(row: Selectable<LeadHandoffsTable>): LeadHandoff {
  const state = LEAD_HANDOFF_STATES.find((s) => s === row.state);
  if (!state) throw new Error(`stored lead handoff ${row.id} has unknown state ${row.state}`);
  return {
    id: row.id,
    incidentNumber: row.incident_number,
    fromId: row.from_id,
    toId: row.to_id,
    requestedBy: row.requested_by,
    requestedAt: new Date(row.requested_at),
    state,
    endedAt: date(row.ended_at),
    endedBy: row.ended_by,
    nextLeadId: row.next_lead_id,
    closedAs: STATUSES.find((s) => s === row.closed_as) ?? null,
    remindedAt: date(row.reminded_at),
  };
}

function messageFromRow(row: Selectable<LeadHandoffMessagesTable>): SentLeadMessage {
  const part = LEAD_MESSAGE_PARTS.find((p) => p === row.part);
  if (!part) throw new Error(`stored lead handoff message has unknown part ${row.part}`);
  return { handoffId: row.handoff_id, part, channelId: row.channel_id, ts: row.ts, postedAt: new Date(row.posted_at) };
}

export function leadHandoffRecords(db: Executor): LeadHandoffRecords {
  return {
    async insertLeadHandoff(h) {
      const row = await db
        .insertInto('lead_handoffs')
        .values({
          incident_number: h.incidentNumber,
          from_id: h.fromId,
          to_id: h.toId,
          requested_by: h.requestedBy,
          requested_at: h.requestedAt.toISOString(),
          state: 'pending',
          ended_at: null,
          ended_by: null,
          next_lead_id: null,
          closed_as: null,
          reminded_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return handoffFromRow(row);
    },
    async getLeadHandoff(id) {
      const row = await db.selectFrom('lead_handoffs').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? handoffFromRow(row) : undefined;
    },
    async pendingLeadHandoff(incidentNumber) {
      const row = await db
        .selectFrom('lead_handoffs')
        .selectAll()
        .where('incident_number', '=', incidentNumber)
        .where('state', '=', 'pending')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row ? handoffFromRow(row) : undefined;
    },
    async endLeadHandoff(id, end, at) {
      await db
        .updateTable('lead_handoffs')
        .set({ state: end.state, ended_at: at.toISOString(), ended_by: end.endedBy, next_lead_id: end.nextLeadId, closed_as: end.closedAs })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .execute();
    },
    async markLeadHandoffReminded(id, at) {
      await db.updateTable('lead_handoffs').set({ reminded_at: at.toISOString() }).where('id', '=', id).where('reminded_at', 'is', null).execute();
    },
    async leadMessage(handoffId, part) {
      const row = await db.selectFrom('lead_handoff_messages').selectAll().where('handoff_id', '=', handoffId).where('part', '=', part).executeTakeFirst();
      return row ? messageFromRow(row) : undefined;
    },
    async saveLeadMessage(m) {
      await db
        .insertInto('lead_handoff_messages')
        .values({ handoff_id: m.handoffId, part: m.part, channel_id: m.channelId, ts: m.ts, posted_at: m.postedAt.toISOString() })
        .onConflict((oc) => oc.columns(['handoff_id', 'part']).doNothing())
        .execute();
    },
  };
}
