import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * The connection as kysely sees it, keeping each prepared statement for reuse: kysely prepares every query it runs,
 * and preparing was the largest single cost of reading an alert storm. Queries come from a fixed set of shapes
 * (values are parameters), so the cache stays small; it is bounded anyway.
 */
export function withStatementCache(sqlite: SQLite.Database, onClose: () => void, limit = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close() {
      onClose();
      sqlite.close();
    },
    prepare(sql) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (cache.size >= limit) cache.delete(cache.keys().next().value ?? '');
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

// Runs in a worker thread for one checkpoint, on a connection of its own (an idle second connection left open slows
// the bot's writes; an idle worker costs 15 MB), then ends.
const CHECKPOINTER = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
try {
  db.pragma('busy_timeout = 1000');
  db.pragma('wal_checkpoint(PASSIVE)');
} catch {
} finally {
  db.close();
}
`;

let busyNow: () => boolean = () => false;

/** Tells checkpointers when the bot is busy acknowledging (an alert storm): they wait for a quiet second. */
export function checkpointWhenQuiet(busy: () => boolean): void {
  busyNow = busy;
}

export interface CheckpointOptions {
  readonly everyMs: number;
  readonly minChanges: number;
  readonly maxWalBytes: number;
}

/**
 * Copies the write-ahead log back into the database file from a worker thread, in a quiet second. SQLite does this
 * on its own at the commit that fills the log (1,000 pages), synchronously and with an fsync: during an alert storm
 * that stalled the event loop for up to a second every few hundred events, with every acknowledgement waiting
 * behind it; even from another thread, a checkpoint's writes and fsync slow the bot's own writes several-fold. So
 * the bot's connection never checkpoints (`wal_autocheckpoint = 0`): once a second, if it changed `minChanges` rows
 * since the last checkpoint and no events are arriving, a passive checkpoint runs next to it. A storm that goes on
 * and on is checkpointed anyway once the log passes `maxWalBytes`. Closing the connection checkpoints what is left.
 */
export class Checkpointer {
  private readonly changes: SQLite.Statement;
  private readonly driver = createRequire(import.meta.url).resolve('better-sqlite3');
  private checkpointedAt = 0;
  private running: Worker | null = null;

  constructor(
    sqlite: SQLite.Database,
    private readonly path: string,
    private readonly options: CheckpointOptions = { everyMs: 1_000, minChanges: 1_000, maxWalBytes: 256 * 1024 * 1024 },
  ) {
    sqlite.pragma('wal_autocheckpoint = 0');
    this.changes = sqlite.prepare('select total_changes() as n');
  }

  /** One look: starts a checkpoint in a worker when one is due; returns whether it started one. */
  look(): boolean {
    if (this.running) return false;
    const changed = (this.changes.get() as { n: number }).n;
    if (changed - this.checkpointedAt < this.options.minChanges) return false;
    const walBytes = statSync(`${this.path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    if (busyNow() && walBytes <= this.options.maxWalBytes) return false;
    this.checkpointedAt = changed;
    const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { driver: this.driver, path: this.path } });
    this.running = worker;
    worker.unref();
    worker.once('exit', () => (this.running = null));
    return true;
  }

  /** Looks every `everyMs`; returns the function that stops it (and a checkpoint under way). */
  start(): () => void {
    const timer = setInterval(() => this.look(), this.options.everyMs);
    timer.unref();
    return () => {
      clearInterval(timer);
      void this.running?.terminate();
    };
  }
}

/** A checkpointer looking once a second; returns the function that stops it. */
export function startCheckpointer(sqlite: SQLite.Database, path: string, options?: CheckpointOptions): () => void {
  return new Checkpointer(sqlite, path, options).start();
}
