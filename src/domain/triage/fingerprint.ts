import type { Alert } from '../alerts/alert.js';
import { sloAlertOf } from '../slo/slo-alert.js';

export interface Fingerprint {
  /** Stable key: equal keys group together. */
  readonly key: string;
  /** The fields that made the key, shown to people as "why grouped". */
  readonly fields: Readonly<Record<string, string>>;
}

/** Reads a `groupBy` field: the alert's own name/service, else a label. Missing fields count as empty. */
function fieldValue(alert: Alert, field: string): string {
  if (field === 'alertname' || field === 'name') return alert.name;
  if (field === 'service') return alert.service ?? alert.labels.service ?? '';
  if (field === 'severity') return alert.severity ?? '';
  return alert.labels[field] ?? '';
}

/** The fields of an ordinary alert: source + alert name + the configured label keys. */
function configuredFields(alert: Alert, groupBy: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = { source: alert.source, alertname: alert.name.trim().toLowerCase() };
  for (const field of groupBy) {
    if (field === 'alertname' || field === 'name') continue;
    fields[field] = fieldValue(alert, field).trim().toLowerCase();
  }
  return fields;
}

/**
 * source + alert name + the configured label keys; for an SLO alert, source + the SLO (every tier of one SLO is one
 * problem, whatever its alert names and severities). Case and surrounding space do not split a group. Alerts whose
 * instances the tool identifies are counted per instance, messages by what they say: the two never share a group.
 */
export function fingerprintOf(alert: Alert, groupBy: readonly string[]): Fingerprint {
  const slo = alert.kind === 'alert' ? sloAlertOf(alert) : null;
  const fields = slo ? { source: alert.source, generator: slo.generator, slo: slo.id.toLowerCase() } : configuredFields(alert, groupBy);
  const key = Object.entries(fields).map(([k, v]) => `${k}=${v}`).join('|');
  return { key: alert.fingerprint === null ? key : `instances|${key}`, fields };
}
