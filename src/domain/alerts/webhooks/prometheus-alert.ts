/**
 * The alert both Alertmanager and Grafana send (Grafana's notifications come from its embedded Alertmanager): labels,
 * annotations, status, start and end, the link to the rule that produced it, and a fingerprint of its labels.
 */
import { z } from 'zod';
import { serviceFromLabels } from '../../triage/parsers/normalise-alert.js';
import type { AlertLink, IdentifiedAlert } from '../alert.js';

const labelMap = z.record(z.string(), z.string());

/** RFC 3339 as Go writes it (nanoseconds and offsets included). */
const timestamp = z.string().refine((text) => !Number.isNaN(Date.parse(text)), { message: 'must be an RFC 3339 time like 2026-11-02T10:00:00Z' });

export const prometheusAlertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labelMap,
  annotations: labelMap.default({}),
  startsAt: timestamp,
  endsAt: timestamp,
  generatorURL: z.string().default(''),
  fingerprint: z.string().min(1, 'must name the alert instance'),
});

export type PrometheusAlert = z.output<typeof prometheusAlertSchema>;

const labelsSchema = labelMap.default({});

/** What both tools' notifications carry besides their version and alerts (Alertmanager's `template.Data` and more). */
export const notificationFields = {
  groupKey: z.string(),
  truncatedAlerts: z.number().int().min(0).default(0),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: labelsSchema,
  commonLabels: labelsSchema,
  commonAnnotations: labelsSchema,
  externalURL: z.string().default(''),
};

/** More alerts than this in one notification is not a notification. */
export const MAX_ALERTS = 10_000;

/** Go's zero time (`0001-01-01T00:00:00Z`) is how both tools say "no end yet". */
export function timeOrNull(text: string): Date | null {
  const at = new Date(text);
  return Number.isNaN(at.getTime()) || at.getUTCFullYear() <= 1970 ? null : at;
}

/** Grafana keeps internal labels and annotations under `__…__`; they are not for people. */
const visible = (labels: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(labels).filter(([key]) => !key.startsWith('__')));

export const link = (kind: AlertLink['kind'], url: string | undefined): AlertLink[] => (url ? [{ kind, url }] : []);

/**
 * One alert of a notification, as the domain takes it. Links: `lead` (the tool's page for the alert, when it has one),
 * the rule that produced it, `more` (silence, dashboard …), the runbook.
 */
export function alertOfPrometheusAlert(raw: PrometheusAlert, source: string, lead: readonly AlertLink[], more: readonly AlertLink[] = []): IdentifiedAlert {
  const labels = visible(raw.labels);
  const annotations = visible(raw.annotations);
  const name = labels['alertname'] ?? 'unnamed alert';
  const endsAt = timeOrNull(raw.endsAt);
  const status = raw.status === 'resolved' ? 'resolved' : 'firing';
  return {
    source,
    kind: 'alert',
    status,
    name,
    severity: labels['severity'] ?? labels['priority'] ?? null,
    service: serviceFromLabels(labels),
    subject: null,
    summary: annotations['summary'] ?? annotations['description'] ?? annotations['message'] ?? name,
    labels,
    annotations,
    fingerprint: raw.fingerprint,
    startsAt: timeOrNull(raw.startsAt),
    // A firing alert's end is when it would expire unless renewed, not an end: only a resolved one has ended.
    endsAt: status === 'resolved' ? endsAt : null,
    links: [...lead, ...link('source', raw.generatorURL), ...more, ...link('runbook', annotations['runbook_url'])],
    count: 1,
    countIsTotal: false,
    reason: `${source} webhook: instance ${raw.fingerprint} ${status}`,
  };
}
