import { z } from 'zod';
import { latestDraft, BOT_USER_KEY } from '../app/postmortem.js';
import { configFilePath, loadDatabaseTarget, readConfig } from '../config.js';
import { migrateToLatest, connectDatabase } from '../db/connection.js';
import { createStore } from '../db/store.js';
import { messages } from '../i18n/index.js';

const USAGE = 'usage: npm run postmortem -- <incident number> [--format md|json]';

const argsSchema = z.object({
  number: z.coerce.number({ message: 'the incident number must be a whole number' }).int('the incident number must be a whole number').positive('the incident number must be positive'),
  format: z.enum(['md', 'json'], { message: '--format takes md or json' }).default('md'),
});

function parseArgs(argv: readonly string[]): z.infer<typeof argsSchema> | string {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.split('=', 2);
    if (flag === '--format') {
      const value = inline ?? argv[(i += 1)];
      if (value === undefined) return `--format needs md or json. ${USAGE}`;
      options.format = value;
    } else if (arg.startsWith('-')) return `unknown option ${arg}. ${USAGE}`;
    else positional.push(arg.replace(/^inc-/i, ''));
  }
  if (positional.length !== 1) return `${positional.length === 0 ? 'name the incident' : 'one incident at a time'}. ${USAGE}`;
  const parsed = argsSchema.safeParse({ number: positional[0], ...options });
  return parsed.success ? parsed.data : `${parsed.error.issues[0]?.message ?? 'bad arguments'}. ${USAGE}`;
}

/** Prints an incident's latest postmortem draft (or one composed now from the record, not stored). Touches no Slack. */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') return fail(args);
  const config = readConfig(configFilePath(process.env));
  if (!config.ok) return fail(config.error);
  const database = loadDatabaseTarget(process.env);
  if (!database.ok) return fail(database.error);

  const db = await connectDatabase(database.value);
  try {
    await migrateToLatest(db);
    const store = createStore(db);
    const { locale, timezone, severities } = config.value;
    const draft = await latestDraft(store, args.number, new Date(), {
      timeZone: timezone,
      words: messages(locale).postmortem,
      severities,
      botUserId: await store.readState(BOT_USER_KEY),
    });
    if (!draft.ok) return fail(`there is no incident INC-${args.number}`);
    if (!draft.value.stored) console.error(`postmortem: no stored draft yet; this one is composed from the record now and not stored`);
    process.stdout.write(args.format === 'json' ? `${JSON.stringify(JSON.parse(draft.value.json), null, 2)}\n` : draft.value.markdown);
  } finally {
    await db.destroy();
  }
}

function fail(message: string): void {
  console.error(`postmortem: ${message}`);
  process.exitCode = 2;
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
