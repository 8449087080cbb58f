import { describe, expect, it } from 'vitest';
import { parseExposition, samplesOf, valueOf } from '../../test/support/prometheus-text.js';
import { createMetrics } from './metrics.js';

describe('health metrics', () => {
  it('a database that does not answer: /metrics still answers, not ready, the outbox and inbox say nothing rather than 0', async () => {
    const away = () => Promise.reject(new Error('connection refused'));
    const metrics = createMetrics(away, away, away);
    const e = parseExposition(await metrics.registry.metrics());
    expect(valueOf(e, 'incident_bot_ready')).toBe(0);
    expect(samplesOf(e, 'incident_bot_outbox_depth')).toEqual([]);
    expect(samplesOf(e, 'incident_bot_inbox_depth')).toEqual([]);
    expect(valueOf(e, 'incident_bot_outbox_oldest_queued_seconds')).toBeNaN();
    expect(valueOf(e, 'incident_bot_inbox_oldest_unread_seconds')).toBeNaN();
  });

  it('serves no gauge named like a counter (prom-client’s active-handle totals are left out)', async () => {
    const stats = async () => ({ queued: 1, running: 0, dead: 2, oldestQueuedAgeMs: 1_500 });
    const e = parseExposition(await createMetrics(stats, stats).registry.metrics());
    expect([...e.types].filter(([name, type]) => name.endsWith('_total') && type !== 'counter')).toEqual([]);
    expect(valueOf(e, 'incident_bot_outbox_depth', { state: 'dead' })).toBe(2);
    expect(valueOf(e, 'incident_bot_outbox_oldest_queued_seconds')).toBe(1.5);
    expect(valueOf(e, 'incident_bot_ready')).toBe(1);
  });
});

describe('series the bot’s own alert rules read', () => {
  it('start at 0 for every known label value, so the first lost lease, unstored request or refused notification shows in increase()', async () => {
    const stats = async () => ({ queued: 0, running: 0, dead: 0, oldestQueuedAgeMs: 0 });
    const e = parseExposition(await createMetrics(stats, stats, undefined, ['prometheus']).registry.metrics());
    expect(samplesOf(e, 'incident_bot_leases_lost_total').map((s) => [s.labels.work, s.value])).toEqual([['outbox', 0], ['inbox', 0]]);
    expect(samplesOf(e, 'incident_bot_requests_unstored_total').map((s) => s.labels.route)).toEqual(['slack_events', 'slack_interactive', 'alert_webhooks']);
    const webhook = samplesOf(e, 'incident_bot_alert_webhook_requests_total');
    expect(webhook.every((s) => s.labels.source === 'prometheus' && s.value === 0)).toBe(true);
    expect(webhook.map((s) => s.labels.answer)).toEqual(['stored', 'duplicate', 'unauthorized', 'too_large', 'invalid', 'overloaded', 'unavailable']);
  });
});
