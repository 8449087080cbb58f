import type { Incident } from './incident.js';
import { measureDurations } from './postmortem/durations.js';

/** The durations the metrics count, measured as the postmortem measures them: from detection to each milestone. */
export const MEASURES = ['acknowledge', 'mitigate', 'resolve'] as const;
export type MeasureName = (typeof MEASURES)[number];

export interface IncidentMeasure {
  readonly measure: MeasureName;
  /** The severity when the milestone was reached: a later change of severity does not move the measure. */
  readonly severity: string | null;
  readonly ms: number;
  /** When the milestone was reached. */
  readonly reachedAt: Date;
}

/**
 * The measures an incident has now. The record keeps each one from the first time it is reached (a reopened incident
 * keeps the time of its first resolve), so histograms read from the record only ever grow, as Prometheus requires.
 * A declined incident was not an incident: it has none. A milestone stamped before detection counts as 0.
 */
export function measuresOf(incident: Incident): IncidentMeasure[] {
  if (incident.status === 'declined') return [];
  const measures: IncidentMeasure[] = [];
  for (const duration of measureDurations(incident.milestones)) {
    const reachedAt = incident.milestones[duration.to];
    if (duration.id === 'detect' || duration.ms === null || reachedAt === null) continue;
    measures.push({ measure: duration.id, severity: incident.severity, ms: Math.max(0, duration.ms), reachedAt });
  }
  return measures;
}
