import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // What each message in an alert channel is (a tool's alert, a tool's notice, a person's message) and why; what it is
  // about (recoveries pair with open groups of the same subject); its latest edit and its deletion in Slack.
  await db.schema.alterTable('alerts').addColumn('kind', 'text', (c) => c.notNull().defaultTo('alert')).execute();
  await db.schema.alterTable('alerts').addColumn('subject', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('reason', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('alerts').addColumn('count_is_total', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('alerts').addColumn('revised_raw', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('revised_at', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('deleted_at', 'text').execute();

  // A group's subject (what its first alert is about) and the tool that acknowledged it, if a tool did.
  await db.schema.alterTable('alert_groups').addColumn('subject', 'text').execute();
  await db.schema.alterTable('alert_groups').addColumn('acknowledged_via', 'text').execute();
  await db.schema.createIndex('alert_groups_firing_subject').on('alert_groups').columns(['channel_id', 'status', 'source', 'subject']).execute();
  await db.schema.createIndex('alert_groups_firing_fingerprint').on('alert_groups').columns(['channel_id', 'status', 'fingerprint']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('alert_groups_firing_fingerprint').execute();
  await db.schema.dropIndex('alert_groups_firing_subject').execute();
  for (const column of ['acknowledged_via', 'subject']) await db.schema.alterTable('alert_groups').dropColumn(column).execute();
  for (const column of ['deleted_at', 'revised_at', 'revised_raw', 'count_is_total', 'reason', 'subject', 'kind']) {
    await db.schema.alterTable('alerts').dropColumn(column).execute();
  }
}
