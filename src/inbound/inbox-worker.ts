import type { Logger } from 'pino';
import type { UseCaseDeps } from '../app/deps.js';
import type { StoreAvailability } from '../app/store-availability.js';
import type { AlertSourceSettings } from '../config.js';
import type { Metrics } from '../http/metrics.js';
import { loopFailure } from '../runtime/database-availability.js';
import { InboxDrain, type DrainOptions } from './drain-inbox.js';
import type { InboxQueue } from './inbox.js';
import type { ReadingPace } from './reading-pace.js';
import { inboxProcessor, type ProcessSlackEvent } from './stored-events.js';

export interface InboxWorkerDeps {
  readonly inbox: InboxQueue;
  readonly useCases: UseCaseDeps;
  /** Runs a stored Events API body through the Slack app's listeners. */
  readonly processSlackEvent: ProcessSlackEvent;
  readonly alertSources: readonly AlertSourceSettings[];
  readonly pace: ReadingPace;
  /** The configured pace of triage replies, which the behind-a-storm warning says how far it is stretched. */
  readonly replyEveryMs: number;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly availability: StoreAvailability;
  readonly options: DrainOptions;
}

export interface InboxWorker {
  readonly drain: InboxDrain;
  /** Stored events read so far (the heap collector tells a storm's end by it). */
  eventsRead(): number;
}

/**
 * The inbox worker: the drain that reads stored events, with what an operator sees of it (ingest latency, retries
 * and dead letters, lost leases, and one warning a minute while it is behind a storm).
 */
export function createInboxWorker(deps: InboxWorkerDeps): InboxWorker {
  const { useCases, metrics, pace } = deps;
  const { clock, pressure } = useCases;
  const inboxLog = deps.log.child({ area: 'inbox' });
  let lastBehindLog = 0;
  let eventsRead = 0;
  const drain = new InboxDrain(
    deps.inbox,
    // Between two notifications (each may hold many alerts) as between two batches: arriving requests first.
    inboxProcessor(deps.processSlackEvent, useCases, deps.alertSources, (lastMs) => pace.giveWay(lastMs)),
    clock,
    {
      processed: (batch) => {
        eventsRead += batch.events.length;
        const now = clock.now().getTime();
        for (const event of batch.events) metrics.ingestSeconds.observe((now - event.receivedAt.getTime()) / 1000);
      },
      failed: (event, error, retryInMs) => {
        if (retryInMs === null) metrics.inboxDeadLetters.inc();
        else metrics.inboxRetries.inc({ kind: event.kind });
        inboxLog.warn({ event_id: event.eventId, kind: event.kind, attempts: event.attempts + 1, retryInMs, err: error }, retryInMs === null ? 'stored event given up' : 'stored event failed; will retry');
      },
      lost: (events, reason) => {
        metrics.leasesLost.inc({ work: 'inbox' });
        inboxLog.warn({ event_ids: events.map((e) => e.eventId), reason }, 'stored events lost their lease: reading stopped, another replica takes them over');
      },
      renewFailed: (error) => inboxLog.warn({ err: error }, 'could not renew the lease on stored events; their reading stops unless a renewal gets through in time'),
      loopFailed: loopFailure(deps.availability, inboxLog, 'inbox drain loop failed; carrying on'),
      measured: (stats) => {
        pressure.measured(stats);
        const now = Date.now();
        // Once a minute while behind: the one place that says the bot is not keeping up (plus the metrics and replies).
        if (pressure.behind && now - lastBehindLog >= 60_000) {
          lastBehindLog = now;
          inboxLog.warn(
            { waiting: pressure.backlog, oldestSeconds: Math.round(pressure.oldestAgeMs / 1000), replyEvery: pressure.replyEveryMs(deps.replyEveryMs) },
            'behind an alert storm: every event is stored; triage replies are coalesced harder until the backlog clears',
          );
        }
      },
    },
    { ...deps.options, availability: deps.availability },
    pace,
  );
  return { drain, eventsRead: () => eventsRead };
}
