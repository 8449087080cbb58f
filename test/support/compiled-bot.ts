import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder holding src/ and migrations/ compiled to JavaScript for this run (see compileBot); '' when there is none. */
    compiledBot: string;
  }
}

const root = resolve(import.meta.dirname, '../..');

export interface CompiledBot {
  readonly folder: string;
  remove(): void;
}

/**
 * Compiles src/ and migrations/ once per run, the way `npm run build` does (same tsconfig, types left to `npm run
 * check`), into a temporary folder that resolves packages from this checkout's node_modules. Tests that start the bot
 * as a process run that build with plain node, as `npm start` does, instead of loading every module through tsx's
 * loader each time: that took 6–8 s of a busy 2-core machine per process.
 */
export async function compileBot(): Promise<CompiledBot> {
  const folder = mkdtempSync(join(tmpdir(), 'incident-bot-build-'));
  symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'), 'dir');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--noCheck', '--outDir', folder], { cwd: root }).catch(
    (error: { stdout?: string; stderr?: string }) => {
      // tsc reports on stdout: without it the run would fail with only "Command failed".
      throw new Error(`compiling src/ for the tests that start the bot failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    },
  );
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * The node arguments that run `entry` (a TypeScript file under src/, relative to the checkout): its compiled JavaScript
 * when this run built one, else the source through tsx (a script outside vitest, such as a benchmark).
 */
export function nodeArgsFor(entry: string): string[] {
  const folder = process.env.VITEST === undefined ? '' : inject('compiledBot');
  return folder ? [join(folder, entry.replace(/\.ts$/, '.js'))] : ['--import', 'tsx', entry];
}
