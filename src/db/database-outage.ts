import { sql } from 'kysely';
import type { Db } from './connection.js';
import { dialectOf } from './dialect.js';

/** Errors of the connection itself (Node's socket codes): the server is gone, unreachable or went away mid-query. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs that say the server cannot serve this connection now (class 08 is matched as a whole):
 * https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
const POSTGRES_CODES = new Set([
  '57P01', // admin_shutdown: pg_ctl stop/restart -m fast, or the backend was terminated
  '57P02', // crash_shutdown: another backend crashed and the server is resetting
  '57P03', // cannot_connect_now: the server is starting up or shutting down
  '53300', // too_many_connections
  '25006', // read_only_sql_transaction: connected to a standby (a failover not yet followed)
]);

/** node-postgres and pg-pool report a lost or unobtainable connection as plain errors with these messages. */
const PG_CONNECTION_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
];

/**
 * SQLite result codes for a file that cannot be written now: another process holds the lock, the disk is full or
 * failing, the file became read-only (https://www.sqlite.org/rescode.html). Extended codes share the prefix.
 */
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|PROTOCOL)(_|$)/;

/**
 * Whether a query failed because the database is away (as opposed to a constraint, a conflict to retry, or a bug):
 * such a failure is the outage's, and the work in flight is handed back when the database returns.
 */
export function isDatabaseAway(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code) || POSTGRES_CODES.has(code) || code.startsWith('08') || SQLITE_CODES.test(code)) return true;
  }
  return typeof message === 'string' && PG_CONNECTION_MESSAGES.some((m) => message.startsWith(m));
}

/** How long a write waits for another process's lock on the SQLite file (it blocks the event loop meanwhile). */
export const SQLITE_BUSY_TIMEOUT_MS = 1_000;

/**
 * The write the availability watch tries while the database is away: one row of `bot_state`, so it succeeds only when
 * the bot could write its record again (a PostgreSQL standby answers reads; a full SQLite disk still reads). On SQLite
 * it does not wait for a lock: a probe must not stall the event loop.
 */
export async function probeDatabase(db: Db): Promise<void> {
  const write = (executor: Db) =>
    executor
      .insertInto('bot_state')
      .values({ key: 'database_probe', value: 'answers', updated_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ updated_at: new Date().toISOString() }))
      .execute();
  if (dialectOf(db) === 'postgres') {
    await write(db);
    return;
  }
  await db.connection().execute(async (connection) => {
    await sql`pragma busy_timeout = 0`.execute(connection);
    try {
      await write(connection);
    } finally {
      await sql.raw(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`).execute(connection);
    }
  });
}
