import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics, one registry per bot instance so tests can run several side by side. */
export function createMetrics(pendingEffects: () => Promise<number>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'incident_bot_' });
  const slackRequests = new Counter({ name: 'incident_bot_slack_requests_total', help: 'Slack requests handled, by type', labelNames: ['type'], registers: [registry] });
  const effectsDelivered = new Counter({ name: 'incident_bot_slack_effects_delivered_total', help: 'Slack side effects delivered, by kind', labelNames: ['kind'], registers: [registry] });
  const effectsFailed = new Counter({ name: 'incident_bot_slack_effects_failed_total', help: 'Slack side effect attempts that failed and will be retried', labelNames: ['kind'], registers: [registry] });
  new Gauge({
    name: 'incident_bot_slack_effects_pending',
    help: 'Slack side effects waiting in the outbox',
    registers: [registry],
    async collect() {
      this.set(await pendingEffects());
    },
  });
  return { registry, slackRequests, effectsDelivered, effectsFailed };
}

export type Metrics = ReturnType<typeof createMetrics>;
