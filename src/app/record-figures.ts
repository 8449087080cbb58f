import type { Status } from '../domain/incident.js';
import type { IncidentMeasure, MeasureName } from '../domain/incident-measures.js';

export interface OpenIncidentCount {
  readonly severity: string | null;
  readonly status: Status;
  readonly count: number;
}

export interface OpenAlertGroupCount {
  readonly source: string;
  readonly acknowledged: boolean;
  readonly count: number;
}

/** The recorded measures of one name and severity, counted into the histogram's buckets. */
export interface MeasureCounts {
  readonly measure: MeasureName;
  readonly severity: string | null;
  /** How many fall in each bucket (not cumulative): up to each bound, then one more for beyond the largest. */
  readonly perBucket: readonly number[];
  readonly count: number;
  readonly sumMs: number;
}

/** What the metrics read from the record when scraped: the same on every replica, whatever each has seen. */
export interface RecordFigures {
  readonly openIncidents: readonly OpenIncidentCount[];
  /** Alert groups still firing (as far as their messages tell) that nobody marked "not an incident". */
  readonly openAlertGroups: readonly OpenAlertGroupCount[];
  /** Follow-ups not done, of incidents still open and of incidents closed (resolved or declined). */
  readonly openFollowUps: { readonly ofOpenIncidents: number; readonly ofClosedIncidents: number };
  readonly measures: readonly MeasureCounts[];
}

export interface MeasureRecords {
  /** Keeps each measure the first time it is reached; one already kept stays as it is. */
  recordMeasures(incidentNumber: number, measures: readonly IncidentMeasure[]): Promise<void>;
}

export interface FigureReads {
  /** `boundsMs`: the histograms' bucket bounds, ascending. */
  recordFigures(boundsMs: readonly number[]): Promise<RecordFigures>;
}
