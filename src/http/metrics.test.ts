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
