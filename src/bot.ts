import type { Logger } from 'pino';
import type { UseCaseDeps } from './app/deps.js';
import { EffectDelivery } from './app/deliver-effects.js';
import { BOT_USER_KEY, TEAM_URL_KEY } from './app/postmortem.js';
import { effectKey, type Store } from './app/ports.js';
import { rotationsOf, type Settings } from './config.js';
import { systemClock, type Clock } from './domain/clock.js';
import { openDatabase, migrateToLatest } from './db/connection.js';
import { createSqliteStore } from './db/sqlite-store.js';
import { createMetrics } from './http/metrics.js';
import { httpRoutes } from './http/routes.js';
import { messages } from './i18n/index.js';
import { createLogger } from './logger.js';
import { createSlackApp } from './slack/bolt-app.js';
import { createIncidentViews } from './slack/incident-views.js';
import { createChannelMembership } from './slack/channel-membership.js';
import { registerCardActions } from './slack/listeners/card-actions.js';
import { registerIncidentCommand } from './slack/listeners/incident-command.js';
import { registerModalSubmissions } from './slack/listeners/modal-submissions.js';
import { registerTimelineEvents } from './slack/listeners/timeline-events.js';
import { retryAfterMs } from './slack/slack-errors.js';
import { registerPromptActions } from './slack/listeners/prompt-actions.js';
import { registerAlertChannel } from './slack/listeners/alert-channel.js';
import { runDueJobs } from './app/run-due-jobs.js';
import { startJobTick } from './scheduler/job-tick.js';
import { oncallConfig } from './app/oncall/rotations.js';
import { runRotations } from './app/oncall/run-rotations.js';
import { createHandoffMessages } from './slack/handoff-messages.js';
import { registerOncallActions } from './slack/listeners/oncall-actions.js';

export interface RunningBot {
  readonly port: number;
  readonly store: Store;
  readonly log: Logger;
  /** Waits until every Slack effect due now has been tried (tests use it instead of sleeping). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export interface BotOptions {
  readonly clock?: Clock;
  readonly logger?: Logger;
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

  const db = openDatabase(settings.databasePath);
  await migrateToLatest(db);
  const store = createSqliteStore(db);
  const metrics = createMetrics(() => store.countPending());

  let ready = false;
  let delivery: EffectDelivery | null = null;


  const slack = await createSlackApp({
    settings,
    log,
    routes: httpRoutes(() => ready, metrics.registry),
    records: store,
    clock,
    metrics,
    internalErrorText: t.errors.internal,
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
    membership: createChannelMembership(slack.app.client, { log: log.child({ area: 'membership' }) }),
  };
  // Drafts build permalinks from the workspace URL and leave the bot out of participants; kept in the record so the
  // CLI can do the same without Slack.
  if (slack.teamUrl !== null) await store.writeState(TEAM_URL_KEY, slack.teamUrl, clock.now());
  await store.writeState(BOT_USER_KEY, slack.botUserId, clock.now());
  const incidentHandlers = createIncidentViews({
    client: slack.app.client,
    store,
    clock,
    log: log.child({ area: 'slack-views' }),
    config: {
      channelPrefix: config.incidentChannel.prefix,
      announceChannel: config.announceChannel,
      severities: config.severities,
      botUserId: slack.botUserId,
      snoozesMs: config.prompts.snooze,
      groupWindowMs: config.triage.groupWindow,
      timeZone: config.timezone,
      t,
    },
  });
  const handlers = {
    ...incidentHandlers,
    ...createHandoffMessages({ client: slack.app.client, store, clock, oncall: useCases.oncall, severities: config.severities, t, log: log.child({ area: 'oncall' }) }),
  };
  const effectLog = log.child({ area: 'outbox' });
  delivery = new EffectDelivery(
    store,
    handlers,
    clock,
    {
      delivered: (effect) => metrics.effectsDelivered.inc({ kind: effect.kind }),
      failed: (effect, attempts, error, retryInMs) => {
        metrics.effectsFailed.inc({ kind: effect.kind });
        effectLog.warn({ key: effectKey(effect), kind: effect.kind, attempts, retryInMs, err: error }, 'slack effect failed; will retry');
      },
    },
    retryAfterMs,
  );

  const listenerDeps = { useCases, locale: config.locale, t, log: log.child({ area: 'slack' }) };
  registerIncidentCommand(slack.app, listenerDeps);
  registerCardActions(slack.app, listenerDeps);
  registerModalSubmissions(slack.app, listenerDeps);
  registerTimelineEvents(slack.app, listenerDeps, () => slack.botUserId);
  registerPromptActions(slack.app, listenerDeps);
  registerAlertChannel(slack.app, listenerDeps);
  registerOncallActions(slack.app, listenerDeps);

  const port = await slack.start();
  // Effects left over from before a crash or restart (e.g. a channel not yet created) are delivered now.
  delivery.start();
  const jobs = startJobTick(async () => {
    await runDueJobs(useCases);
    await runRotations(useCases);
  }, log.child({ area: 'scheduler' }));
  ready = true;
  log.info({ port, socketMode: settings.slack.appToken !== null }, 'incident-bot ready');

  const activeDelivery = delivery;
  return {
    port,
    store,
    log,
    settled: () => activeDelivery.idle(),
    async stop() {
      ready = false;
      await jobs.stop();
      await slack.stop();
      await activeDelivery.stop();
      await db.destroy();
      log.info('incident-bot stopped');
    },
  };
}
