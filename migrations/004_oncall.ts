import type { Kysely } from 'kysely';
import { addIdColumn } from '../src/db/dialect.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  // When the bot first saw a rotation: handoffs before this were never its to post (no "late" replay on install).
  await db.schema
    .createTable('rotations')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('tracked_since', 'text', (c) => c.notNull())
    .execute();

  // One row per shift handoff, written before anything is sent; the *_at columns are run-once marks.
  await addIdColumn(db, db.schema.createTable('handoffs'))
    .addColumn('rotation', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('shift_index', 'integer', (c) => c.notNull())
    .addColumn('outgoing_id', 'text', (c) => c.notNull())
    .addColumn('incoming_id', 'text', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text')
    .addColumn('notes_by', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('posted_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('ack_reminded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('handoffs_once').on('handoffs').columns(['rotation', 'due_at', 'trigger']).unique().execute();

  // The Slack messages of a handoff (reminder DM, channel post, ack reminders): exactly-once bookkeeping.
  await db.schema
    .createTable('handoff_messages')
    .addColumn('handoff_id', 'integer', (c) => c.notNull().references('handoffs.id'))
    .addColumn('part', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('ts', 'text')
    .addColumn('send_started_at', 'text')
    .addPrimaryKeyConstraint('handoff_messages_pk', ['handoff_id', 'part'])
    .execute();

  await addIdColumn(db, db.schema.createTable('oncall_overrides'))
    .addColumn('rotation', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('from_at', 'text', (c) => c.notNull())
    .addColumn('until_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oncall_overrides_by_rotation').on('oncall_overrides').columns(['rotation', 'until_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oncall_overrides').execute();
  await db.schema.dropTable('handoff_messages').execute();
  await db.schema.dropTable('handoffs').execute();
  await db.schema.dropTable('rotations').execute();
}
