import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds each slow test file took in one whole run with 3 workers on a busy 2-core machine (vitest's JSON reporter,
 * `project:path`; of a file run in both projects the slower is taken as PostgreSQL's), to refresh when they change
 * much. Only the order matters: the slowest start first, so the workers finish together instead of one starting a
 * 3-minute file near the end while the others have run out of work. Files not listed are quick and follow, largest
 * first; an end-to-end file not measured yet counts as UNMEASURED_E2E_SECONDS.
 */
const SECONDS: Readonly<Record<string, number>> = {
  'sqlite:test/e2e/two-replicas.test.ts': 145,
  'sqlite:test/e2e/app-home.test.ts': 77,
  'sqlite:test/playground/playground.browser.test.ts': 66,
  'sqlite:test/e2e/send-once.test.ts': 63,
  'sqlite:test/playground/page-manners.browser.test.ts': 53,
  'sqlite:test/playground/readme-steps.browser.test.ts': 52,
  'sqlite:test/e2e/crash-recovery.test.ts': 51,
  'postgres:test/e2e/slack-truth.test.ts': 50,
  'postgres:test/e2e/prompts.test.ts': 49,
  'sqlite:test/e2e/database-outage.test.ts': 47,
  'sqlite:test/e2e/prompts.test.ts': 46,
  'sqlite:test/e2e/slack-truth.test.ts': 41,
  'sqlite:test/e2e/ingest-kill.test.ts': 40,
  'sqlite:test/e2e/private-incidents.test.ts': 35,
  'postgres:test/e2e/incident-lifecycle.test.ts': 32,
  'sqlite:test/cli/startup-settings.test.ts': 32,
  'sqlite:test/e2e/alertmanager.test.ts': 31,
  'sqlite:test/playground/playground-stop.browser.test.ts': 28,
  'postgres:test/e2e/durability.test.ts': 28,
  'sqlite:test/e2e/incident-lifecycle.test.ts': 28,
  'postgres:test/e2e/oncall.test.ts': 26,
  'sqlite:test/e2e/oncall.test.ts': 26,
  'postgres:test/e2e/outbox-properties.test.ts': 25,
  'sqlite:test/e2e/outbox-properties.test.ts': 24,
  'sqlite:test/e2e/lead-handoffs.test.ts': 23,
  'sqlite:test/e2e/durability.test.ts': 22,
  'sqlite:test/playground/fast-forward.browser.test.ts': 20,
  'postgres:test/e2e/alert-triage.test.ts': 19,
  'sqlite:test/e2e/prometheus.test.ts': 18,
  'postgres:test/e2e/postmortem.test.ts': 16,
  'sqlite:test/e2e/postmortem.test.ts': 14,
  'sqlite:test/e2e/channel-names.test.ts': 14,
  'sqlite:test/e2e/incident-metrics.test.ts': 13,
  'sqlite:test/e2e/postmortem-crash.test.ts': 13,
  'sqlite:test/cli/triage-replay.test.ts': 12,
  'sqlite:test/e2e/alert-webhooks.test.ts': 12,
  'sqlite:test/e2e/http-surface.test.ts': 11,
  'sqlite:test/store/store-contract.test.ts': 10,
  'sqlite:test/e2e/alert-triage.test.ts': 10,
  'postgres:src/app/oncall/run-rotations.test.ts': 9,
  'sqlite:test/e2e/sqlite-store-failures.test.ts': 9,
  'sqlite:test/fake-slack/block-kit.test.ts': 9,
  'postgres:src/app/prompts.test.ts': 8,
  'postgres:src/app/lead-handoffs.test.ts': 8,
  'postgres:test/e2e/alert-triage-classification.test.ts': 8,
  'sqlite:test/e2e/alert-triage-classification.test.ts': 8,
  'sqlite:test/e2e/lead-handoff-crash.test.ts': 7,
  'sqlite:src/cli/postmortem.test.ts': 7,
  'postgres:src/app/revise-alert.test.ts': 7,
  'postgres:src/app/use-cases.test.ts': 7,
  'postgres:src/app/home/home.test.ts': 6,
  'postgres:src/app/postmortem.test.ts': 6,
  'postgres:src/inbound/inbox.test.ts': 5,
  'postgres:src/app/ingest-alert.test.ts': 5,
  // The outbox delivery suite, since split in three: its seconds shared out as the three files' took in one project's run.
  'sqlite:src/app/deliver-effects-leases.test.ts': 5,
  'postgres:src/app/deliver-effects-leases.test.ts': 4,
  'postgres:src/app/deliver-effects-targets.test.ts': 3,
  'postgres:src/app/deliver-effects-failures.test.ts': 2,
  'sqlite:src/app/deliver-effects-targets.test.ts': 2,
  'sqlite:src/app/deliver-effects-failures.test.ts': 1,
  // The access suite, since split by concern: its seconds shared out as the files' took in one project's run (the rule
  // table, triage explain and, on SQLite, "I'll lead" take under a second).
  'postgres:src/app/access-private-incidents.test.ts': 14,
  'postgres:src/app/access-membership-unknown.test.ts': 13,
  'postgres:src/app/access-public-incidents.test.ts': 9,
  'postgres:src/app/access-lead-and-join.test.ts': 4,
  'sqlite:src/app/access-membership-unknown.test.ts': 3,
  'sqlite:src/app/access-private-incidents.test.ts': 3,
  'postgres:src/app/access-triage-explain.test.ts': 2,
  'sqlite:src/app/access-public-incidents.test.ts': 1,
};

/** A new end-to-end file starts among the slow ones, not after a hundred quick files. */
const UNMEASURED_E2E_SECONDS = 30;

/**
 * Runs the test files slowest first, across both projects. Vitest's own order runs one project's files before the
 * other's and, without a duration cache (as on a fresh clone in CI), larger files first, which starts some of the
 * slowest last.
 */
export class SlowestFirstSequencer extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const weight = (spec: TestSpecification): number => {
      const path = relative(spec.project.config.root, spec.moduleId);
      return SECONDS[`${spec.project.name}:${path}`] ?? (path.startsWith('test/e2e/') ? UNMEASURED_E2E_SECONDS : 0);
    };
    const size = (spec: TestSpecification): number => statSync(spec.moduleId).size;
    return Promise.resolve([...files].sort((a, b) => weight(b) - weight(a) || size(b) - size(a)));
  }
}
