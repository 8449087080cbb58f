/**
 * What tells a Grafana notification apart from an Alertmanager one with the same `[FIRING:1] …` subject: the
 * "Grafana v…" footer, the Grafana username, and the default message's `**Firing**`, `grafana_folder`, `Silence:` lines.
 */
import type { MessageView } from './message-view.js';

const GRAFANA_BODY = [
  /^\*\*(?:Firing|Resolved)\*\*\s*$/m,
  /^\s*-\s*grafana_folder\s*=/m,
  /^Silence:\s*https?:\/\/\S*\/alerting\/silence\//m,
  /^(?:Dashboard|Panel):\s*https?:\/\/\S*\/d\//m,
];

export function hasGrafanaMarkers(view: MessageView): boolean {
  if (/^grafana\b/i.test(view.username)) return true;
  for (const attachment of view.attachments) {
    if (/^grafana\b/i.test(attachment.footer.trim())) return true;
    if (/grafana\.com\/(?:static\/)?assets\//i.test(attachment.footerIcon)) return true;
    if (/\/alerting\/grafana\//.test(attachment.titleLink)) return true;
  }
  return GRAFANA_BODY.some((pattern) => pattern.test(view.fullText));
}
