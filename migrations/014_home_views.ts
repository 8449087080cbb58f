import type { Kysely } from 'kysely';

/**
 * One row per person whose App Home the bot keeps: when they last opened it, and what the bot last published there
 * (Slack's view id and hash, and a digest of the content). A change re-publishes only the Homes whose content changed;
 * a press on a Home is honoured only from the view id stored for the person pressing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('home_views')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('opened_at', 'text')
    .addColumn('view_id', 'text')
    .addColumn('slack_hash', 'text')
    .addColumn('content_hash', 'text')
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('home_views_view').on('home_views').column('view_id').execute();
  // "Your follow-ups" on every Home.
  await db.schema.createIndex('follow_ups_owner').on('follow_ups').columns(['owner_id', 'done']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('follow_ups_owner').execute();
  await db.schema.dropIndex('home_views_view').execute();
  await db.schema.dropTable('home_views').execute();
}
