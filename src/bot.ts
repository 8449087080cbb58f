import type { Logger } from 'pino';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Backpressure } from './app/backpressure.js';
import { DEFAULT_DELIVERY, type DeliveryOptions, type EffectDelivery } from './app/deliver-effects.js';
import { DEFAULT_DRAIN, type DrainOptions, type InboxDrain } from './inbound/drain-inbox.js';
import { EventIntake } from './inbound/event-intake.js';
import { createInboxWorker } from './inbound/inbox-worker.js';
import { ReadingPace } from './inbound/reading-pace.js';
import { BOT_USER_KEY, TEAM_URL_KEY } from './app/postmortem.js';
import type { Store } from './app/ports.js';
import { rotationsOf, type Settings } from './config.js';
import { systemClock, type Clock } from './domain/clock.js';
import { connectDatabase, databaseAnswers, migrateToLatest } from './db/connection.js';
import { isDatabaseAway, probeDatabase } from './db/database-outage.js';
import { AvailabilityWatch } from './app/store-availability.js';
import { reportAvailability } from './runtime/database-availability.js';
import { checkpointWhenQuiet } from './db/sqlite-connection.js';
import { giveBackHeapAfterStorms } from './runtime/heap-after-storm.js';
import { rehearseStorm } from './runtime/rehearsal.js';
import { settle } from './runtime/settle.js';
import { requeueCrashedClaims } from './runtime/crashed-claims.js';
import { useCaseDeps } from './runtime/use-case-deps.js';
import { createStore } from './db/store.js';
import { createMetrics } from './http/metrics.js';
import { registerIncidentMetrics } from './http/incident-metrics.js';
import { messages } from './i18n/index.js';
import { createLogger } from './logger.js';
import type { SlackApp } from './slack/bolt-app.js';
import type { SocketModeTiming } from './slack/socket-mode-connection.js';
import { createChannelMembership } from './slack/channel-membership.js';
import { createOutboxWorker } from './slack/effects/outbox-worker.js';
import { createInboundApp } from './slack/inbound-app.js';
import { registerListeners } from './slack/listeners/index.js';
import { scheduledWork } from './app/scheduled-work.js';
import { startJobTick } from './scheduler/job-tick.js';

export interface RunningBot {
  readonly port: number;
  readonly store: Store;
  readonly log: Logger;
  /** Waits until every Slack effect due now has been tried (tests use it instead of sleeping). */
  settled(): Promise<void>;
  /** Waits until the scheduler has run `count` more times (tests: "nothing more came due"). */
  ticked(count: number): Promise<void>;
  stop(): Promise<void>;
}

export interface BotOptions {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Outbox tuning (tests shorten the lease or the poll); defaults suit production. */
  readonly delivery?: Partial<Omit<DeliveryOptions, 'owner'>>;
  /** How long one Slack Web API call may take before it counts as failed (default 10 s). */
  readonly slackTimeoutMs?: number;
  /** Inbox tuning (tests, benchmarks). */
  readonly drain?: Partial<Omit<DrainOptions, 'owner'>>;
  /** Rehearse a small alert storm before taking requests, so the first real one meets compiled code (see rehearsal.ts). */
  readonly rehearse?: boolean;
  /** Socket Mode's connection timing (tests shorten the ping timeouts and backoff). */
  readonly socketMode?: Partial<SocketModeTiming>;
  /** Slack refused the app-level token while the bot was running (nothing more can arrive); logged if not given. */
  readonly refused?: (error: Error) => void;
}

/**
 * The composition root: config → logger → database (migrated) → use cases → Slack app → outbox delivery →
 * scheduler tick.
 * Stopping runs the other way: stop the tick, stop taking requests, finish what is in flight, flush the outbox,
 * close the DB.
 */
export async function startBot(settings: Settings, options: BotOptions = {}): Promise<RunningBot> {
  const log = options.logger ?? createLogger(settings.logLevel);
  const clock = options.clock ?? systemClock;
  const { config } = settings;
  const t = messages(config.locale);

  // Names this process in every claim it writes (outbox rows, inbox events, scheduled jobs): unique across replicas and restarts.
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  // REPLICA_LEASE: how long each claim (outbox row, inbox batch, due job) holds unrenewed.
  const lease = settings.leaseMs === undefined ? {} : { leaseMs: settings.leaseMs };
  const deliveryOptions: DeliveryOptions = { ...DEFAULT_DELIVERY, ...lease, ...options.delivery, owner };
  // Every error of the database passes the watch (created once the database is migrated): an outage is seen wherever it shows first.
  let watch: AvailabilityWatch | null = null;
  const db = await connectDatabase(settings.database, { applicationName: `incident-bot ${owner}`, failed: (error) => watch?.observe(error) });
  // On PostgreSQL under the Migrator's advisory lock: a replica starting beside another waits for its migrations.
  await migrateToLatest(db);
  // What use cases say happened reaches the metrics once their transaction commits.
  const store = createStore(db, (happening) => incidentMetrics.happened(happening));
  // SQLite serves one process: a claim left running was left by this bot's previous life, which crashed. (On
  // PostgreSQL it may be another replica's, at work right now: its lease runs out if it died.)
  if (settings.database.kind === 'sqlite') await requeueCrashedClaims(store, log);
  const metrics = createMetrics(
    () => store.outboxStats(clock.now()),
    () => store.inboxStats(clock.now()),
    () => readiness.ready(),
    (settings.alertSources ?? []).map((source) => source.name),
  );
  const availability = (watch = new AvailabilityWatch({
    isOutage: isDatabaseAway,
    probe: () => probeDatabase(db),
    events: reportAvailability(log.child({ area: 'database' }), metrics),
  }));
  const incidentMetrics = registerIncidentMetrics(metrics.registry, {
    figures: (boundsMs) => store.recordFigures(boundsMs),
    severities: config.severities.map((s) => s.id),
    rotations: rotationsOf(config).map((r) => r.name),
  });

  let ready = false;
  let delivery: EffectDelivery | null = null;
  let drain: InboxDrain | null = null;
  const intake = new EventIntake(store);
  const pace = new ReadingPace(intake);
  // The database catches up (checkpoints) in the quiet seconds between arrivals, not in the middle of a storm.
  checkpointWhenQuiet(() => intake.arrivingWithin(1_000));
  const pressure = new Backpressure(config.triage.backlogLimit, config.triage.stormReplyEvery);
  let slack: SlackApp | null = null;
  // In Socket Mode, ready also means connected: Slack can reach this replica.
  const readiness = { ready: async () => ready && (slack?.receiving() ?? false) && availability.available && (await databaseAnswers(db)) };
  const stored = () => drain?.stored();
  slack = await createInboundApp({ settings, log, clock, t, metrics, availability, intake, pressure, readiness, stored, socketMode: options.socketMode, refused: options.refused });

  const membership = createChannelMembership(slack.app.client, { now: () => clock.now().getTime(), log: log.child({ area: 'membership' }) });
  const useCases = useCaseDeps(config, { store, clock, t, metrics, pressure, botUserId: slack.botUserId, membership, effectsQueued: () => delivery?.kick() });
  // Drafts build permalinks from the workspace URL and leave the bot out of participants; kept in the record so the
  // CLI can do the same without Slack.
  if (slack.teamUrl !== null) await store.writeState(TEAM_URL_KEY, slack.teamUrl, clock.now());
  await store.writeState(BOT_USER_KEY, slack.botUserId, clock.now());
  delivery = createOutboxWorker({ settings, useCases, t, log, metrics, availability, options: deliveryOptions, slackTimeoutMs: options.slackTimeoutMs });
  const inbox = createInboxWorker({
    inbox: store, useCases, processSlackEvent: slack.processStoredEvent, alertSources: settings.alertSources ?? [], pace, replyEveryMs: config.triage.replyEvery,
    log, metrics, availability, options: { ...DEFAULT_DRAIN, ...lease, ...options.drain, owner },
  });
  drain = inbox.drain;
  registerListeners(slack, { useCases, locale: config.locale, t, log: log.child({ area: 'slack' }) });

  if (options.rehearse) {
    const started = performance.now();
    await rehearseStorm(useCases);
    log.debug({ ms: Math.round(performance.now() - started) }, 'rehearsed an alert storm');
  }
  // Events stored but not yet read before a restart are read now; then Slack's new requests are taken.
  drain.start();
  const port = await slack.start();
  // Effects left over from before a crash or restart (e.g. a channel not yet created) are delivered now.
  delivery.start();
  const jobs = startJobTick(scheduledWork(useCases, availability, { owner, leaseMs: deliveryOptions.leaseMs }), log.child({ area: 'scheduler' }));
  const stopHeapCollector = giveBackHeapAfterStorms({ arrivingWithin: (ms) => intake.arrivingWithin(ms), eventsRead: inbox.eventsRead }, log);
  ready = true;
  log.info({ port, socketMode: settings.slack.appToken !== null }, 'incident-bot ready');

  return {
    port,
    store,
    log,
    settled: async () => {
      await intake.drained();
      await drain.idle();
      await settle(delivery, store, clock);
    },
    ticked: (count) => jobs.ticked(count),
    async stop() {
      ready = false;
      stopHeapCollector();
      await jobs.stop();
      await slack.stop();
      await intake.drained();
      await drain.stop();
      await delivery.stop();
      await store.releaseJobLeases(owner).catch((error: unknown) => log.warn({ err: error }, 'could not hand back scheduled jobs; their leases run out'));
      availability.stop();
      await db.destroy();
      log.info('incident-bot stopped');
    },
  };
}
