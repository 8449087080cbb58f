import type { Kysely } from 'kysely';
import { addIdColumn } from '../src/db/dialect.js';

/**
 * The inbox: every Events API event as Slack sent it, stored inside the HTTP request before the 200 (Slack does not
 * deliver again an event it got a 200 for). Processed afterwards, in order per key (the channel), claimed with a
 * lease like the outbox. `event_id` is unique: a re-delivery is dropped at the insert.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await addIdColumn(db, db.schema.createTable('inbox'))
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('inbox_lane').on('inbox').columns(['state', 'key', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('inbox').execute();
}
