import { spawn, type ChildProcess } from 'node:child_process';
import SQLite from 'better-sqlite3';
import type { FakeSlack } from '../fake-slack/server.js';
import type { SignedSlackClient } from '../fake-slack/slack-client.js';
import type { ChannelRecord } from '../fake-slack/types.js';
import { eventually } from './eventually.js';

export interface BotProcess {
  child: ChildProcess;
  port: number;
}

/** Runs the real entry point (`src/main.ts`) as its own process, so it can be killed with SIGKILL. */
export async function spawnBot(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    // Starting is not what these tests measure: tsx compiles src/ as the process starts, which takes many seconds on a
    // busy 2-core machine, so only a bot that never gets going fails here.
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
  return { child, port };
}

/** Kills the process the hard way and waits until it is gone. */
export async function killHard(bot: BotProcess): Promise<void> {
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

/**
 * Declares "Checkout down" through a spawned bot the way Slack's client would (command, then the modal it opens) and
 * waits for the incident channel with its pinned card.
 */
export async function declareInProcess(
  slack: SignedSlackClient,
  fake: FakeSlack,
  options: { user: string; channel: string; severity: string },
): Promise<ChannelRecord> {
  await slack.command('declare Checkout down', { user: options.user, channel: options.channel });
  const view = await eventually(() => fake.lastView() ?? Promise.reject(new Error('no modal')));
  await slack.submitView({
    user: options.user,
    view,
    values: {
      title: { value: { type: 'plain_text_input', value: 'Checkout down' } },
      severity: { value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: options.severity.toUpperCase() }, value: options.severity } } },
      impact: { value: { type: 'plain_text_input', value: 'Nobody can pay' } },
      commander: { value: { type: 'users_select', selected_user: options.user } },
    },
  });
  return eventually(() => {
    const found = fake.channels().find((c) => c.name.startsWith('inc-1'));
    if (!found || found.pins.length === 0) throw new Error('no card yet');
    return found;
  }, 10_000);
}

/** Runs the real entry point until it exits on its own (a start-up refusal), with its output and exit code. */
export function runUntilExit(env: Record<string, string>, timeoutMs = 15_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
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
