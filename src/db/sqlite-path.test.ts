import { describe, expect, it } from 'vitest';
import { sqlitePathProblem, type FileFacts } from './sqlite-path.js';

/** A file system described by a table, so permission cases run the same as root and as a user. */
function facts(entries: Record<string, { kind: 'file' | 'folder' | 'other'; writable?: boolean; head?: string }>): FileFacts {
  const entry = (path: string) => entries[path];
  return {
    kind: (path) => entry(path)?.kind ?? 'missing',
    size: (path) => (entry(path)?.head ?? '').length,
    realpath: (path) => path,
    canWrite: (path) => entry(path)?.writable ?? true,
    head: (path, bytes) => Buffer.from((entry(path)?.head ?? '').slice(0, bytes), 'latin1'),
  };
}

const disk = facts({
  '/': { kind: 'folder', writable: false },
  '/srv': { kind: 'folder', writable: false },
  '/srv/bot': { kind: 'folder' },
  '/srv/bot/bot.db': { kind: 'file', head: 'SQLite format 3\0…' },
  '/srv/bot/empty.db': { kind: 'file' },
  '/srv/bot/locked.db': { kind: 'file', writable: false, head: 'SQLite format 3\0…' },
  '/srv/readonly': { kind: 'folder', writable: false },
  '/srv/readonly/bot.db': { kind: 'file', head: 'SQLite format 3\0…' },
});

describe('which sqlite: paths can hold the database', () => {
  it.each([
    ['an SQLite file', '/srv/bot/bot.db'],
    ['an empty file (SQLite starts it)', '/srv/bot/empty.db'],
    ['a new file in a writable folder', '/srv/bot/new.db'],
    ['a new file in new folders under a writable one', '/srv/bot/a/b/new.db'],
    ['shared memory', '/dev/shm/bot.db'],
  ])('accepts %s', (_name, path) => {
    expect(sqlitePathProblem(path, path.startsWith('/dev/shm') ? facts({ '/': { kind: 'folder' }, '/dev': { kind: 'folder' }, '/dev/shm': { kind: 'folder' } }) : disk)).toBeNull();
  });

  it.each([
    ['a file nobody may write', '/srv/bot/locked.db', 'is not readable and writable by this process'],
    ['a file in a folder nobody may write (the journal goes next to it)', '/srv/readonly/bot.db', 'the folder of /srv/readonly/bot.db is not writable'],
    ['a new file in a folder nobody may write', '/srv/new.db', 'cannot create /srv/new.db: /srv is not writable'],
    ['a path under /sys', '/sys/kernel/bot.db', 'is under /sys, a kernel file system'],
  ])('refuses %s', (_name, path, problem) => {
    expect(sqlitePathProblem(path, disk)).toContain(problem);
  });
});
