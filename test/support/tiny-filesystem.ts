import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small filesystem for one bot process, to fill up for real: the bot runs in a mount namespace of its own
 * (`unshare`, as root or as an ordinary user where user namespaces are allowed) with a tmpfs of `bytes` mounted on
 * `folder`. The test reaches that tmpfs through /proc/<pid>/root to fill it and free it again, so the disk is full for
 * the bot and for nothing else, and nothing is left mounted when the process ends.
 */
export class TinyFilesystem {
  readonly folder = mkdtempSync(join(tmpdir(), 'incident-bot-tiny-'));

  constructor(private readonly bytes: number) {}

  /** The command that starts the bot inside it (see spawnBot's launcher). */
  get launcher(): string[] {
    return ['unshare', '--mount', '--map-root-user', 'sh', '-c', `mount -t tmpfs -o size=${this.bytes} tmpfs "$0" && exec "$@"`, this.folder];
  }

  /** The folder as process `pid` sees it. */
  private inside(pid: number): string {
    return join(`/proc/${pid}/root`, this.folder);
  }

  /** Takes every byte left, as another program filling the disk would. */
  fill(pid: number): void {
    const fd = openSync(join(this.inside(pid), 'filler'), 'w');
    try {
      for (const size of [1 << 20, 1 << 12]) {
        const chunk = Buffer.alloc(size);
        for (;;) {
          try {
            writeSync(fd, chunk);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
            throw error;
          }
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Gives the space back. */
  free(pid: number): void {
    rmSync(join(this.inside(pid), 'filler'));
  }

  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}
