/**
 * What the side-by-side benchmarks share: each app, and the fake Slack, in a process of its own (so one's work never
 * delays another's clock), started until it prints its ready line and stopped at the end; and percentiles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';

export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface Child {
  readonly process: ChildProcess;
  readonly port: number;
  /** The fake's Web API port, when the child is the fake Slack. */
  readonly apiPort?: number;
}

/** Starts `node <args>` and waits for a stdout line matching `ready` (its first group is the port). */
export function startChild(args: string[], env: Record<string, string>, ready: RegExp, logFile = process.env.INGEST_BOT_LOG): Promise<Child> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        if (logFile) child.stdout?.on('data', (more: Buffer) => appendFileSync(logFile, more));
        child.stdout?.resume();
        const api = /"api":"http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        resolve({ process: child, port: Number(match[1]), ...(api ? { apiPort: Number(api[1]) } : {}) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

export async function stopChild(child: Child): Promise<void> {
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  await Promise.race([exited, sleep(20_000)]);
  child.process.kill('SIGKILL');
}

export interface FakeProcess {
  readonly child: Child;
  readonly api: string;
  control(path: string): Promise<unknown>;
}

/** The fake Slack in its own process (bench/support/fake-slack-process.ts), with its control API. */
export async function startFake(botToken: string): Promise<FakeProcess> {
  const child = await startChild(['--import', 'tsx', 'bench/support/fake-slack-process.ts'], { SLACK_BOT_TOKEN: botToken }, /"control":(\d+)\} fake slack ready/);
  const control = async (path: string): Promise<unknown> => (await fetch(`http://127.0.0.1:${child.port}${path}`)).json();
  return { child, api: `http://127.0.0.1:${child.apiPort ?? 0}/api/`, control };
}
