import type { Kysely } from 'kysely';
import { addIdColumn } from '../src/db/dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Timed work, one row per job key (e.g. `mitigation_check:7`), re-armed in place: the row is the run-once record.
  await db.schema
    .createTable('scheduled_jobs')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('incident_number', 'integer')
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('runs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_run_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scheduled_jobs_due').on('scheduled_jobs').columns(['state', 'due_at']).execute();

  await addIdColumn(db, db.schema.createTable('prompts'))
    .addColumn('incident_number', 'integer', (c) => c.notNull().references('incidents.number'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text')
    .addColumn('channel_id', 'text')
    .addColumn('message_ts', 'text')
    .addColumn('send_started_at', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('prompts_by_incident').on('prompts').columns(['incident_number', 'kind', 'state']).execute();

  await db.schema.alterTable('incidents').addColumn('commander_active_at', 'text').execute();
  await db.schema.alterTable('incidents').addColumn('pending_lead_id', 'text').execute();
  await db.schema.alterTable('incidents').addColumn('pending_lead_by', 'text').execute();
  await db.schema.alterTable('incidents').addColumn('pending_lead_since', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['commander_active_at', 'pending_lead_id', 'pending_lead_by', 'pending_lead_since']) {
    await db.schema.alterTable('incidents').dropColumn(column).execute();
  }
  await db.schema.dropTable('prompts').execute();
  await db.schema.dropTable('scheduled_jobs').execute();
}
