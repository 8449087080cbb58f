import type { Logger } from 'pino';
import type { UseCaseDeps } from './app/deps.js';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Backpressure } from './app/backpressure.js';
import { DEFAULT_DELIVERY, EffectDelivery, type DeliveryOptions } from './app/deliver-effects.js';
import { DEFAULT_DRAIN, InboxDrain, type DrainOptions } from './inbound/drain-inbox.js';
import { EventIntake } from './inbound/event-intake.js';
import { ReadingPace } from './inbound/reading-pace.js';
import { BOT_USER_KEY, TEAM_URL_KEY } from './app/postmortem.js';
import type { Store } from './app/ports.js';
import { rotationsOf, type Settings } from './config.js';
import { systemClock, type Clock } from './domain/clock.js';
import { connectDatabase, databaseAnswers, migrateToLatest } from './db/connection.js';
import { isDatabaseAway, probeDatabase } from './db/database-outage.js';
import { AvailabilityWatch, skippingOutages, unlessAway } from './app/store-availability.js';
import { reportAvailability } from './runtime/database-availability.js';
import { answerUnstored, reportUnstored } from './http/unstored-answer.js';
import { checkpointWhenQuiet } from './db/sqlite-connection.js';
import { giveBackHeapAfterStorms } from './runtime/heap-after-storm.js';
import { rehearseStorm } from './runtime/rehearsal.js';
import { createStore } from './db/store.js';
import { createMetrics } from './http/metrics.js';
import { registerIncidentMetrics } from './http/incident-metrics.js';
import { httpRoutes } from './http/routes.js';
import { messages } from './i18n/index.js';
import { createLogger } from './logger.js';
import { createSlackApp, webClientOptions, type SlackApp } from './slack/bolt-app.js';
import type { SocketModeTiming } from './slack/socket-mode-connection.js';
import { boltLogger } from './slack/bolt-logger.js';
import { createChannelMembership } from './slack/channel-membership.js';
import { createEffectHandlers } from './slack/effects/index.js';
import { sloEffectSettings } from './prometheus/slo-settings.js';
import { eventIntake } from './inbound/slack/events-api.js';
import { inboxProcessor } from './inbound/stored-events.js';
import { alertWebhookRoutes } from './inbound/webhooks/alert-webhook-route.js';
import { PacedWebClient } from './slack/paced-client.js';
import { registerCardActions } from './slack/listeners/card-actions.js';
import { registerJoinAction } from './slack/listeners/join-action.js';
import { registerIncidentCommand } from './slack/listeners/incident-command.js';
import { registerModalSubmissions } from './slack/listeners/modal-submissions.js';
import { registerTimelineEvents } from './slack/listeners/timeline-events.js';
import { classifySlackFailure } from './slack/slack-errors.js';
import { registerPromptActions } from './slack/listeners/prompt-actions.js';
import { registerAlertChannel } from './slack/listeners/alert-channel.js';
import { runDueJobs } from './app/run-due-jobs.js';
import { startJobTick } from './scheduler/job-tick.js';
import { oncallConfig } from './app/oncall/rotations.js';
import { runRotations } from './app/oncall/run-rotations.js';
import { registerOncallActions } from './slack/listeners/oncall-actions.js';
import { registerHomeEvents } from './slack/listeners/home-events.js';

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
/**
 * Waits until Slack shows what the record says: nothing running, nothing due, and nothing waiting that is due within
 * seconds (a 429 or pacing pause, a card the thread waits for). Rows backing off after failures longer than that do not
 * hold it up. Bounded, so a test that waits here fails on its own assertion rather than hanging.
 */
async function settle(delivery: EffectDelivery, store: Store, clock: Clock, withinMs = 15_000, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    await delivery.idle();
    const next = await store.nextDueAt(clock.now());
    if (next === null || next.getTime() - clock.now().getTime() > withinMs) {
      if (!(await store.hasClaimable(clock.now()))) return;
      continue;
    }
    delivery.kick();
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(10, next.getTime() - clock.now().getTime()))));
  }
}

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
  if (settings.database.kind === 'sqlite') {
    // SQLite serves one process: a claim left running was left by this bot's previous life, which crashed. (On
    // PostgreSQL it may be another replica's, at work right now: its lease runs out if it died.)
    const orphaned = (await store.releaseAllLeases()) + (await store.releaseAllEventLeases()) + (await store.releaseAllJobLeases());
    if (orphaned > 0) log.warn({ rows: orphaned }, 'outbox, inbox and job rows left running by a crash are queued again');
  }
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
  /** A failure of a worker's own loop: the outage is reported once by the watch, anything else here. */
  const loopFailure = (area: Logger, message: string) => (error: unknown) =>
    availability.explains(error) ? area.debug({ err: error }, message) : area.error({ err: error }, message);
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


  const takeEvent = eventIntake(intake, clock, () => drain?.stored());
  const alertSources = settings.alertSources ?? [];
  const httpLog = log.child({ area: 'http' });
  const webhookLog = log.child({ area: 'alert-webhooks' });
  const webhookRoutes = alertWebhookRoutes({
    sources: alertSources,
    // While the database is known to be away a notification is refused at once (503): Alertmanager sends it again.
    intake: { accept: (event) => unlessAway(availability, () => intake.accept(event)) },
    clock,
    retryAfterSeconds: () => pressure.webhookRetryAfter(config.triage.webhookBacklogLimit),
    log: webhookLog,
    answered: (source, answer) => metrics.alertWebhookRequests.inc({ source, answer }),
    stored: () => drain?.stored(),
    unstored: (error) => {
      metrics.requestsUnstored.inc({ route: 'alert_webhooks' });
      if (availability.explains(error)) webhookLog.debug({ err: error }, 'alert notification not stored while the database is away; the sender will retry');
      else webhookLog.warn({ err: error }, 'alert notification could not be stored; the sender will retry');
    },
  });

  const unstoredDeps = { availability, log: httpLog, counted: (route: string) => metrics.requestsUnstored.inc({ route }) };
  slack = await createSlackApp({
    settings,
    log,
    routes: [...httpRoutes(readiness, metrics.registry), ...webhookRoutes],
    metrics,
    errorText: (error) => (availability.explains(error) ? t.errors.storeUnavailable : t.errors.internal),
    availability,
    takeEvent: (json, raw) => unlessAway(availability, () => takeEvent(json, raw)),
    unstored: answerUnstored('slack_events', unstoredDeps),
    eventUnstored: (error) => void reportUnstored('slack_events', unstoredDeps)(error),
    socketMode: { ...(options.socketMode ? { timing: options.socketMode } : {}), refused: options.refused ?? ((error) => log.error({ err: error }, 'Slack refused the app-level token; nothing more can arrive')) },
  });

  const useCases: UseCaseDeps = {
    store,
    clock,
    severities: config.severities,
    promptTiming: {
      backOffWhileActiveMs: config.prompts.backOffWhileActive,
      leadAckTimeoutMs: config.prompts.leadAckTimeout,
      snoozesMs: config.prompts.snooze,
    },
    nudgeVia: config.prompts.nudgeVia,
    effectsQueued: () => delivery?.kick(),
    triage: {
      alertChannels: config.alertChannels,
      groupWindowMs: config.triage.groupWindow,
      groupBy: config.triage.groupBy,
      rules: config.triage.rules,
      replyEveryMs: config.triage.replyEvery,
    },
    botUserId: slack.botUserId,
    oncall: oncallConfig(rotationsOf(config)),
    postmortem: { timeZone: config.timezone, words: t.postmortem },
    pressure,
    alertsRead: (sources, via = 'slack') => sources.forEach((source) => metrics.alertsReceived.inc({ source, via })),
    membership: createChannelMembership(slack.app.client, { now: () => clock.now().getTime(), log: log.child({ area: 'membership' }) }),
  };
  // Drafts build permalinks from the workspace URL and leave the bot out of participants; kept in the record so the
  // CLI can do the same without Slack.
  if (slack.teamUrl !== null) await store.writeState(TEAM_URL_KEY, slack.teamUrl, clock.now());
  await store.writeState(BOT_USER_KEY, slack.botUserId, clock.now());
  const effectsClient = new PacedWebClient(
    settings.slack.botToken,
    { ...webClientOptions(settings, options.slackTimeoutMs), logger: boltLogger(log.child({ area: 'slack-web-api' })) },
    { called: (method) => metrics.slackCalls.inc({ method }), rateLimited: (method) => metrics.slackRateLimited.inc({ method }) },
  );
  const handlers = createEffectHandlers(
    { client: effectsClient, store, clock, t, log: log.child({ area: 'slack-effects' }), severities: config.severities, botUserId: slack.botUserId },
    {
      channelPrefix: config.incidentChannel.prefix,
      announceChannel: config.announceChannel,
      snoozesMs: config.prompts.snooze,
      groupWindowMs: config.triage.groupWindow,
      replyEveryMs: config.triage.replyEvery,
      pressure,
      timeZone: config.timezone,
      oncall: useCases.oncall,
      membership: useCases.membership,
      alertSourceChannels: alertSources.map((source) => source.channelId),
      slo: sloEffectSettings(config, clock, log.child({ area: 'prometheus' })),
    },
  );
  const effectLog = log.child({ area: 'outbox' });
  delivery = new EffectDelivery(
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
      loopFailed: loopFailure(effectLog, 'outbox delivery loop failed; carrying on'),
    },
    classifySlackFailure,
    { ...deliveryOptions, availability },
  );
  const inboxLog = log.child({ area: 'inbox' });
  let lastBehindLog = 0;
  let eventsRead = 0;
  drain = new InboxDrain(
    store,
    // Between two notifications (each may hold many alerts) as between two batches: arriving requests first.
    inboxProcessor(slack.processStoredEvent, useCases, alertSources, (lastMs) => pace.giveWay(lastMs)),
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
      loopFailed: loopFailure(inboxLog, 'inbox drain loop failed; carrying on'),
      measured: (stats) => {
        pressure.measured(stats);
        const now = Date.now();
        // Once a minute while behind: the one place that says the bot is not keeping up (plus the metrics and replies).
        if (pressure.behind && now - lastBehindLog >= 60_000) {
          lastBehindLog = now;
          inboxLog.warn(
            { waiting: pressure.backlog, oldestSeconds: Math.round(pressure.oldestAgeMs / 1000), replyEvery: pressure.replyEveryMs(config.triage.replyEvery) },
            'behind an alert storm: every event is stored; triage replies are coalesced harder until the backlog clears',
          );
        }
      },
    },
    { ...DEFAULT_DRAIN, ...lease, ...options.drain, owner, availability },
    pace,
  );

  const listenerDeps = { useCases, locale: config.locale, t, log: log.child({ area: 'slack' }) };
  registerIncidentCommand(slack.app, listenerDeps);
  registerCardActions(slack.app, listenerDeps);
  registerJoinAction(slack.app, listenerDeps);
  registerModalSubmissions(slack.app, listenerDeps);
  registerTimelineEvents(slack.app, listenerDeps, () => slack.botUserId);
  registerPromptActions(slack.app, listenerDeps);
  registerAlertChannel(slack.app, listenerDeps);
  registerOncallActions(slack.app, listenerDeps);
  registerHomeEvents(slack.app, listenerDeps);

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
  const jobs = startJobTick(
    skippingOutages(availability, () => store.releaseJobLeases(owner), async () => {
      await runDueJobs(useCases, { owner, leaseMs: deliveryOptions.leaseMs });
      await runRotations(useCases);
    }),
    log.child({ area: 'scheduler' }),
  );
  const stopHeapCollector = giveBackHeapAfterStorms({ arrivingWithin: (ms) => intake.arrivingWithin(ms), eventsRead: () => eventsRead }, log);
  ready = true;
  log.info({ port, socketMode: settings.slack.appToken !== null }, 'incident-bot ready');

  const activeDelivery = delivery;
  const activeDrain = drain;
  return {
    port,
    store,
    log,
    settled: async () => {
      await intake.drained();
      await activeDrain.idle();
      await settle(activeDelivery, store, clock);
    },
    ticked: (count) => jobs.ticked(count),
    async stop() {
      ready = false;
      stopHeapCollector();
      await jobs.stop();
      await slack.stop();
      await intake.drained();
      await activeDrain.stop();
      await activeDelivery.stop();
      await store.releaseJobLeases(owner).catch((error: unknown) => log.warn({ err: error }, 'could not hand back scheduled jobs; their leases run out'));
      availability.stop();
      await db.destroy();
      log.info('incident-bot stopped');
    },
  };
}
