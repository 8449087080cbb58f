import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connectDatabase, migrateToLatest, openDatabase, type Db } from '../../src/db/connection.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test run's PostgreSQL server (a superuser URL), started by test/support/postgres-global-setup.ts or .ci/run. */
    postgresUrl: string;
  }
}

/** The run's PostgreSQL server URL; a test that needs it fails (never skips) when there is none. */
export function testPostgresUrl(): string {
  const url = inject('postgresUrl');
  if (!url) throw new Error('no PostgreSQL server for this run: the global setup should have started one');
  return url;
}

/**
 * A new database on the run's server, so suites running side by side never see each other's rows: empty, or a copy of
 * `template` (a database nobody is connected to).
 */
export async function freshPostgresDatabase(label = 'test', template?: string): Promise<string> {
  const server = testPostgresUrl();
  const name = `${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(`create database ${name}${template === undefined ? '' : ` template ${template}`}`);
  } finally {
    await client.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Which database the use-case and end-to-end suites use in this vitest project (vitest.config.ts runs them on both). */
export const e2eDatabase = (): 'sqlite' | 'postgres' => (process.env.TEST_DATABASE_KIND === 'postgres' ? 'postgres' : 'sqlite');

/**
 * The name of a database this test file migrated once and then left alone, to copy for each test: PostgreSQL copies it
 * in a third of the time the migrations take to run again, and a suite opens one for each of its tests.
 */
let migratedTemplate: Promise<string> | undefined;
function migratedPostgresTemplate(): Promise<string> {
  migratedTemplate ??= (async () => {
    const url = await freshPostgresDatabase('migrated_template');
    const db = await connectDatabase({ kind: 'postgres', url });
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
    return new URL(url).pathname.slice(1);
  })();
  return migratedTemplate;
}

/**
 * A migrated, empty record of the given kind: SQLite in memory (migrated each time), or a fresh database on the run's
 * PostgreSQL server (a copy of one this file migrated).
 */
export async function openTestDatabase(kind: 'sqlite' | 'postgres' = e2eDatabase()): Promise<Db> {
  if (kind === 'postgres') return connectDatabase({ kind: 'postgres', url: await freshPostgresDatabase('test', await migratedPostgresTemplate()) });
  const db = openDatabase(':memory:');
  await migrateToLatest(db);
  return db;
}
