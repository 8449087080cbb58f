import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration } from 'kysely';
import { migrations } from '../../migrations/index.js';
import type { Database } from './schema.js';
import { SettingError } from '../config.js';
import { sqlitePathProblem } from './sqlite-path.js';
import { startCheckpointer, withStatementCache } from './sqlite-connection.js';

export type Db = Kysely<Database>;

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

/** The Migrator reports failure as a value; we make it loud. */
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
