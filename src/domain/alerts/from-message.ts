import type { ParsedAlert } from '../triage/alert.js';
import type { Alert } from './alert.js';

/**
 * A message read by the alert-channel parsers, as the domain Alert: a message names no instance (no fingerprint) and
 * no start or end of its own; its one link is what its title points to.
 */
export function alertFromMessage(parsed: Omit<ParsedAlert, 'source'> & { readonly source: string }): Alert {
  return {
    source: parsed.source,
    kind: parsed.kind,
    status: parsed.status,
    name: parsed.name,
    severity: parsed.severity,
    service: parsed.service,
    subject: parsed.subject,
    summary: parsed.summary,
    labels: parsed.labels,
    annotations: {},
    fingerprint: null,
    startsAt: null,
    endsAt: null,
    links: parsed.link === null ? [] : [{ kind: 'alert', url: parsed.link }],
    count: parsed.count,
    countIsTotal: parsed.countIsTotal,
    reason: parsed.reason,
  };
}
