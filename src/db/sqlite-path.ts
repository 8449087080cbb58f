import { accessSync, closeSync, constants, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** What the check needs to know about the file system; tests give their own. */
export interface FileFacts {
  /** 'missing' when nothing is there; symbolic links are followed. */
  kind(path: string): 'file' | 'folder' | 'other' | 'missing';
  size(path: string): number;
  realpath(path: string): string;
  canWrite(path: string): boolean;
  /** The first bytes of a file. */
  head(path: string, bytes: number): Buffer;
}

export const nodeFileFacts: FileFacts = {
  kind(path) {
    try {
      const stat = statSync(path);
      return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
    } catch {
      return 'missing';
    }
  },
  size: (path) => statSync(path).size,
  realpath: (path) => realpathSync(path),
  canWrite(path) {
    try {
      // A file must also be readable; a folder must be enterable to create a file in it.
      accessSync(path, constants.W_OK | (statSync(path).isDirectory() ? constants.X_OK : constants.R_OK));
      return true;
    } catch {
      return false;
    }
  },
  head(path, bytes) {
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
    } finally {
      closeSync(fd);
    }
  },
};

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Kernel file systems: their files are not storage, and some block forever when opened or read. */
const KERNEL_ROOTS = ['/proc', '/sys', '/dev'];
/** Shared memory under /dev is ordinary (throwaway) storage. */
const KERNEL_EXCEPTIONS = ['/dev/shm'];

const under = (path: string, root: string): boolean => path === root || path.startsWith(`${root}${sep}`);

function kernelRoot(path: string): string | null {
  if (KERNEL_EXCEPTIONS.some((root) => under(path, root))) return null;
  return KERNEL_ROOTS.find((root) => under(path, root)) ?? null;
}

/** The deepest part of `path` that exists, and what would have to be created below it. */
function nearestExisting(path: string, fs: FileFacts): { existing: string; missing: string[] } {
  const missing: string[] = [];
  let existing = path;
  while (fs.kind(existing) === 'missing' && dirname(existing) !== existing) {
    missing.unshift(basename(existing));
    existing = dirname(existing);
  }
  return { existing, missing };
}

/**
 * Why the SQLite file of `sqlite:<path>` cannot serve as the bot's database, decided from the path before anything
 * opens it, or null when it can: an existing SQLite (or empty) file, or a new one in a folder we may write.
 */
export function sqlitePathProblem(path: string, fs: FileFacts = nodeFileFacts): string | null {
  if (path.endsWith('/') || path.endsWith(sep)) return `${path} names a folder; name the database file, e.g. ${join(path, 'incident-bot.db')}`;
  const { existing, missing } = nearestExisting(resolve(path), fs);
  // Through symbolic links: a link into /proc is still /proc.
  const realExisting = fs.realpath(existing);
  const real = join(realExisting, ...missing);
  const kernel = kernelRoot(real);
  if (kernel !== null) return `${path} is under ${kernel}, a kernel file system, not storage; use a path such as ./data/incident-bot.db`;

  if (missing.length === 0) {
    const kind = fs.kind(real);
    if (kind === 'folder') return `${path} is a folder, not a database file; name a file in it, e.g. ${join(path, 'incident-bot.db')}`;
    if (kind !== 'file') return `${path} is not a regular file (a device, pipe or socket)`;
    if (!fs.canWrite(real)) return `${path} is not readable and writable by this process`;
    if (fs.size(real) > 0 && !fs.head(real, SQLITE_HEADER.length).equals(SQLITE_HEADER)) {
      return `${path} is not an SQLite database (the file holds something else); point it at an SQLite file or a new path`;
    }
    // SQLite keeps its write-ahead log next to the file.
    if (!fs.canWrite(dirname(real))) return `the folder of ${path} is not writable (SQLite keeps its journal next to the file)`;
    return null;
  }
  if (fs.kind(realExisting) !== 'folder') return `${path} is under ${existing}, which is a file, not a folder`;
  if (!fs.canWrite(realExisting)) return `cannot create ${path}: ${existing} is not writable by this process`;
  return null;
}
