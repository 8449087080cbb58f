import { Backpressure } from '../../src/app/backpressure.js';
import type { UseCaseDeps } from '../../src/app/deps.js';
import { defaultConfig } from '../../src/config.js';
import { fixedClock } from '../../src/domain/clock.js';
import { DEFAULT_PROMPT_TIMING } from '../../src/domain/prompts.js';
import type { Rotation } from '../../src/domain/oncall/rotation.js';
import { oncallConfig } from '../../src/app/oncall/rotations.js';
import { migrateToLatest, openDatabase } from '../../src/db/connection.js';
import { createSqliteStore } from '../../src/db/sqlite-store.js';
import { messages } from '../../src/i18n/index.js';
import { fakeMembership } from './fake-membership.js';

/** Use cases over a real (in-memory, or at `databasePath`) SQLite record and a clock the test moves. */
export async function useCaseDeps(start = '2026-11-23T03:00:00Z', rotations: readonly Rotation[] = [], databasePath = ':memory:') {
  const db = openDatabase(databasePath);
  await migrateToLatest(db);
  const store = createSqliteStore(db);
  const clock = fixedClock(start);
  let kicks = 0;
  const membership = fakeMembership();
  const deps: UseCaseDeps = {
    store,
    clock,
    severities: defaultConfig().severities,
    promptTiming: DEFAULT_PROMPT_TIMING,
    nudgeVia: 'channel',
    effectsQueued: () => (kicks += 1),
    triage: { alertChannels: ['C0ALERTS'], groupWindowMs: 3_600_000, groupBy: ['alertname', 'service'], rules: [], replyEveryMs: 5_000 },
    botUserId: 'U0BOT',
    oncall: oncallConfig(rotations),
    postmortem: { timeZone: 'UTC', words: messages('en').postmortem },
    pressure: new Backpressure(2_000, 30_000),
    alertsRead: () => undefined,
    membership,
  };
  return { deps, store, clock, db, membership, kicks: () => kicks };
}
