import { spawn, type ChildProcess } from 'node:child_process';
import SQLite from 'better-sqlite3';

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
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output}`)), 15_000);
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
