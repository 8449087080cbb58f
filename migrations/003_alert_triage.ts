import type { Kysely } from 'kysely';
import { addIdColumn } from '../src/db/dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A problem seen in an alert channel: one triage thread per group, grouped by fingerprint within a window.
  await addIdColumn(db, db.schema.createTable('alert_groups'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('fingerprint_fields', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('thread_ts', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    .addColumn('service', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('firing', 'integer', (c) => c.notNull())
    .addColumn('alert_count', 'integer', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('rule_index', 'integer')
    .addColumn('suggested_severity', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('muted_until', 'text')
    .addColumn('dismissed_by', 'text')
    .addColumn('incident_number', 'integer')
    .addColumn('reply_ts', 'text')
    .addColumn('reply_written_at', 'text')
    .execute();
  await db.schema.createIndex('alert_groups_open').on('alert_groups').columns(['fingerprint', 'channel_id', 'last_seen_at']).execute();

  // Every alert message, stored before anything else happens, with its raw payload.
  await addIdColumn(db, db.schema.createTable('alerts'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('message_ts', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    .addColumn('service', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('group_id', 'integer', (c) => c.references('alert_groups.id'))
    .execute();
  await db.schema.createIndex('alerts_message').on('alerts').columns(['channel_id', 'message_ts']).unique().execute();
  await db.schema.createIndex('alerts_group').on('alerts').column('group_id').execute();

  await db.schema.alterTable('incidents').addColumn('alert_group_id', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('incidents').dropColumn('alert_group_id').execute();
  await db.schema.dropTable('alerts').execute();
  await db.schema.dropTable('alert_groups').execute();
}
