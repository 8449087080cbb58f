import { Counter, Gauge, type Registry } from 'prom-client';
import { DECLARE_SOURCES, type Happening } from '../app/happenings.js';
import type { RecordFigures } from '../app/record-figures.js';
import { OPEN_STATUSES } from '../domain/incident.js';
import { MEASURES, type MeasureName } from '../domain/incident-measures.js';
import { PROMPT_KINDS } from '../domain/prompts.js';
import { assertNever } from '../domain/result.js';
import { oncePerScrape } from './once-per-scrape.js';
import { RecordHistogram } from './record-histogram.js';

/** From a minute to a day: the range between a page answered at once and an incident that ran all day. */
export const DURATION_BUCKETS_SECONDS = [60, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400] as const;

/** The severity label of an incident that has none yet. */
export const NO_SEVERITY = 'none';

const HISTOGRAM_NAMES: Record<MeasureName, { name: string; help: string }> = {
  acknowledge: { name: 'incident_bot_incident_time_to_acknowledge_seconds', help: 'Time from detection to acknowledgement of each incident, from the record, by severity at acknowledgement' },
  mitigate: { name: 'incident_bot_incident_time_to_mitigate_seconds', help: 'Time from detection to mitigation of each incident (its first), from the record, by severity at mitigation' },
  resolve: { name: 'incident_bot_incident_time_to_resolve_seconds', help: 'Time from detection to resolution of each incident (its first), from the record, by severity at resolution' },
};

export interface IncidentMetricSources {
  /** What the record holds now (one read per scrape). */
  readonly figures: (boundsMs: readonly number[]) => Promise<RecordFigures>;
  /** Configured severity ids and rotation names: their series start at 0. */
  readonly severities: readonly string[];
  readonly rotations: readonly string[];
}

const severityLabel = (severity: string | null): string => severity ?? NO_SEVERITY;

/**
 * How incidents are going, in two kinds. Read from the record at scrape time (gauges of what is open now, and the
 * duration histograms): every replica reports the same, a dashboard takes `max`. Counted in this process as things
 * happen (`…_total`): each replica counts its own, a dashboard takes `sum`.
 */
export function registerIncidentMetrics(registry: Registry, sources: IncidentMetricSources) {
  const registers = [registry];
  const boundsMs = DURATION_BUCKETS_SECONDS.map((s) => s * 1000);
  // A database that does not answer leaves these series out of the scrape; the rest of /metrics is still served.
  const current = oncePerScrape(() => sources.figures(boundsMs).catch((): RecordFigures | null => null));
  const severities = [...sources.severities, NO_SEVERITY];

  new Gauge({
    name: 'incident_bot_incidents_open',
    help: 'Open incidents (triage, investigating, mitigated) in the record, by severity and status',
    labelNames: ['severity', 'status'],
    registers,
    async collect() {
      const figures = await current();
      this.reset();
      if (figures === null) return;
      for (const severity of severities) for (const status of OPEN_STATUSES) this.set({ severity, status }, 0);
      for (const row of figures.openIncidents) this.inc({ severity: severityLabel(row.severity), status: row.status }, row.count);
    },
  });
  new Gauge({
    name: 'incident_bot_alert_groups_open',
    help: 'Alert groups still firing as far as their messages tell (not marked "not an incident"), in the record, by source and whether someone acknowledged them',
    labelNames: ['source', 'acknowledged'],
    registers,
    async collect() {
      const figures = await current();
      this.reset();
      for (const row of figures?.openAlertGroups ?? []) this.set({ source: row.source, acknowledged: String(row.acknowledged) }, row.count);
    },
  });
  new Gauge({
    name: 'incident_bot_follow_ups_open',
    help: 'Follow-up action items not done, in the record, by whether their incident is still open or closed (resolved, declined)',
    labelNames: ['incident'],
    registers,
    async collect() {
      const figures = await current();
      this.reset();
      if (figures === null) return;
      this.set({ incident: 'open' }, figures.openFollowUps.ofOpenIncidents);
      this.set({ incident: 'closed' }, figures.openFollowUps.ofClosedIncidents);
    },
  });
  for (const measure of MEASURES) {
    new RecordHistogram({ ...HISTOGRAM_NAMES[measure], labelNames: ['severity'], buckets: DURATION_BUCKETS_SECONDS, registers }, async () => {
      const figures = await current();
      if (figures === null) return [];
      // Every configured severity from the start (all zero), so its first incident shows in rate() and increase().
      const series = new Map(severities.map((severity) => [severity, { labels: { severity }, perBucket: [0], count: 0, sum: 0 }]));
      for (const m of figures.measures.filter((f) => f.measure === measure)) {
        series.set(severityLabel(m.severity), { labels: { severity: severityLabel(m.severity) }, perBucket: [...m.perBucket], count: m.count, sum: m.sumMs / 1000 });
      }
      return [...series.values()];
    });
  }

  const declared = new Counter({ name: 'incident_bot_incidents_declared_total', help: 'Incidents declared through this process, by severity at declaration and how (command, alert_group, rule, webhook)', labelNames: ['severity', 'source'], registers });
  const promptsAsked = new Counter({ name: 'incident_bot_prompts_asked_total', help: 'Prompts asked by this process, by kind', labelNames: ['kind'], registers });
  const promptsAnswered = new Counter({ name: 'incident_bot_prompts_answered_total', help: 'Prompts answered (a button, or the setup it asked for done), by kind', labelNames: ['kind'], registers });
  const promptsIgnored = new Counter({ name: 'incident_bot_prompts_ignored_total', help: 'Prompts left unanswered until the next one of their kind was asked, by kind', labelNames: ['kind'], registers });
  const shiftPosted = new Counter({ name: 'incident_bot_shift_handoffs_posted_total', help: 'Shift handoffs posted, by rotation', labelNames: ['rotation'], registers });
  const shiftAcknowledged = new Counter({ name: 'incident_bot_shift_handoffs_acknowledged_total', help: 'Shift handoffs acknowledged by the incoming person, by rotation', labelNames: ['rotation'], registers });
  const shiftLate = new Counter({ name: 'incident_bot_shift_handoffs_late_total', help: 'Shift handoffs still unacknowledged after ackTimeout (both people reminded), by rotation', labelNames: ['rotation'], registers });
  const leadRequested = new Counter({ name: 'incident_bot_lead_handoffs_requested_total', help: 'Requests to take over as incident commander', registers });
  const leadAcknowledged = new Counter({ name: 'incident_bot_lead_handoffs_acknowledged_total', help: 'Lead handoffs acknowledged by the new commander', registers });
  const leadLate = new Counter({ name: 'incident_bot_lead_handoffs_late_total', help: 'Lead handoffs still unacknowledged after leadAckTimeout (both people reminded)', registers });
  // Known label values start at 0, so the first event of each shows in rate() and increase().
  for (const severity of severities) for (const source of DECLARE_SOURCES) declared.inc({ severity, source }, 0);
  for (const kind of PROMPT_KINDS) for (const counter of [promptsAsked, promptsAnswered, promptsIgnored]) counter.inc({ kind }, 0);
  for (const rotation of sources.rotations) for (const counter of [shiftPosted, shiftAcknowledged, shiftLate]) counter.inc({ rotation }, 0);

  return {
    /** Counts what a committed transaction says happened. */
    happened(h: Happening): void {
      switch (h.kind) {
        case 'incident_declared':
          return declared.inc({ severity: severityLabel(h.severity), source: h.source });
        case 'prompt_asked':
          return promptsAsked.inc({ kind: h.prompt });
        case 'prompt_answered':
          return promptsAnswered.inc({ kind: h.prompt });
        case 'prompt_ignored':
          return promptsIgnored.inc({ kind: h.prompt });
        case 'shift_handoff_posted':
          return shiftPosted.inc({ rotation: h.rotation });
        case 'shift_handoff_acknowledged':
          return shiftAcknowledged.inc({ rotation: h.rotation });
        case 'shift_handoff_late':
          return shiftLate.inc({ rotation: h.rotation });
        case 'lead_handoff_requested':
          return leadRequested.inc();
        case 'lead_handoff_acknowledged':
          return leadAcknowledged.inc();
        case 'lead_handoff_late':
          return leadLate.inc();
        default:
          return assertNever(h);
      }
    },
  };
}

export type IncidentMetrics = ReturnType<typeof registerIncidentMetrics>;
