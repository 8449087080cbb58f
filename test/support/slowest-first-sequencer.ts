import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds each slow test file took in one whole run on a busy 2-core machine (vitest's JSON reporter, `project:path`),
 * to refresh when they change much. Only the order matters: the slowest start first, so the workers finish together
 * instead of one starting a 3-minute file near the end while the others have run out of work. Files not listed are
 * quick and follow, largest first; an end-to-end file not measured yet counts as UNMEASURED_E2E_SECONDS.
 */
const SECONDS: Readonly<Record<string, number>> = {
  'sqlite:test/e2e/two-replicas.test.ts': 160,
  'sqlite:test/playground/playground.browser.test.ts': 93,
  'postgres:src/app/access.test.ts': 85,
  'sqlite:test/e2e/app-home.test.ts': 75,
  'sqlite:test/e2e/send-once.test.ts': 68,
  'sqlite:test/e2e/database-outage.test.ts': 66,
  'postgres:test/e2e/slack-truth.test.ts': 54,
  'sqlite:test/e2e/ingest-kill.test.ts': 53,
  'postgres:test/e2e/prompts.test.ts': 52,
  'sqlite:test/e2e/prompts.test.ts': 49,
  'sqlite:test/e2e/slack-truth.test.ts': 45,
  'sqlite:test/playground/page-manners.browser.test.ts': 43,
  'sqlite:test/e2e/crash-recovery.test.ts': 41,
  'sqlite:test/playground/readme-steps.browser.test.ts': 39,
  'sqlite:test/e2e/private-incidents.test.ts': 38,
  'postgres:test/e2e/incident-lifecycle.test.ts': 36,
  'sqlite:test/e2e/alertmanager.test.ts': 33,
  'postgres:test/e2e/durability.test.ts': 31,
  'sqlite:test/cli/startup-settings.test.ts': 30,
  'postgres:src/app/deliver-effects.test.ts': 29,
  'sqlite:test/e2e/incident-lifecycle.test.ts': 28,
  'sqlite:test/e2e/durability.test.ts': 27,
  'postgres:test/e2e/outbox-properties.test.ts': 26,
  'postgres:test/e2e/oncall.test.ts': 26,
  'sqlite:test/e2e/oncall.test.ts': 26,
  'sqlite:test/e2e/lead-handoffs.test.ts': 22,
  'sqlite:test/e2e/prometheus.test.ts': 22,
  'sqlite:test/e2e/incident-metrics.test.ts': 21,
  'postgres:test/e2e/postmortem.test.ts': 21,
  'sqlite:test/store/store-contract.test.ts': 20,
  'sqlite:test/e2e/outbox-properties.test.ts': 18,
  'sqlite:src/cli/postmortem.test.ts': 17,
  'sqlite:test/e2e/sqlite-store-failures.test.ts': 17,
  'sqlite:test/e2e/postmortem.test.ts': 16,
  'sqlite:test/e2e/http-surface.test.ts': 16,
  'postgres:src/app/happenings.test.ts': 16,
  'sqlite:test/playground/fast-forward.browser.test.ts': 15,
  'postgres:test/e2e/alert-triage.test.ts': 14,
  'sqlite:test/e2e/channel-names.test.ts': 14,
  'sqlite:test/playground/playground-stop.browser.test.ts': 14,
  'postgres:src/app/ingest-notification.test.ts': 13,
  'postgres:src/app/prompts.test.ts': 13,
  'postgres:test/e2e/alert-triage-classification.test.ts': 13,
  'sqlite:test/e2e/lead-handoff-crash.test.ts': 13,
  'sqlite:src/app/access.test.ts': 12,
  'sqlite:test/e2e/alert-triage.test.ts': 12,
  'postgres:src/app/home/home.test.ts': 12,
  'postgres:src/inbound/inbox.test.ts': 12,
  'postgres:src/app/use-cases.test.ts': 12,
  'sqlite:src/app/deliver-effects.test.ts': 11,
  'postgres:src/app/revise-alert.test.ts': 11,
  'postgres:src/app/ingest-alert.test.ts': 10,
  'postgres:src/app/lead-handoffs.test.ts': 9,
  'sqlite:test/e2e/alert-webhooks.test.ts': 9,
  'postgres:src/app/oncall/run-rotations.test.ts': 9,
  'sqlite:test/e2e/alert-triage-classification.test.ts': 9,
  'postgres:src/app/postmortem.test.ts': 9,
  'sqlite:test/cli/triage-replay.test.ts': 9,
  'sqlite:test/fake-slack/block-kit.test.ts': 8,
  'sqlite:test/e2e/postmortem-crash.test.ts': 6,
  'sqlite:test/fake-slack/views-publish.test.ts': 5,
  'sqlite:test/fake-slack/fake-slack.test.ts': 5,
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
