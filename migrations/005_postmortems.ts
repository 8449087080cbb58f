import type { Kysely } from 'kysely';
import { addIdColumn } from '../src/db/dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Every version of every postmortem draft, and how far posting it to Slack got (one ts per message part).
  await addIdColumn(db, db.schema.createTable('postmortem_drafts'))
    .addColumn('incident_number', 'integer', (c) => c.notNull().references('incidents.number'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('posted_ts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('alert_link_ts', 'text')
    // Set just before a Slack post (`part:<n>` or `alert_link`): a retry first looks for a post a crash may have hidden.
    .addColumn('sending', 'text')
    .addColumn('posted_at', 'text')
    .execute();
  await db.schema.createIndex('postmortem_drafts_version').on('postmortem_drafts').columns(['incident_number', 'version']).unique().execute();

  // The thread a timeline event's message is a reply in (permalinks need it), and a send marker for messages the
  // bot posts for an event (notes, severity and status changes) so a crash mid-send does not post twice.
  await db.schema.alterTable('timeline_events').addColumn('message_thread_ts', 'text').execute();
  await db.schema.alterTable('timeline_events').addColumn('message_sending_at', 'text').execute();

  // Small facts about the workspace the bot learns at start, e.g. the team URL permalinks are built from.
  await db.schema
    .createTable('bot_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('bot_state').execute();
  await db.schema.alterTable('timeline_events').dropColumn('message_sending_at').execute();
  await db.schema.alterTable('timeline_events').dropColumn('message_thread_ts').execute();
  await db.schema.dropTable('postmortem_drafts').execute();
}
