import type { Logger } from 'pino';
import type { Backpressure } from '../app/backpressure.js';
import { unlessAway, type StoreAvailability } from '../app/store-availability.js';
import type { Settings } from '../config.js';
import type { Clock } from '../domain/clock.js';
import type { Metrics } from '../http/metrics.js';
import { httpRoutes, type Readiness } from '../http/routes.js';
import { answerUnstored, reportUnstored } from '../http/unstored-answer.js';
import type { Catalog } from '../i18n/index.js';
import type { EventIntake } from '../inbound/event-intake.js';
import { eventIntake } from '../inbound/slack/events-api.js';
import { alertWebhookRoutes } from '../inbound/webhooks/alert-webhook-route.js';
import { createSlackApp, type SlackApp } from './bolt-app.js';
import type { SocketModeTiming } from './socket-mode-connection.js';

export interface InboundAppDeps {
  readonly settings: Settings;
  readonly log: Logger;
  readonly clock: Clock;
  readonly t: Catalog;
  readonly metrics: Metrics;
  readonly availability: StoreAvailability;
  /** Where every request's content is stored before it is answered. */
  readonly intake: EventIntake;
  readonly pressure: Backpressure;
  readonly readiness: Readiness;
  /** Something new was stored: the drain may read it now. */
  readonly stored: () => void;
  /** Socket Mode's connection timing (tests shorten the ping timeouts and backoff). */
  readonly socketMode?: Partial<SocketModeTiming> | undefined;
  /** Slack refused the app-level token while the bot was running; logged if not given. */
  readonly refused?: ((error: Error) => void) | undefined;
}

/**
 * The app every request arrives at: Slack's events (over HTTP or Socket Mode) and the alert webhooks, each stored
 * through the intake before it is answered, beside /healthz, /readyz and /metrics. A request that could not be stored
 * is counted and answered so its sender delivers it again.
 */
export async function createInboundApp(deps: InboundAppDeps): Promise<SlackApp> {
  const { settings, log, clock, metrics, availability, intake } = deps;
  const { config } = settings;
  const takeEvent = eventIntake(intake, clock, deps.stored);
  const httpLog = log.child({ area: 'http' });
  const webhookLog = log.child({ area: 'alert-webhooks' });
  const webhookRoutes = alertWebhookRoutes({
    sources: settings.alertSources ?? [],
    // While the database is known to be away a notification is refused at once (503): Alertmanager sends it again.
    intake: { accept: (event) => unlessAway(availability, () => intake.accept(event)) },
    clock,
    retryAfterSeconds: () => deps.pressure.webhookRetryAfter(config.triage.webhookBacklogLimit),
    log: webhookLog,
    answered: (source, answer) => metrics.alertWebhookRequests.inc({ source, answer }),
    stored: deps.stored,
    unstored: (error) => {
      metrics.requestsUnstored.inc({ route: 'alert_webhooks' });
      if (availability.explains(error)) webhookLog.debug({ err: error }, 'alert notification not stored while the database is away; the sender will retry');
      else webhookLog.warn({ err: error }, 'alert notification could not be stored; the sender will retry');
    },
  });

  const unstoredDeps = { availability, log: httpLog, counted: (route: string) => metrics.requestsUnstored.inc({ route }) };
  return createSlackApp({
    settings,
    log,
    routes: [...httpRoutes(deps.readiness, metrics.registry), ...webhookRoutes],
    metrics,
    errorText: (error) => (availability.explains(error) ? deps.t.errors.storeUnavailable : deps.t.errors.internal),
    availability,
    takeEvent: (json, raw) => unlessAway(availability, () => takeEvent(json, raw)),
    unstored: answerUnstored('slack_events', unstoredDeps),
    eventUnstored: (error) => void reportUnstored('slack_events', unstoredDeps)(error),
    socketMode: { ...(deps.socketMode ? { timing: deps.socketMode } : {}), refused: deps.refused ?? ((error) => log.error({ err: error }, 'Slack refused the app-level token; nothing more can arrive')) },
  });
}
