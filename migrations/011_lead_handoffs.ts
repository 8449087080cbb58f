import type { Generated, Kysely } from 'kysely';
import { addIdColumn } from '../src/db/dialect.js';

interface OldTables {
  incidents: { number: number; commander_id: string | null; pending_lead_id: string | null; pending_lead_by: string | null; pending_lead_since: string | null };
  lead_briefings: { channel_id: string; ts: string; incident_number: number; user_id: string; posted_at: string };
  lead_handoffs: {
    id: Generated<number>;
    incident_number: number;
    from_id: string;
    to_id: string;
    requested_by: string;
    requested_at: string;
    state: string;
  };
  lead_handoff_messages: { handoff_id: number; part: string; channel_id: string; ts: string; posted_at: string };
}

/**
 * Lead handoffs get a record of their own (who asked whom, and how it ended) and their DMs (briefing, reminder,
 * notice) a table that names each message by handoff and part, so every one is re-rendered from the record when the
 * handoff ends and a press is honoured only on a message of the bot's. A handoff pending at upgrade is carried over
 * with its briefing; `lead_briefings` (migration 009) is no longer written or read, and is left for a later
 * migration to drop (migrations may run in any order, so none removes what another might touch).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await addIdColumn(db, db.schema.createTable('lead_handoffs'))
    .addColumn('incident_number', 'integer', (c) => c.notNull().references('incidents.number'))
    .addColumn('from_id', 'text', (c) => c.notNull())
    .addColumn('to_id', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    // pending, acknowledged, declined, replaced, withdrawn
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('ended_by', 'text')
    .addColumn('next_lead_id', 'text')
    .addColumn('closed_as', 'text')
    .addColumn('reminded_at', 'text')
    .execute();
  await db.schema.createIndex('lead_handoffs_incident').on('lead_handoffs').columns(['incident_number', 'state']).execute();

  await db.schema
    .createTable('lead_handoff_messages')
    .addColumn('handoff_id', 'integer', (c) => c.notNull().references('lead_handoffs.id'))
    .addColumn('part', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('ts', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lead_handoff_messages_pk', ['handoff_id', 'part'])
    .execute();
  await db.schema.createIndex('lead_handoff_messages_message').on('lead_handoff_messages').columns(['channel_id', 'ts']).execute();

  const old = db as unknown as Kysely<OldTables>;
  const pending = await old.selectFrom('incidents').selectAll().where('pending_lead_id', 'is not', null).where('commander_id', 'is not', null).execute();
  for (const incident of pending) {
    if (incident.pending_lead_id === null || incident.commander_id === null) continue;
    const handoff = await old
      .insertInto('lead_handoffs')
      .values({
        incident_number: incident.number,
        from_id: incident.commander_id,
        to_id: incident.pending_lead_id,
        requested_by: incident.pending_lead_by ?? incident.commander_id,
        requested_at: incident.pending_lead_since ?? new Date().toISOString(),
        state: 'pending',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const briefing = await old
      .selectFrom('lead_briefings')
      .selectAll()
      .where('incident_number', '=', incident.number)
      .where('user_id', '=', incident.pending_lead_id)
      .orderBy('posted_at', 'desc')
      .executeTakeFirst();
    if (briefing) {
      await old
        .insertInto('lead_handoff_messages')
        .values({ handoff_id: handoff.id, part: 'briefing', channel_id: briefing.channel_id, ts: briefing.ts, posted_at: briefing.posted_at })
        .execute();
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('lead_handoff_messages_message').execute();
  await db.schema.dropTable('lead_handoff_messages').execute();
  await db.schema.dropIndex('lead_handoffs_incident').execute();
  await db.schema.dropTable('lead_handoffs').execute();
}
