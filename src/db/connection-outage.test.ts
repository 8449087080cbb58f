import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test/support/eventually.js';
import { freshPostgresDatabase, testPostgresUrl } from '../../test/support/postgres.js';
import { connectDatabase, openDatabase, type Db } from './connection.js';
import { isDatabaseAway } from './database-outage.js';

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

/** Ends the sessions of `application` in the given state, as a server restart (or an operator) does; returns how many. */
async function terminate(application: string, state: string): Promise<number> {
  const admin = new pg.Client({ connectionString: testPostgresUrl() });
  await admin.connect();
  try {
    const ended = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and state = $2', [application, state]);
    return ended.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe('a PostgreSQL connection the server ends', () => {
  async function open(): Promise<{ db: Db; application: string; failures: unknown[] }> {
    const application = `outage-${randomUUID().slice(0, 8)}`;
    const failures: unknown[] = [];
    db = await connectDatabase({ kind: 'postgres', url: await freshPostgresDatabase('outage') }, { applicationName: application, failed: (e) => failures.push(e) });
    return { db, application, failures };
  }

  it('in the middle of a query: the transaction fails as the database being away, and the next query connects afresh', async () => {
    const { db, application, failures } = await open();
    // Its failure is taken as it comes (a rejection left waiting would be reported as unhandled).
    const failed = db
      .transaction()
      .execute(async (trx) => {
        await sql`select pg_sleep(10)`.execute(trx);
      })
      .then(() => null, (e: unknown) => e);
    await eventually(async () => expect(await terminate(application, 'active')).toBe(1));
    const error = await failed;
    expect(isDatabaseAway(error)).toBe(true);
    expect(failures.some(isDatabaseAway)).toBe(true);
    expect((await sql<{ n: number }>`select 1 as n`.execute(db)).rows).toEqual([{ n: 1 }]);
  });

  it('while checked out between two queries (no listener would end the process): the next query fails, the pool recovers', async () => {
    const { db, application, failures } = await open();
    let carryOn: () => void = () => undefined;
    const paused = new Promise<void>((resolve) => (carryOn = resolve));
    const failed = db
      .transaction()
      .execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await paused;
        await sql`select 2`.execute(trx);
      })
      .then(() => null, (e: unknown) => e);
    await eventually(async () => expect(await terminate(application, 'idle in transaction')).toBe(1));
    // The client hears of it while checked out: that 'error' event used to be unhandled and end the process.
    await eventually(() => expect(failures.some(isDatabaseAway)).toBe(true));
    carryOn();
    const error = await failed;
    expect(isDatabaseAway(error)).toBe(true);
    expect((await sql<{ n: number }>`select 1 as n`.execute(db)).rows).toEqual([{ n: 1 }]);
  });
});

describe('an SQLite file that fills up', () => {
  it('reports the statement that failed (SQLITE_FULL), not the rollback SQLite already did', async () => {
    const failures: unknown[] = [];
    db = openDatabase(':memory:', { failed: (e) => failures.push(e) });
    await sql`create table blobs (data blob)`.execute(db);
    await sql`pragma max_page_count = 8`.execute(db);
    const error = await db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into blobs values (zeroblob(100000))`.execute(trx);
      })
      .then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'SQLITE_FULL' });
    expect(isDatabaseAway(error)).toBe(true);
    expect(failures).toContain(error);
  });
});
