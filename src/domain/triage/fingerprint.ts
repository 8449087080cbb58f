import type { Alert } from '../alerts/alert.js';

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

/**
 * source + alert name + the configured label keys. Case and surrounding space do not split a group. Alerts whose
 * instances the tool identifies are counted per instance, messages by what they say: the two never share a group.
 */
export function fingerprintOf(alert: Alert, groupBy: readonly string[]): Fingerprint {
  const fields: Record<string, string> = { source: alert.source, alertname: alert.name.trim().toLowerCase() };
  for (const field of groupBy) {
    if (field === 'alertname' || field === 'name') continue;
    fields[field] = fieldValue(alert, field).trim().toLowerCase();
  }
  const key = Object.entries(fields).map(([k, v]) => `${k}=${v}`).join('|');
  return { key: alert.fingerprint === null ? key : `instances|${key}`, fields };
}
