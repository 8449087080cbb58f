import type { ParsedAlert } from '../triage/alert.js';
import { sloAlertOf, sloKey } from '../slo/slo-alert.js';
import type { Alert } from './alert.js';

/**
 * A message read by the alert-channel parsers, as the domain Alert: a message names no instance (no fingerprint) and
 * no start or end of its own; its one link is what its title points to. An SLO alert's message is the exception: each
 * tier of its SLO is one instance (`slo:<generator>:<id>:<tier>`), so a ticket resolving while the page still fires
 * resolves that tier only, whatever the messages' counts say.
 */
export function alertFromMessage(parsed: Omit<ParsedAlert, 'source'> & { readonly source: string }): Alert {
  const alert: Alert = {
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
  const slo = alert.kind === 'alert' && alert.status !== 'info' ? sloAlertOf(alert) : null;
  if (!slo) return alert;
  return { ...alert, fingerprint: `slo:${sloKey(slo)}:${slo.tier ?? 'any'}`, count: 1, countIsTotal: false, reason: `${alert.reason}; ${slo.generator} SLO ${slo.id}, one instance per tier` };
}
