import type { Logger } from 'pino';
import type { UseCaseDeps } from '../../app/deps.js';
import { EffectDelivery, type DeliveryOptions } from '../../app/deliver-effects.js';
import type { StoreAvailability } from '../../app/store-availability.js';
import type { Settings } from '../../config.js';
import type { Metrics } from '../../http/metrics.js';
import type { Catalog } from '../../i18n/index.js';
import { sloEffectSettings } from '../../prometheus/slo-settings.js';
import { loopFailure } from '../../runtime/database-availability.js';
import { webClientOptions } from '../bolt-app.js';
import { boltLogger } from '../bolt-logger.js';
import { PacedWebClient } from '../paced-client.js';
import { classifySlackFailure } from '../slack-errors.js';
import { createEffectHandlers } from './index.js';

export interface OutboxWorkerDeps {
  readonly settings: Settings;
  /** The record, the clock, the bot's user and the settings effects share with the use cases. */
  readonly useCases: UseCaseDeps;
  readonly t: Catalog;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly availability: StoreAvailability;
  readonly options: DeliveryOptions;
  /** How long one Slack Web API call may take before it counts as failed. */
  readonly slackTimeoutMs?: number | undefined;
}

/**
 * The outbox worker: its own paced Slack client, every effect kind's handler, and the delivery loop, with what an
 * operator sees of it (the effect metrics, and a warning for each retry, dead letter or lost lease).
 */
export function createOutboxWorker(deps: OutboxWorkerDeps): EffectDelivery {
  const { settings, useCases, log, metrics } = deps;
  const { config } = settings;
  const { store, clock } = useCases;
  const effectsClient = new PacedWebClient(
    settings.slack.botToken,
    { ...webClientOptions(settings, deps.slackTimeoutMs), logger: boltLogger(log.child({ area: 'slack-web-api' })) },
    { called: (method) => metrics.slackCalls.inc({ method }), rateLimited: (method) => metrics.slackRateLimited.inc({ method }) },
  );
  const handlers = createEffectHandlers(
    { client: effectsClient, store, clock, t: deps.t, log: log.child({ area: 'slack-effects' }), severities: config.severities, botUserId: useCases.botUserId },
    {
      channelPrefix: config.incidentChannel.prefix,
      announceChannel: config.announceChannel,
      snoozesMs: config.prompts.snooze,
      groupWindowMs: config.triage.groupWindow,
      replyEveryMs: config.triage.replyEvery,
      pressure: useCases.pressure,
      timeZone: config.timezone,
      oncall: useCases.oncall,
      membership: useCases.membership,
      alertSourceChannels: (settings.alertSources ?? []).map((source) => source.channelId),
      slo: sloEffectSettings(config, clock, log.child({ area: 'prometheus' })),
    },
  );
  const effectLog = log.child({ area: 'outbox' });
  return new EffectDelivery(
    store,
    handlers,
    clock,
    {
      delivered: (row, effect, ms) => {
        metrics.effectsDelivered.inc({ kind: effect.kind });
        metrics.effectSeconds.observe({ kind: effect.kind }, ms / 1000);
      },
      retrying: (row, failure, retryInMs) => {
        metrics.effectsRetried.inc({ kind: row.kind, reason: failure.kind === 'paused' ? 'paused' : failure.kind === 'unverified' ? 'unverified' : 'failed' });
        if (failure.kind === 'transient') effectLog.warn({ key: row.targetKey, kind: row.kind, attempts: row.attempts + 1, retryInMs, reason: failure.reason }, 'slack effect failed; will retry');
        else if (failure.kind === 'unverified') effectLog.warn({ key: row.targetKey, kind: row.kind, attempts: row.attempts + 1, retryInMs, reason: failure.reason }, 'cannot check whether an earlier send landed; will look again, never giving up');
        else effectLog.debug({ key: row.targetKey, kind: row.kind, retryInMs, reason: failure.reason }, 'slack effect waits');
      },
      buried: (row, reason) => {
        metrics.deadLetters.inc({ kind: row.kind });
        effectLog.warn({ key: row.targetKey, kind: row.kind, row: row.id, reason }, 'slack effect given up (dead letter)');
      },
      lost: (row, reason) => {
        metrics.leasesLost.inc({ work: 'outbox' });
        effectLog.warn({ key: row.targetKey, kind: row.kind, row: row.id, reason }, 'slack effect lost its lease: stopped, another replica takes it over');
      },
      renewFailed: (row, error) => effectLog.warn({ key: row.targetKey, kind: row.kind, row: row.id, err: error }, 'could not renew the lease on an outbox row; its work stops unless a renewal gets through in time'),
      loopFailed: loopFailure(deps.availability, effectLog, 'outbox delivery loop failed; carrying on'),
    },
    classifySlackFailure,
    { ...deps.options, availability: deps.availability },
  );
}
