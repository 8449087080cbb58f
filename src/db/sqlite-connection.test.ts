import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Checkpointer, checkpointWhenQuiet } from './sqlite-connection.js';

// In WAL mode new rows live in the -wal file until a checkpoint copies them into the database file; the file's
// size is how an operator sees whether that happened.
const fileSize = (path: string): number => statSync(path).size;

function writeRows(sqlite: SQLite.Database, count: number): void {
  const insert = sqlite.prepare('insert into events (body) values (?)');
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) insert.run('x'.repeat(200));
  })();
}

describe('the WAL checkpointer', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    cleanups.splice(0).forEach((cleanup) => cleanup());
    checkpointWhenQuiet(() => false);
  });

  // The tests look themselves (as the once-a-second timer would), so no test waits for time to pass.
  function open(options: { minChanges: number; maxWalBytes: number }): { sqlite: SQLite.Database; path: string; checkpointer: Checkpointer } {
    const path = join(mkdtempSync(join(tmpdir(), 'checkpoint-')), 'bot.sqlite');
    const sqlite = new SQLite(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('create table events (id integer primary key, body text)');
    const checkpointer = new Checkpointer(sqlite, path, { everyMs: 1_000, ...options });
    cleanups.push(() => sqlite.close());
    return { sqlite, path, checkpointer };
  }

  const copiedIntoFile = (path: string, before: number) =>
    vi.waitFor(() => expect(fileSize(path)).toBeGreaterThan(before + 200_000), { timeout: 10_000, interval: 50 });

  it('copies the log into the database file once enough has changed and nothing is arriving', async () => {
    const { sqlite, path, checkpointer } = open({ minChanges: 1_000, maxWalBytes: 256 * 1024 * 1024 });
    const before = fileSize(path);
    writeRows(sqlite, 2_000);
    expect(fileSize(path)).toBe(before);
    expect(checkpointer.look()).toBe(true);
    await copiedIntoFile(path, before);
  });

  it('waits while events are arriving, unless the log has grown past its limit', async () => {
    let busy = true;
    checkpointWhenQuiet(() => busy);
    const { sqlite, path, checkpointer } = open({ minChanges: 1_000, maxWalBytes: 256 * 1024 * 1024 });
    const before = fileSize(path);
    writeRows(sqlite, 2_000);
    // Several looks while busy: none starts a checkpoint, and the file stays as it was.
    for (let i = 0; i < 5; i++) expect(checkpointer.look()).toBe(false);
    expect(fileSize(path)).toBe(before);
    busy = false;
    expect(checkpointer.look()).toBe(true);
    await copiedIntoFile(path, before);
  });

  it('checkpoints a storm that never pauses once the log passes its limit', async () => {
    checkpointWhenQuiet(() => true);
    const { sqlite, path, checkpointer } = open({ minChanges: 1_000, maxWalBytes: 100_000 });
    const before = fileSize(path);
    writeRows(sqlite, 2_000);
    expect(checkpointer.look()).toBe(true);
    await copiedIntoFile(path, before);
  });

  it('leaves a quiet bot alone: fewer changes than the threshold are not checkpointed', async () => {
    const { sqlite, path, checkpointer } = open({ minChanges: 1_000, maxWalBytes: 256 * 1024 * 1024 });
    const before = fileSize(path);
    writeRows(sqlite, 100);
    for (let i = 0; i < 5; i++) expect(checkpointer.look()).toBe(false);
    expect(fileSize(path)).toBe(before);
  });
});
