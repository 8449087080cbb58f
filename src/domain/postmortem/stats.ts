import type { Incident } from '../incident.js';
import type { Severity } from '../severity.js';
import { DURATIONS, measureDurations, type DurationId } from './durations.js';

/** Nearest-rank percentile (p in 0–100] of ascending values: the smallest value with at least p % at or below it. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

export interface SeverityCount {
  readonly severityId: string | null;
  readonly label: string | null;
  readonly count: number;
}

export interface DurationStats {
  readonly id: DurationId;
  /** How many incidents had both milestones: the median and p90 are over these. */
  readonly count: number;
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
}

export interface IncidentStats {
  readonly since: Date;
  readonly until: Date;
  readonly total: number;
  readonly declined: number;
  readonly bySeverity: readonly SeverityCount[];
  readonly durations: readonly DurationStats[];
}

/**
 * Incidents declared in [since, until]: counts by severity (every configured one, most severe first, then any
 * without or with a since-removed severity) and the median and p90 of each duration. Declined ones were not
 * incidents: counted apart, in nothing else.
 */
export function summarizeIncidents(all: readonly Incident[], severities: readonly Severity[], since: Date, until: Date): IncidentStats {
  const inPeriod = all.filter((i) => i.milestones.declaredAt >= since && i.milestones.declaredAt <= until);
  const incidents = inPeriod.filter((i) => i.status !== 'declined');
  const countOf = (id: string | null): number => incidents.filter((i) => i.severity === id).length;
  const configured = severities.map((s) => ({ severityId: s.id, label: s.label, count: countOf(s.id) }));
  const others = [...new Set(incidents.map((i) => i.severity).filter((id) => !severities.some((s) => s.id === id)))].map((id) => ({
    severityId: id,
    label: id,
    count: countOf(id),
  }));

  const measured = incidents.map((i) => measureDurations(i.milestones));
  const durations = DURATIONS.map(({ id }) => {
    const values = measured
      .map((list) => list.find((d) => d.id === id)?.ms ?? null)
      .filter((ms): ms is number => ms !== null)
      .sort((a, b) => a - b);
    return { id, count: values.length, medianMs: nearestRank(values, 50), p90Ms: nearestRank(values, 90) };
  });
  return { since, until, total: incidents.length, declined: inPeriod.length - incidents.length, bySeverity: [...configured, ...others], durations };
}
