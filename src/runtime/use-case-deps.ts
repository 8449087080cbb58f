import type { Membership } from '../app/access-ports.js';
import type { Backpressure } from '../app/backpressure.js';
import type { UseCaseDeps } from '../app/deps.js';
import { oncallConfig } from '../app/oncall/rotations.js';
import type { Store } from '../app/ports.js';
import { rotationsOf, type AppConfig } from '../config.js';
import { sloDefinitionsOf, sloPolicyOf } from '../config-slo-schema.js';
import type { Clock } from '../domain/clock.js';
import type { Metrics } from '../http/metrics.js';
import type { Catalog } from '../i18n/index.js';

/** What the running bot hands the use cases, beside the configuration they read. */
export interface UseCaseWiring {
  readonly store: Store;
  readonly clock: Clock;
  readonly t: Catalog;
  readonly metrics: Pick<Metrics, 'alertsReceived'>;
  readonly pressure: Backpressure;
  readonly botUserId: string;
  readonly membership: Membership;
  /** Wakes the outbox so Slack follows a change at once. */
  readonly effectsQueued: () => void;
}

/** The use cases' dependencies: the configuration in their vocabulary (milliseconds, rotations) and the running parts. */
export function useCaseDeps(config: AppConfig, wiring: UseCaseWiring): UseCaseDeps {
  const { metrics } = wiring;
  return {
    store: wiring.store,
    clock: wiring.clock,
    severities: config.severities,
    promptTiming: {
      backOffWhileActiveMs: config.prompts.backOffWhileActive,
      leadAckTimeoutMs: config.prompts.leadAckTimeout,
      snoozesMs: config.prompts.snooze,
    },
    nudgeVia: config.prompts.nudgeVia,
    effectsQueued: wiring.effectsQueued,
    triage: {
      alertChannels: config.alertChannels,
      groupWindowMs: config.triage.groupWindow,
      groupBy: config.triage.groupBy,
      rules: config.triage.rules,
      replyEveryMs: config.triage.replyEvery,
      alertSources: config.alertSources.map((source) => ({ name: source.name, kind: source.kind, channelId: source.channel })),
      slo: { definitions: sloDefinitionsOf(config.slos), policy: sloPolicyOf(config.sloSeverity, config.severities.map((s) => s.id)) },
    },
    botUserId: wiring.botUserId,
    oncall: oncallConfig(rotationsOf(config)),
    postmortem: { timeZone: config.timezone, words: wiring.t.postmortem },
    pressure: wiring.pressure,
    alertsRead: (sources, via = 'slack') => sources.forEach((source) => metrics.alertsReceived.inc({ source, via })),
    membership: wiring.membership,
  };
}
