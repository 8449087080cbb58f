import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration } from 'kysely';
import pg from 'pg';
import { migrations } from '../../migrations/index.js';
import type { Database } from './schema.js';
import { SettingError } from '../config.js';
import { sqlitePathProblem } from './sqlite-path.js';
import { startCheckpointer, withStatementCache } from './sqlite-connection.js';
import { describePostgresUrl, type DatabaseTarget } from './database-url.js';
import { PostgresTextPlugin } from './dialect.js';

export type Db = Kysely<Database>;

export type { DatabaseTarget };

/**
 * Opens the SQLite file (creating its folder) in WAL mode; `:memory:` serves tests. A path that cannot work is
 * refused before opening (some, under /proc, would hang), and a file SQLite cannot open is reported as the setting.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') {
    const problem = sqlitePathProblem(path);
    if (problem !== null) throw new SettingError('DATABASE_URL', problem);
  }
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Reads the schema: a damaged file fails here rather than in the middle of a migration.
    sqlite.prepare('select count(*) from sqlite_master').get();
    const stopCheckpointer = path === ':memory:' ? () => undefined : startCheckpointer(sqlite, path);
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, stopCheckpointer) }) });
  } catch (error) {
    throw new SettingError('DATABASE_URL', `cannot open ${path} as an SQLite database: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export interface PostgresOptions {
  /**
   * Connections per process. One by default: a replica then applies its own requests in the order they arrived, as on
   * SQLite (a pool lets back-to-back commands and alerts commit out of order). What replicas do side by side is kept
   * correct by row locks, the counter, the unique index and the claims; the store contract runs with larger pools.
   */
  readonly poolSize?: number;
  readonly applicationName?: string;
}

/**
 * A pool of connections to PostgreSQL. A session left idle inside a transaction (its host vanished without closing the
 * connection) is ended by the server after a minute, so the rows it locked do not stay locked for the hours TCP can
 * take to notice.
 */
export function openPostgres(url: string, options: PostgresOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 1,
    connectionTimeoutMillis: 10_000,
    idle_in_transaction_session_timeout: 60_000,
    keepAlive: true,
    application_name: options.applicationName ?? 'incident-bot',
  });
  // An idle pooled connection the server ends (a restart, a failover) must not take the process down.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new PostgresTextPlugin()] });
}

/** Why PostgreSQL could not be used, in words an operator acts on. */
function postgresProblem(url: string, error: unknown): string {
  const where = describePostgresUrl(url);
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const detail = typeof message === 'string' && message !== '' ? message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `cannot reach the PostgreSQL server at ${where}: connection refused (is it running and listening there?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot reach the PostgreSQL server at ${where}: the host name does not resolve`;
    case '28P01':
    case '28000':
      return `the PostgreSQL server at ${where} refused the login: ${detail}`;
    case '3D000':
      return `the PostgreSQL server at ${where} has no such database: ${detail}`;
    default:
      return `cannot use the PostgreSQL server at ${where}: ${detail}`;
  }
}

/**
 * Opens what `DATABASE_URL` names and makes sure it answers, so a server that cannot be reached is one line naming the
 * setting at start, not a failure at the first request.
 */
export async function connectDatabase(target: DatabaseTarget, options: PostgresOptions = {}): Promise<Db> {
  if (target.kind === 'sqlite') return openDatabase(target.path);
  const db = openPostgres(target.url, options);
  try {
    await sql`select 1`.execute(db);
    return db;
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new SettingError('DATABASE_URL', postgresProblem(target.url, error));
  }
}

/** Whether the database answers a trivial query within `timeoutMs` (the readiness probe). */
export async function databaseAnswers(db: Db, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([sql`select 1`.execute(db).then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The Migrator reports failure as a value; we make it loud. On PostgreSQL it runs under an advisory lock, so replicas
 * starting together take turns: the second waits for the first's migrations, then finds nothing left to do.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async (): Promise<Record<string, Migration>> => migrations },
    // Branches land numbered migrations independently (004 may arrive after 005 has run); none depends on another's order.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
