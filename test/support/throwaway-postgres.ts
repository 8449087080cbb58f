import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/**
 * A PostgreSQL server for one test or benchmark run: Debian's `postgresql` binaries, its own data directory in a
 * temporary folder and a free port on loopback, trust authentication, gone when stopped. Throws (never skips) when it
 * cannot start, with the server's own log.
 */
export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: a superuser, so tests can create a database each. */
  readonly url: string;
  readonly folder: string;
  stop(): void;
}

function binaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql: install Debian's package (apt-get install -y postgresql)");
  return join(root, newest, 'bin');
}

/** initdb refuses to run as root: as root the server runs as Debian's `postgres` user. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

export interface ThrowawayOptions {
  /** Keep PostgreSQL's durability settings (fsync, synchronous commit): for benchmarks. Tests turn them off for speed. */
  readonly durable?: boolean;
}

export async function startThrowawayPostgres(options: ThrowawayOptions = {}): Promise<ThrowawayPostgres> {
  const bin = binaries();
  const folder = mkdtempSync(join(tmpdir(), 'incident-bot-pg-'));
  const data = join(folder, 'data');
  const user = runAs();
  if (user) chownSync(folder, user.uid, user.gid);
  const run = (command: string, args: string[]): void => {
    const result = spawnSync(join(bin, command), args, { ...(user ?? {}), encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) {
      const log = existsSync(join(folder, 'server.log')) ? readFileSync(join(folder, 'server.log'), 'utf8') : '';
      throw new Error(`${command} failed (${result.status ?? result.signal}): ${result.stderr}${result.stdout}${log}`);
    }
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-locale', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${folder}`,
    '-c max_connections=300',
    ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  const stop = (): void => stopThrowawayPostgres(folder);
  try {
    run('pg_ctl', ['-D', data, '-l', join(folder, 'server.log'), '-w', '-t', '60', '-o', settings, 'start']);
  } catch (error) {
    stop();
    throw error;
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, folder, stop };
}

/** Stops the server started in `folder` (at once: its data is thrown away) and removes the folder. */
export function stopThrowawayPostgres(folder: string): void {
  spawnSync(join(binaries(), 'pg_ctl'), ['-D', join(folder, 'data'), '-m', 'immediate', '-w', 'stop'], { ...(runAs() ?? {}), timeout: 30_000 });
  rmSync(folder, { recursive: true, force: true });
}
