import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Every form the bot opens: its token travels in the view's private_metadata, and a submission is applied only to
  // what was stored here for that person (the incident, the alert group, the handoff), never to what it claims.
  await db.schema
    .createTable('issued_forms')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('incident_number', 'integer')
    .addColumn('alert_group_id', 'integer')
    .addColumn('handoff_id', 'integer')
    // Slack's id for the view, once views.open answered: a submission from another view is refused.
    .addColumn('view_id', 'text')
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .execute();

  // The DM briefing a proposed commander gets (its Acknowledge button is checked against it).
  await db.schema
    .createTable('lead_briefings')
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('ts', 'text', (c) => c.notNull())
    .addColumn('incident_number', 'integer', (c) => c.notNull().references('incidents.number'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lead_briefings_pk', ['channel_id', 'ts'])
    .execute();

  // A button press names the message it came from: these find the bot's message behind it.
  await db.schema.createIndex('prompts_message').on('prompts').columns(['channel_id', 'message_ts']).execute();
  await db.schema.createIndex('alert_groups_reply').on('alert_groups').columns(['channel_id', 'reply_ts']).execute();
  await db.schema.createIndex('handoff_messages_message').on('handoff_messages').columns(['channel_id', 'ts']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('handoff_messages_message').execute();
  await db.schema.dropIndex('alert_groups_reply').execute();
  await db.schema.dropIndex('prompts_message').execute();
  await db.schema.dropTable('lead_briefings').execute();
  await db.schema.dropTable('issued_forms').execute();
}
