import { sql, type Kysely } from 'kysely';

/**
 * What several replicas on one PostgreSQL need from the schema (SQLite gets the same tables; its one connection never
 * races): a counter for incident numbers, the database's own guarantee of one current alert group per fingerprint,
 * and leases on scheduled jobs like the outbox's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Incident numbers come from here (`update … set value = value + 1 returning value`): the row lock makes concurrent
  // declares take turns, and a rolled-back declare gives its number back.
  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into counters (name, value) select 'incident_number', coalesce(max(number), 0) from incidents`.execute(db);

  // The group new alerts of a fingerprint join while its window lasts. At most one per channel and fingerprint: a
  // second replica opening a group for the same fingerprint at the same moment fails on the index and runs again,
  // joining the group the first one made.
  await db.schema.alterTable('alert_groups').addColumn('is_current', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update alert_groups set is_current = 1 where id in (select max(id) from alert_groups group by channel_id, fingerprint)`.execute(db);
  await db.schema
    .createIndex('alert_groups_one_current')
    .on('alert_groups')
    .columns(['channel_id', 'fingerprint'])
    .unique()
    .where(sql.ref('is_current'), '=', 1)
    .execute();

  // A due job is claimed (state running, owner, lease expiry) before it runs: two replicas never run it twice, and the
  // job of a replica that died is taken over when its lease runs out.
  await db.schema.alterTable('scheduled_jobs').addColumn('lease_owner', 'text').execute();
  await db.schema.alterTable('scheduled_jobs').addColumn('lease_until', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('scheduled_jobs').dropColumn('lease_until').execute();
  await db.schema.alterTable('scheduled_jobs').dropColumn('lease_owner').execute();
  await db.schema.dropIndex('alert_groups_one_current').execute();
  await db.schema.alterTable('alert_groups').dropColumn('is_current').execute();
  await db.schema.dropTable('counters').execute();
}
