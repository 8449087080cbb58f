import { defineConfig } from 'vitest/config';
import { SlowestFirstSequencer } from './test/support/slowest-first-sequencer.js';

/**
 * The suites that run a second time on PostgreSQL: every use-case and inbound suite (they reach every records function
 * the bot relies on) and the end-to-end suites of the core lifecycle, triage, prompts, on-call and the outbox.
 */
const ON_POSTGRES = [
  'src/app/**/*.test.ts',
  'src/inbound/**/*.test.ts',
  'test/e2e/incident-lifecycle.test.ts',
  'test/e2e/alert-triage.test.ts',
  'test/e2e/alert-triage-classification.test.ts',
  'test/e2e/prompts.test.ts',
  'test/e2e/oncall.test.ts',
  'test/e2e/outbox-properties.test.ts',
  'test/e2e/slack-truth.test.ts',
  'test/e2e/durability.test.ts',
  'test/e2e/postmortem.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    // One module graph per worker, not one per file: every file builds its own bots, fakes and databases and leaves
    // nothing behind, so sharing imports is safe, and it saves a third of the run's import time (268 s → 167 s summed).
    isolate: false,
    hookTimeout: 20_000,
    // Four files at a time on a 2-core machine: the e2e files mostly wait on loopback I/O (the fake Slack's latency and
    // limits, spawned bots, PostgreSQL; the whole run keeps about 1.1 cores busy). The whole run on a quiet 2-core
    // machine, files isolated: 3 → 573 s, 4 → 474 s, 5 → 461 s (each file slower as they crowd, the timing-sensitive
    // ones at risk); 4 sharing imports → 458 s.
    maxWorkers: 4,
    // A PostgreSQL server for the run (TEST_DATABASE_URL, or a throwaway one): the PostgreSQL suites never skip. And the
    // bot compiled once, for the tests that start it as a process.
    globalSetup: ['test/support/postgres-global-setup.ts', 'test/support/compiled-bot-global-setup.ts'],
    // Slowest files first, across both projects (test/support/slowest-first-sequencer.ts).
    sequence: { sequencer: SlowestFirstSequencer },
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } },
      { extends: true, test: { name: 'postgres', include: ON_POSTGRES, env: { TEST_DATABASE_KIND: 'postgres' } } },
    ],
  },
});
