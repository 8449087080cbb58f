import type { Kysely } from 'kysely';
import { addIdColumn } from '../src/db/dialect.js';

// Timestamps are ISO-8601 text and booleans 0/1 integers: both read the same on SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incidents')
    .addColumn('number', 'integer', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('impact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('severity', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('commander_id', 'text')
    .addColumn('declared_by', 'text', (c) => c.notNull())
    .addColumn('responders', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('is_private', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('channel_id', 'text', (c) => c.unique())
    .addColumn('channel_name', 'text')
    .addColumn('card_ts', 'text')
    .addColumn('announce_channel_id', 'text')
    .addColumn('announce_ts', 'text')
    .addColumn('topic', 'text')
    .addColumn('invited', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('impact_started_at', 'text')
    .addColumn('detected_at', 'text')
    .addColumn('declared_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('mitigated_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('last_update_text', 'text')
    .addColumn('last_update_at', 'text')
    .addColumn('last_update_by', 'text')
    .addColumn('resolution_summary', 'text')
    .addColumn('cause', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incidents_status').on('incidents').column('status').execute();

  await addIdColumn(db, db.schema.createTable('timeline_events'))
    .addColumn('incident_number', 'integer', (c) => c.notNull().references('incidents.number'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('message_channel_id', 'text')
    .addColumn('message_ts', 'text')
    .addColumn('source_key', 'text')
    .execute();
  await db.schema.createIndex('timeline_by_incident').on('timeline_events').columns(['incident_number', 'occurred_at']).execute();
  await db.schema
    .createIndex('timeline_source_key')
    .on('timeline_events')
    .columns(['incident_number', 'source_key'])
    .unique()
    .execute();

  await addIdColumn(db, db.schema.createTable('follow_ups'))
    .addColumn('incident_number', 'integer', (c) => c.notNull().references('incidents.number'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('processed_events')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('processed_at', 'text', (c) => c.notNull())
    .execute();

  // Slack side effects, written in the same transaction as the change that needs them and delivered after commit.
  await addIdColumn(db, db.schema.createTable('outbox'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('incident_number', 'integer')
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['done_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['outbox', 'processed_events', 'follow_ups', 'timeline_events', 'incidents']) {
    await db.schema.dropTable(table).execute();
  }
}
