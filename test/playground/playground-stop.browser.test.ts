/**
 * Stopping `npm run playground` the way a process manager, a container or a test harness does: SIGTERM to what it
 * started, npm itself. npm passes the signal to its `sh -c` child only; the playground must still stop, free its port
 * and delete its temporary record, and an open page must say it lost the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHROMIUM, openBrowser, type OpenBrowser } from './browser.js';
import { PlaygroundPage } from './page-driver.js';

const ROOT = join(import.meta.dirname, '..', '..');

let npm: ChildProcess | null = null;
let browser: OpenBrowser | null = null;

afterEach(async () => {
  await browser?.close();
  // Whatever is left of the process group this test started (npm, its shell, the playground).
  if (npm?.pid !== undefined) {
    try {
      process.kill(-npm.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  npm = null;
});

/** Reads the child's stdout until `pattern` matches a line; its first group. */
function lineMatching(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output so far:\n${seen}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const found = pattern.exec(seen);
      if (found?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
  });
}

const portAnswers = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** True when no process of the group is left. */
function groupGone(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return false;
  } catch {
    return true;
  }
}

describe('npm run playground, stopped with SIGTERM to npm', () => {
  it('frees its port within 5 s, deletes its temporary record, and the open page shows it is disconnected', async () => {
    expect(existsSync(CHROMIUM)).toBe(true);
    // Its own process group, so that the test can clean up after a failure without touching anything else.
    npm = spawn('npm', ['run', 'playground', '--', '--port', '0', '--log-level', 'silent'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = npm.pid;
    if (pid === undefined) throw new Error('npm did not start');
    const [url, record] = await Promise.all([lineMatching(npm, /playground: (http:\/\/\S+)/, 60_000), lineMatching(npm, /record: (\S+) \(temporary/, 60_000)]);
    const port = Number(new URL(url).port);
    expect(await portAnswers(port)).toBe(true);
    expect(existsSync(record)).toBe(true);

    browser = await openBrowser();
    const p = new PlaygroundPage(browser.page);
    await p.open(url);
    expect(await p.page.getByTestId('disconnected').isVisible()).toBe(false);

    const sentAt = Date.now();
    process.kill(pid, 'SIGTERM');
    await expect.poll(() => portAnswers(port), { timeout: 5_000, interval: 100 }).toBe(false);
    await expect.poll(() => existsSync(dirname(record)), { timeout: 5_000 - (Date.now() - sentAt), interval: 100 }).toBe(false);
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    // Nothing of it keeps running: npm, its shell and the playground are all gone.
    await expect.poll(() => groupGone(pid), { timeout: 5_000, interval: 100 }).toBe(true);

    await p.page.getByTestId('disconnected').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await p.page.getByTestId('disconnected').textContent()).toMatch(/Disconnected/);
  }, 120_000);
});
