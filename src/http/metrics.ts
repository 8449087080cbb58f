import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ALERT_SOURCES } from '../domain/triage/alert.js';
import type { InboxStats } from '../inbound/inbox.js';
import { WEBHOOK_ANSWERS } from '../inbound/webhooks/alert-webhook-route.js';
import type { OutboxStats } from '../app/outbox.js';
import { oncePerScrape } from './once-per-scrape.js';

/** Routes that answer 5xx when what a request carries cannot be stored (incident_bot_requests_unstored_total). */
const UNSTORED_ROUTES = ['slack_events', 'slack_interactive', 'alert_webhooks'] as const;

/**
 * Prometheus metrics, one registry per bot instance so tests can run several side by side. `alertSources` names the
 * configured alert webhook sources: their series start at 0.
 */
export function createMetrics(
  outboxStats: () => Promise<OutboxStats>,
  inboxStats: () => Promise<InboxStats>,
  ready: () => Promise<boolean> = async () => true,
  alertSources: readonly string[] = [],
) {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'incident_bot_' });
  // prom-client's totals of its per-type gauges are gauges named like counters (`promtool check metrics` refuses them);
  // sum the per-type series instead.
  for (const name of ['active_handles', 'active_requests', 'active_resources']) registry.removeSingleMetric(`incident_bot_nodejs_${name}_total`);
  new Gauge({
    name: 'incident_bot_ready',
    help: 'Whether this replica takes work: 1 once migrated and started while the database answers, 0 otherwise (as /readyz)',
    registers,
    async collect() {
      this.set((await ready().catch(() => false)) ? 1 : 0);
    },
  });
  const slackRequests = new Counter({ name: 'incident_bot_slack_requests_total', help: 'Slack requests handled, by type', labelNames: ['type'], registers });
  const effectsDelivered = new Counter({ name: 'incident_bot_slack_effects_delivered_total', help: 'Slack side effects delivered, by kind', labelNames: ['kind'], registers });
  const effectsRetried = new Counter({
    name: 'incident_bot_slack_effects_retried_total',
    help: 'Slack side effects put back for later, by kind and why: paused (429, waiting for a channel or card), failed (counted), or unverified (an earlier send may have landed and Slack refused the lookup; counted, never given up)',
    labelNames: ['kind', 'reason'],
    registers,
  });
  const deadLetters = new Counter({ name: 'incident_bot_outbox_dead_letters_total', help: 'Slack side effects given up (dead letters), by kind', labelNames: ['kind'], registers });
  const effectSeconds = new Histogram({
    name: 'incident_bot_slack_effect_seconds',
    help: 'Time to deliver one Slack side effect once claimed, by kind',
    labelNames: ['kind'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers,
  });
  const slackCalls = new Counter({ name: 'incident_bot_slack_api_calls_total', help: 'Slack Web API calls made by the outbox, by method', labelNames: ['method'], registers });
  const slackRateLimited = new Counter({ name: 'incident_bot_slack_api_rate_limited_total', help: 'Slack Web API calls answered 429, by method', labelNames: ['method'], registers });
  // A database that does not answer: the outbox and inbox series say nothing (no series, or NaN), the scrape still answers.
  const current = oncePerScrape(() => outboxStats().catch(() => null));
  new Gauge({
    name: 'incident_bot_outbox_depth',
    help: 'Slack side effects in the outbox, by state (queued, running, dead)',
    labelNames: ['state'],
    registers,
    async collect() {
      const s = await current();
      this.reset();
      if (s === null) return;
      this.set({ state: 'queued' }, s.queued);
      this.set({ state: 'running' }, s.running);
      this.set({ state: 'dead' }, s.dead);
    },
  });
  new Gauge({
    name: 'incident_bot_outbox_oldest_queued_seconds',
    help: 'Age of the oldest queued Slack side effect',
    registers,
    async collect() {
      const s = await current();
      this.set(s === null ? NaN : s.oldestQueuedAgeMs / 1000);
    },
  });
  const alertsReceived = new Counter({
    name: 'incident_bot_alerts_received_total',
    help: 'Alerts stored (each alert-channel message; each alert of a webhook notification), by the tool that sent them and the way in',
    labelNames: ['source', 'via'],
    registers,
  });
  // Known label values (here and below) start at 0, so the first of each shows in rate() and increase().
  for (const source of ALERT_SOURCES) alertsReceived.inc({ source, via: 'slack' }, 0);
  const alertWebhookRequests = new Counter({
    name: 'incident_bot_alert_webhook_requests_total',
    help: 'Alert notifications received over HTTP, by source and answer (stored, duplicate, overloaded, unauthorized, invalid …)',
    labelNames: ['source', 'answer'],
    registers,
  });
  // A request for no configured source is counted as source="unknown", so a configured one is never not_found.
  for (const source of alertSources) for (const answer of WEBHOOK_ANSWERS) if (answer !== 'not_found') alertWebhookRequests.inc({ source, answer }, 0);
  const ingestSeconds = new Histogram({
    name: 'incident_bot_ingest_seconds',
    help: 'Time from an event’s arrival (stored and acknowledged) until it was read and applied',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers,
  });
  const inboxDeadLetters = new Counter({ name: 'incident_bot_inbox_dead_letters_total', help: 'Stored events that could not be read and were given up', registers });
  const inboxRetries = new Counter({
    name: 'incident_bot_inbox_retries_total',
    help: 'Stored events whose reading failed (a listener threw, Slack or the database failed) and will be read again, by event kind',
    labelNames: ['kind'],
    registers,
  });
  const leasesLost = new Counter({
    name: 'incident_bot_leases_lost_total',
    help: 'Claims this replica could no longer renew, or that another replica had taken over when it finished, by work (outbox, inbox)',
    labelNames: ['work'],
    registers,
  });
  for (const work of ['outbox', 'inbox']) leasesLost.inc({ work }, 0);
  const currentInbox = oncePerScrape(() => inboxStats().catch(() => null));
  new Gauge({
    name: 'incident_bot_inbox_depth',
    help: 'Events from Slack stored but not yet read, by state (queued, running, dead)',
    labelNames: ['state'],
    registers,
    async collect() {
      const s = await currentInbox();
      this.reset();
      if (s === null) return;
      this.set({ state: 'queued' }, s.queued);
      this.set({ state: 'running' }, s.running);
      this.set({ state: 'dead' }, s.dead);
    },
  });
  new Gauge({
    name: 'incident_bot_inbox_oldest_unread_seconds',
    help: 'How long the oldest unread event has waited since it arrived',
    registers,
    async collect() {
      const s = await currentInbox();
      this.set(s === null ? NaN : s.oldestQueuedAgeMs / 1000);
    },
  });
  const databaseUp = new Gauge({
    name: 'incident_bot_database_up',
    help: 'Whether the database answers (0 while it is away: requests answer 503, workers wait for it)',
    registers,
  });
  databaseUp.set(1);
  const databaseOutages = new Counter({ name: 'incident_bot_database_outages_total', help: 'Times the database went away (a lost connection, a locked or full file)', registers });
  const databaseOutageSeconds = new Histogram({
    name: 'incident_bot_database_outage_seconds',
    help: 'How long each outage lasted, from the first query that failed until a probe could write again',
    buckets: [1, 2, 5, 10, 15, 30, 60, 300, 900, 3600],
    registers,
  });
  const requestsUnstored = new Counter({
    name: 'incident_bot_requests_unstored_total',
    help: 'Requests answered 5xx because what they carried could not be stored (the sender delivers them again), by route',
    labelNames: ['route'],
    registers,
  });
  for (const route of UNSTORED_ROUTES) requestsUnstored.inc({ route }, 0);
  return {
    registry,
    alertsReceived,
    alertWebhookRequests,
    ingestSeconds,
    inboxDeadLetters,
    inboxRetries,
    leasesLost,
    slackRequests,
    effectsDelivered,
    effectsRetried,
    deadLetters,
    effectSeconds,
    slackCalls,
    slackRateLimited,
    databaseUp,
    databaseOutages,
    databaseOutageSeconds,
    requestsUnstored,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
