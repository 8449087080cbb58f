import { z } from 'zod';
import { loadDatabaseTarget, readConfig } from '../config.js';
import { migrateToLatest, connectDatabase } from '../db/connection.js';
import { createStore } from '../db/store.js';
import { formatDuration } from '../domain/duration.js';
import { replayTriage, type ReplayMessage } from '../domain/triage/replay.js';
import { alertMessageFromRaw, readAlertMessage } from '../inbound/slack/alert-message.js';

const USAGE = 'usage: npm run triage -- replay --config <file> [--last N]';

const argsSchema = z.object({
  config: z.string({ message: 'needs --config <file>' }).min(1),
  last: z.coerce.number({ message: '--last takes a whole number' }).int().positive().optional(),
});

function parseArgs(argv: readonly string[]): { config: string; last?: number } | string {
  const [command, ...rest] = argv;
  if (command !== 'replay') return USAGE;
  const options: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i] ?? '';
    const value = rest[i + 1];
    if (!flag.startsWith('--') || value === undefined) return `${flag || 'argument'}: expected --name value. ${USAGE}`;
    options[flag.slice(2)] = value;
  }
  const parsed = argsSchema.safeParse(options);
  return parsed.success ? parsed.data : `${parsed.error.issues[0]?.message ?? 'bad arguments'}. ${USAGE}`;
}

/** `replay`: what a (new) rule set would have done with the stored alerts, per group. Touches no Slack. */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') return fail(args);
  const config = readConfig(args.config);
  if (!config.ok) return fail(config.error);
  const database = loadDatabaseTarget(process.env);
  if (!database.ok) return fail(database.error);

  const db = await connectDatabase(database.value);
  await migrateToLatest(db);
  const stored = await createStore(db).storedAlerts(args.last ?? null);
  await db.destroy();

  const messages: ReplayMessage[] = stored.map((a) => {
    // Re-read from the raw messages so a newer parser applies; fall back to what was stored.
    const original = alertMessageFromRaw(a.raw);
    const revised = a.revisedRaw === null ? null : alertMessageFromRaw(a.revisedRaw);
    return {
      channelId: a.channelId,
      ts: a.messageTs,
      at: a.receivedAt,
      text: original?.text ?? a.parsed.summary,
      parsed: original ? readAlertMessage(original) : a.parsed,
      revisions: revised && a.revisedAt ? [{ at: a.revisedAt, text: revised.text, parsed: readAlertMessage(revised) }] : [],
      deletedAt: a.deletedAt,
    };
  });
  const { triage } = config.value;
  const outcome = replayTriage(messages, { groupWindowMs: triage.groupWindow, groupBy: triage.groupBy, rules: triage.rules });
  console.log(
    `${messages.length} stored messages → ${outcome.groups.length} groups, ${outcome.ungrouped.length} not grouped (window ${formatDuration(triage.groupWindow)}, group by ${triage.groupBy.join(', ')})`,
  );
  for (const group of outcome.groups) {
    const rule = group.decision.ruleIndex === null ? 'default' : `rule #${group.decision.ruleIndex + 1}`;
    const severity = group.decision.severity ? ` ${group.decision.severity}` : '';
    const fields = Object.entries(group.fields).map(([k, v]) => `${k}=${v}`).join(' ');
    console.log(
      `${group.decision.action.padEnd(7)}${severity.padEnd(6)} ${String(group.counts.alertCount).padStart(5)} alerts  ${group.counts.status.padEnd(8)} ${rule.padEnd(8)}  ${fields}`,
    );
  }
  // Why each of the others opened nothing: a question, a tool's info post, a recovery of nothing open …
  for (const message of outcome.ungrouped) {
    const p = message.parsed;
    console.log(`stored  ${`${p.kind}/${p.status}`.padEnd(16)} ${p.source.padEnd(12)} ${message.ts}  ${p.name.slice(0, 60)}: ${message.why}`);
  }
}

function fail(message: string): void {
  console.error(`triage: ${message}`);
  process.exitCode = 2;
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
