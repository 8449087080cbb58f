import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Dialect, type Migration } from 'kysely';
import pg from 'pg';
import { migrations } from '../../migrations/index.js';
import type { Database } from './schema.js';
import { SettingError } from '../config.js';
import { sqlitePathProblem } from './sqlite-path.js';
import { startCheckpointer, withStatementCache } from './sqlite-connection.js';
import { describePostgresUrl, type DatabaseTarget } from './database-url.js';
import { PostgresTextPlugin } from './dialect.js';
import { SQLITE_BUSY_TIMEOUT_MS } from './database-outage.js';
import { watchedDialect } from './watched-dialect.js';

export type Db = Kysely<Database>;

export type { DatabaseTarget };

export interface WatchOptions {
  /**
   * Told of every error of the database itself: a failed query, a lost connection (even one nobody was using), a
   * connection that could not be made. The availability watch decides which of them mean the database is away.
   */
  readonly failed?: (error: unknown) => void;
}

const watched = (dialect: Dialect, options: WatchOptions): Dialect => (options.failed ? watchedDialect(dialect, options.failed) : dialect);

/**
 * Opens the SQLite file (creating its folder) in WAL mode; `:memory:` serves tests. A path that cannot work is
 * refused before opening (some, under /proc, would hang), and a file SQLite cannot open is reported as the setting.
 * A write waits at most a second for another process's lock: better-sqlite3 waits on the event loop, and a longer
 * wait would hold every request (and /healthz) behind it; the write fails instead, and its request answers 5xx.
 */
export function openDatabase(path: string, options: WatchOptions = {}): Db {
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
    sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    // Reads the schema: a damaged file fails here rather than in the middle of a migration.
    sqlite.prepare('select count(*) from sqlite_master').get();
    const stopCheckpointer = path === ':memory:' ? () => undefined : startCheckpointer(sqlite, path);
    return new Kysely<Database>({ dialect: watched(new SqliteDialect({ database: withStatementCache(sqlite, stopCheckpointer) }), options) });
  } catch (error) {
    throw new SettingError('DATABASE_URL', `cannot open ${path} as an SQLite database: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export interface PostgresOptions extends WatchOptions {
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
 * take to notice. A connection the server ends (a restart, a failover) never takes the process down: every client
 * has an error listener for its whole life, checked out or idle (node-postgres emits 'error' on a client, and an
 * 'error' event nobody listens to ends the process; the pool listens only while a client is idle). The query in
 * flight on it fails, the pool drops the client when it is released, and the next query connects afresh.
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
  const failed = options.failed ?? (() => undefined);
  pool.on('connect', (client) => client.on('error', failed));
  pool.on('error', failed);
  return new Kysely<Database>({ dialect: watched(new PostgresDialect({ pool }), options), plugins: [new PostgresTextPlugin()] });
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
  if (target.kind === 'sqlite') return openDatabase(target.path, options);
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
