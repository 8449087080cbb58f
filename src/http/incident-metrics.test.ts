import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parseExposition, samplesOf, valueOf } from '../../test/support/prometheus-text.js';
import type { RecordFigures } from '../app/record-figures.js';
import { registerIncidentMetrics } from './incident-metrics.js';

const figures: RecordFigures = {
  openIncidents: [{ severity: 'sev1', status: 'investigating', count: 2 }, { severity: null, status: 'triage', count: 1 }],
  openAlertGroups: [{ source: 'grafana', acknowledged: false, count: 3 }],
  openFollowUps: { ofOpenIncidents: 4, ofClosedIncidents: 1 },
  // Buckets 60 s, 300 s, …: one at 30 s, two at 4 min, one beyond a day.
  measures: [{ measure: 'resolve', severity: 'sev1', perBucket: [1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], count: 4, sumMs: 30_000 + 480_000 + 90_000_000 }],
};

async function scrape(read: () => Promise<RecordFigures>) {
  const registry = new Registry();
  const metrics = registerIncidentMetrics(registry, { figures: read, severities: ['sev1', 'sev2'], rotations: ['platform'] });
  return { metrics, scrape: async () => parseExposition(await registry.metrics()) };
}

describe('incident metrics', () => {
  it('renders the record as gauges and cumulative histograms, with every configured severity from zero', async () => {
    const { scrape: read } = await scrape(async () => figures);
    const e = await read();
    expect(valueOf(e, 'incident_bot_incidents_open', { severity: 'sev1', status: 'investigating' })).toBe(2);
    expect(valueOf(e, 'incident_bot_incidents_open', { severity: 'none', status: 'triage' })).toBe(1);
    expect(valueOf(e, 'incident_bot_incidents_open', { severity: 'sev2', status: 'mitigated' })).toBe(0);
    expect(valueOf(e, 'incident_bot_alert_groups_open', { source: 'grafana', acknowledged: 'false' })).toBe(3);
    expect(valueOf(e, 'incident_bot_follow_ups_open', { incident: 'open' })).toBe(4);
    expect(valueOf(e, 'incident_bot_follow_ups_open', { incident: 'closed' })).toBe(1);
    const resolve = 'incident_bot_incident_time_to_resolve_seconds';
    expect(samplesOf(e, `${resolve}_bucket`, { severity: 'sev1' }).map((s) => [s.labels.le, s.value])).toEqual([
      ['60', 1], ['300', 3], ['600', 3], ['900', 3], ['1800', 3], ['3600', 3], ['7200', 3], ['14400', 3], ['28800', 3], ['43200', 3], ['86400', 3], ['+Inf', 4],
    ]);
    expect(valueOf(e, `${resolve}_sum`, { severity: 'sev1' })).toBe(90_510);
    expect(valueOf(e, `${resolve}_count`, { severity: 'sev1' })).toBe(4);
    // Severities with no incident yet are there at zero (so the first one shows in rate()), as is "none".
    expect(samplesOf(e, `${resolve}_count`).map((s) => [s.labels.severity, s.value])).toEqual([['sev1', 4], ['sev2', 0], ['none', 0]]);
    expect(valueOf(e, 'incident_bot_incident_time_to_acknowledge_seconds_bucket', { severity: 'sev2', le: '+Inf' })).toBe(0);
  });

  it('counts what happened, each known label value from zero', async () => {
    const { metrics, scrape: read } = await scrape(async () => figures);
    metrics.happened({ kind: 'incident_declared', severity: null, source: 'rule' });
    metrics.happened({ kind: 'prompt_ignored', prompt: 'update_nudge' });
    metrics.happened({ kind: 'shift_handoff_late', rotation: 'platform' });
    metrics.happened({ kind: 'lead_handoff_acknowledged' });
    const e = await read();
    expect(valueOf(e, 'incident_bot_incidents_declared_total', { severity: 'none', source: 'rule' })).toBe(1);
    expect(valueOf(e, 'incident_bot_incidents_declared_total', { severity: 'sev2', source: 'webhook' })).toBe(0);
    expect(valueOf(e, 'incident_bot_prompts_ignored_total', { kind: 'update_nudge' })).toBe(1);
    expect(valueOf(e, 'incident_bot_prompts_answered_total', { kind: 'setup' })).toBe(0);
    expect(valueOf(e, 'incident_bot_shift_handoffs_late_total', { rotation: 'platform' })).toBe(1);
    expect(valueOf(e, 'incident_bot_shift_handoffs_acknowledged_total', { rotation: 'platform' })).toBe(0);
    expect(valueOf(e, 'incident_bot_lead_handoffs_acknowledged_total')).toBe(1);
  });

  it('a record that does not answer leaves its series out; the scrape and the counters still work', async () => {
    const { metrics, scrape: read } = await scrape(() => Promise.reject(new Error('connection refused')));
    metrics.happened({ kind: 'lead_handoff_requested' });
    const e = await read();
    expect(samplesOf(e, 'incident_bot_incidents_open')).toEqual([]);
    expect(samplesOf(e, 'incident_bot_follow_ups_open')).toEqual([]);
    expect(samplesOf(e, 'incident_bot_incident_time_to_resolve_seconds_count')).toEqual([]);
    expect(valueOf(e, 'incident_bot_lead_handoffs_requested_total')).toBe(1);
  });
});
