import { loadDatabaseTarget } from '../config.js';
import { connectDatabase, migrateToLatest } from '../db/connection.js';

/**
 * `npm run migrate`: brings the database `DATABASE_URL` names up to date, then exits. The bot migrates at start as
 * well; running this first (a release step, a rolling upgrade) keeps the schema change out of every replica's start.
 * On PostgreSQL it takes the same lock as the bot, so it is safe while replicas start.
 */
async function main(): Promise<void> {
  const database = loadDatabaseTarget(process.env);
  if (!database.ok) return fail(database.error);
  const db = await connectDatabase(database.value);
  try {
    const applied = await migrateToLatest(db);
    console.log(applied.length === 0 ? 'incident-bot migrate: already up to date' : `incident-bot migrate: applied ${applied.join(', ')}`);
  } finally {
    await db.destroy();
  }
}

function fail(message: string): void {
  console.error(`incident-bot migrate: ${message}`);
  process.exitCode = 2;
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
