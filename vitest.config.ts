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

/** Files that share nothing but their imports: one module graph per worker instead of one per file. */
const UNIT = ['src/domain/**/*.test.ts', 'src/slack/**/*.test.ts', 'src/http/**/*.test.ts', 'src/db/**/*.test.ts', 'src/runtime/**/*.test.ts', 'src/scheduler/**/*.test.ts', 'src/config.test.ts', 'src/prometheus/**/*.test.ts', 'test/fake-slack/**/*.test.ts', 'test/monitoring/**/*.test.ts', 'test/architecture.test.ts', 'test/manifest-scopes.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Four files at a time on a 2-core machine: the e2e files mostly wait on loopback I/O (the fake Slack's latency and
    // limits, spawned bots, PostgreSQL; the whole run keeps about 1.1 cores busy). Measured on one quiet 2-core machine,
    // the whole run: 3 → 573 s, 4 → 474 s, 5 → 461 s (each file slower as they crowd; the timing-sensitive ones at risk).
    maxWorkers: 4,
    // A PostgreSQL server for the run (TEST_DATABASE_URL, or a throwaway one): the PostgreSQL suites never skip. And the
    // bot compiled once, for the tests that start it as a process.
    globalSetup: ['test/support/postgres-global-setup.ts', 'test/support/compiled-bot-global-setup.ts'],
    // Slowest files first, across both projects (test/support/slowest-first-sequencer.ts).
    sequence: { sequencer: SlowestFirstSequencer },
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT, isolate: false } },
      { extends: true, test: { name: 'sqlite', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: UNIT } },
      { extends: true, test: { name: 'postgres', include: ON_POSTGRES, env: { TEST_DATABASE_KIND: 'postgres' } } },
    ],
  },
});
