import { Backpressure } from '../../src/app/backpressure.js';
import type { UseCaseDeps } from '../../src/app/deps.js';
import { defaultConfig } from '../../src/config.js';
import { sloPolicyOf } from '../../src/config-slo-schema.js';
import { fixedClock } from '../../src/domain/clock.js';
import { DEFAULT_PROMPT_TIMING } from '../../src/domain/prompts.js';
import type { Rotation } from '../../src/domain/oncall/rotation.js';
import { oncallConfig } from '../../src/app/oncall/rotations.js';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/connection.js';
import { openTestDatabase } from './postgres.js';
import { createStore } from '../../src/db/store.js';
import { messages } from '../../src/i18n/index.js';
import { fakeMembership } from './fake-membership.js';
import type { Store } from '../../src/app/ports.js';

/**
 * Use cases over a real record and a clock the test moves: SQLite in memory (or at `databasePath`), or a fresh
 * PostgreSQL database in the vitest project that runs these suites on PostgreSQL.
 */
export async function useCaseDeps(start = '2026-11-23T03:00:00Z', rotations: readonly Rotation[] = [], databasePath?: string) {
  let db: Db;
  if (databasePath === undefined) db = await openTestDatabase();
  else {
    db = openDatabase(databasePath);
    await migrateToLatest(db);
  }
  return { ...depsOver(createStore(db), start, rotations), db };
}

/** Use cases over a given store (a test's replica of a shared database) and a clock of their own. */
export function depsOver(store: Store, start: Date | string = '2026-11-23T03:00:00Z', rotations: readonly Rotation[] = []) {
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
    triage: { alertChannels: ['C0ALERTS'], groupWindowMs: 3_600_000, groupBy: ['alertname', 'service'], rules: [],
      replyEveryMs: 5_000,
      alertSources: [{ name: 'prometheus', kind: 'alertmanager', channelId: 'C0ALERTS' }],
      slo: { definitions: [], policy: sloPolicyOf(defaultConfig().sloSeverity, defaultConfig().severities.map((s) => s.id)) },
    },
    botUserId: 'U0BOT',
    oncall: oncallConfig(rotations),
    postmortem: { timeZone: 'UTC', words: messages('en').postmortem },
    pressure: new Backpressure(2_000, 30_000),
    alertsRead: () => undefined,
    membership,
  };
  return { deps, store, clock, membership, kicks: () => kicks };
}
