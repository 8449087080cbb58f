/** `npm run playground -- [--port N] [--db FILE] [--locale en|ko] [--log-level L] [--socket-mode]`, checked before anything starts. */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { err, ok, type Result } from '../src/domain/result.js';

export const USAGE = `usage: npm run playground -- [--port 4000] [--db FILE] [--locale en|ko] [--log-level warn] [--socket-mode]

  --port N        the page's port on localhost (default 4000; 0 picks a free one)
  --db FILE       keep the bot's SQLite record in FILE (a new file; default: a temporary file deleted on exit)
  --locale en|ko  the language the bot writes in (default en)
  --log-level L   the bot's log level: fatal, error, warn, info, debug, trace or silent (default warn)
  --socket-mode   Slack reaches the bot over Socket Mode (an app-level token, a WebSocket) instead of signed HTTP`;

export interface CliOptions {
  readonly port: number;
  readonly databasePath: string | null;
  readonly locale: 'en' | 'ko';
  readonly logLevel: string;
  /** Slack's requests arrive over Socket Mode rather than signed HTTP. */
  readonly socketMode: boolean;
  readonly help: boolean;
}

const schema = z.object({
  port: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0).max(65_535, 'must be at most 65535').default(4000),
  db: z.string().min(1, 'needs a file name').optional(),
  locale: z.enum(['en', 'ko'], { message: 'must be en or ko' }).default('en'),
  'log-level': z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be fatal, error, warn, info, debug, trace or silent' }).default('warn'),
  'socket-mode': z.boolean().default(false),
  help: z.boolean().default(false),
});

/** One line naming the flag when something is wrong. */
export function parseCliOptions(argv: readonly string[]): Result<CliOptions, string> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: [...argv],
      options: { port: { type: 'string' }, db: { type: 'string' }, locale: { type: 'string' }, 'log-level': { type: 'string' }, 'socket-mode': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return err(error instanceof Error ? error.message.split('\n')[0] ?? 'invalid arguments' : 'invalid arguments');
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(`--${String(issue?.path[0] ?? 'arguments')}: ${issue?.message ?? 'invalid'}`);
  }
  const o = parsed.data;
  // The fake Slack starts empty every time: a record from an earlier run would point at channels that do not exist.
  if (o.db !== undefined && existsSync(o.db) && statSync(o.db).size > 0) {
    return err(`--db ${o.db}: already holds a record from an earlier run, and the playground's Slack starts empty each time; name a new file`);
  }
  return ok({ port: o.port, databasePath: o.db ?? null, locale: o.locale, logLevel: o['log-level'], socketMode: o['socket-mode'], help: o.help });
}
