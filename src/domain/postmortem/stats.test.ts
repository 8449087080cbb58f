import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config.js';
import type { Incident, Milestones } from '../incident.js';
import { scriptedIncident } from '../../../test/support/scripted-incident.js';
import { nearestRank, summarizeIncidents } from './stats.js';

const MIN = 60_000;
const base = scriptedIncident().incident;
const day = (d: number, minutes = 0) => new Date(Date.UTC(2026, 10, d, 3, minutes));

/** An incident declared on day `d`, detected then, acknowledged/mitigated/resolved after the given minutes. */
function incident(n: number, d: number, after: { ack?: number; mitigate?: number | null; resolve?: number | null }, overrides: Partial<Incident> = {}): Incident {
  const at = (m: number | null | undefined): Date | null => (m === null || m === undefined ? null : day(d, m));
  const milestones: Milestones = {
    impactStartedAt: null,
    detectedAt: day(d),
    declaredAt: day(d),
    acknowledgedAt: at(after.ack ?? 0),
    mitigatedAt: at(after.mitigate),
    resolvedAt: at(after.resolve),
  };
  return { ...base, number: n, severity: 'sev2', status: 'resolved', milestones, ...overrides };
}

describe('nearest-rank percentiles', () => {
  it.each([
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10],
    [[7], 50, 7],
    [[7], 90, 7],
    [[3, 9], 50, 3],
    [[3, 9], 90, 9],
    [[], 50, null],
  ])('%j p%i = %j', (values, p, expected) => {
    expect(nearestRank(values, p)).toBe(expected);
  });
});

describe('stats across incidents', () => {
  const severities = defaultConfig().severities;
  const incidents = [
    incident(1, 1, { mitigate: 10, resolve: 30 }, { severity: 'sev1' }),
    incident(2, 3, { mitigate: 20, resolve: 60 }),
    incident(3, 5, { mitigate: 40, resolve: 90 }),
    incident(4, 7, { mitigate: null, resolve: 45 }),
    incident(5, 9, { ack: 5, mitigate: null, resolve: null }, { status: 'investigating', severity: null }),
    incident(6, 10, { resolve: 1 }, { status: 'declined', severity: 'sev3' }),
    incident(7, 11, { mitigate: 15, resolve: 200 }, { severity: 'gone' }),
    incident(8, 2, { mitigate: 1, resolve: 2 }, { milestones: { ...incident(8, 2, {}).milestones, declaredAt: new Date('2026-10-01T00:00:00Z') } }),
  ];
  const stats = summarizeIncidents(incidents, severities, day(1), day(20));

  it('counts the period’s incidents by severity, declined ones apart', () => {
    expect(stats.total).toBe(6);
    expect(stats.declined).toBe(1);
    expect(stats.bySeverity).toEqual([
      { severityId: 'sev1', label: 'SEV1', count: 1 },
      { severityId: 'sev2', label: 'SEV2', count: 3 },
      { severityId: 'sev3', label: 'SEV3', count: 0 },
      { severityId: 'sev4', label: 'SEV4', count: 0 },
      { severityId: null, label: null, count: 1 },
      { severityId: 'gone', label: 'gone', count: 1 },
    ]);
  });

  it('gives median and p90 (nearest rank) of each duration over the incidents that have both milestones, and says how many', () => {
    expect(stats.durations).toEqual([
      { id: 'detect', count: 0, medianMs: null, p90Ms: null },
      { id: 'acknowledge', count: 6, medianMs: 0, p90Ms: 5 * MIN },
      { id: 'mitigate', count: 4, medianMs: 15 * MIN, p90Ms: 40 * MIN },
      { id: 'resolve', count: 5, medianMs: 60 * MIN, p90Ms: 200 * MIN },
    ]);
  });
});
