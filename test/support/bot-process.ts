import { spawn, type ChildProcess } from 'node:child_process';
import SQLite from 'better-sqlite3';
import type { FakeSlack } from '../fake-slack/server.js';
import type { SignedSlackClient } from '../fake-slack/slack-client.js';
import type { ChannelRecord } from '../fake-slack/types.js';
import { nodeArgsFor } from './compiled-bot.js';
import { eventually } from './eventually.js';

export interface BotProcess {
  child: ChildProcess;
  port: number;
  /** Everything it wrote so far, stdout and stderr (its log lines, and whatever ended it). */
  output(): string;
}

/**
 * Runs the real entry point (`src/main.ts`, compiled as `npm start` runs it) as its own process, so it can be killed
 * with SIGKILL. `launcher` is a
 * command that runs it (given the node command line as its arguments), e.g. inside a mount namespace of its own.
 */
export async function spawnBot(env: Record<string, string>, launcher: readonly string[] = []): Promise<BotProcess> {
  const [command = process.execPath, ...args] = [...launcher, process.execPath, ...nodeArgsFor('src/main.ts')];
  const child = spawn(command, args, {
    env: { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    // Starting is not what these tests measure: loading src/ takes seconds on a busy 2-core machine (many more through
    // tsx, outside vitest), so only a bot that never gets going fails here.
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /"port":(\d+)[^\n]*incident-bot ready/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`bot exited with ${code}:\n${output}`)));
  });
  return { child, port, output: () => output };
}

/** Kills the process the hard way and waits until it is gone. */
export async function killHard(bot: BotProcess): Promise<void> {
  if (bot.child.exitCode !== null || bot.child.signalCode !== null) return;
  const exited = new Promise((resolve) => bot.child.once('exit', resolve));
  bot.child.kill('SIGKILL');
  await exited;
}

/** A `select count(*) as n …` on the bot's database file, read-only, while the bot may be running. */
export const count = (path: string, sql: string): number => {
  const db = new SQLite(path, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** Sends one request to the bot: to its one process, or through a set of replicas in turn. */
export type SendToBot = <T>(request: (client: SignedSlackClient) => Promise<T>) => Promise<T>;

export interface Declaration {
  readonly user: string;
  readonly channel: string;
  readonly severity: string;
  readonly title?: string;
  readonly impact?: string;
}

/**
 * Declares INC-1 the way Slack's client would (the command, then the form it opened, filled in) and waits for the
 * incident channel with its pinned card.
 */
export async function declareVia(send: SendToBot, fake: FakeSlack, d: Declaration): Promise<ChannelRecord> {
  const title = d.title ?? 'Checkout down';
  await send((c) => c.command(`declare ${title}`, { user: d.user, channel: d.channel }));
  const view = await eventually(() => fake.lastView() ?? Promise.reject(new Error('no declare form yet')));
  await send((c) =>
    c.submitView({
      user: d.user,
      view,
      values: {
        title: { value: { type: 'plain_text_input', value: title } },
        severity: { value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: d.severity.toUpperCase() }, value: d.severity } } },
        impact: { value: { type: 'plain_text_input', value: d.impact ?? 'Nobody can pay' } },
        commander: { value: { type: 'users_select', selected_user: d.user } },
      },
    }),
  );
  return eventually(() => {
    const found = fake.channels().find((c) => c.name.startsWith('inc-1-'));
    if (!found || found.pins.length === 0) throw new Error('no card yet');
    return found;
  }, 15_000);
}

/** Declares "Checkout down" through one spawned bot. */
export const declareInProcess = (slack: SignedSlackClient, fake: FakeSlack, d: Declaration): Promise<ChannelRecord> => declareVia((request) => request(slack), fake, d);

/** Runs the real entry point until it exits on its own (a start-up refusal), with its output and exit code. */
export function runUntilExit(env: Record<string, string>, timeoutMs = 15_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, nodeArgsFor('src/main.ts'), {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${timeoutMs} ms (a hang):\n${stdout}${stderr}`));
    }, timeoutMs);
    // 'close', not 'exit': under load the process can exit before its last stderr line has been read.
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
