import type { Kysely } from 'kysely';
import { addIdColumn } from '../src/db/dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Alerts whose instances a tool identifies (Alertmanager's and Grafana's webhooks): one row per instance per
  // occurrence of its group, holding the instance's latest report. Firing again after its group resolved opens a new
  // group, and so a new row.
  await addIdColumn(db, db.schema.createTable('alert_instances'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('alert_groups.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    .addColumn('service', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('annotations', 'text', (c) => c.notNull())
    .addColumn('links', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text')
    .addColumn('ends_at', 'text')
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alert_instances_identity').on('alert_instances').columns(['channel_id', 'source', 'fingerprint', 'id']).execute();
  await db.schema.createIndex('alert_instances_of_group').on('alert_instances').columns(['group_id', 'fingerprint']).unique().execute();

  // A group of such instances counts instances; the tool may leave some out of a notification; the bot posts the
  // group's own message when no tool message started it (its thread_ts is then '', the column being NOT NULL since
  // migration 003); its first alert's links are kept for that message.
  await db.schema.alterTable('alert_groups').addColumn('tracks_instances', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('alert_groups').addColumn('truncated_alerts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('alert_groups').addColumn('links', 'text', (c) => c.notNull().defaultTo('[]')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['links', 'truncated_alerts', 'tracks_instances']) await db.schema.alterTable('alert_groups').dropColumn(column).execute();
  await db.schema.dropTable('alert_instances').execute();
}
