/**
 * Prometheus Alertmanager's Slack notifications: the default template (attachment titled `[FIRING:3] … (…)`, empty
 * text, `danger`/`good` colour, title link to Alertmanager) and the common custom templates whose text lists
 * `*Alert:*`, `*Description:*`, `*Graph:*`, `*Details:*` per alert, including text-only posts of the same.
 */
import type { AlertMessage, AlertParser, ParsedAlert } from '../alert.js';
import { commonLabels, parseAlertBlocks, type AlertBlock } from './alertmanager-body.js';
import { hasGrafanaMarkers } from './grafana-markers.js';
import { findGroupSubject, nameFromSubject, type GroupSubject } from './group-subject.js';
import { viewMessage, type MessageView } from './message-view.js';
import { normaliseAlert, serviceFromLabels, SEVERITY_WORDS } from './normalise-alert.js';
import { allUrls } from './slack-markup.js';

function bodyOf(view: MessageView): string {
  const texts = view.attachments.map((a) => a.text).filter((t) => t.trim() !== '');
  return [...texts, view.text, ...view.blockLines].join('\n');
}

function severityOf(labels: Readonly<Record<string, string>>, blocks: readonly AlertBlock[], subject: GroupSubject): string | null {
  return (
    labels['severity'] ??
    blocks.find((block) => block.severity)?.severity ??
    subject.commonValues.find((value) => SEVERITY_WORDS.has(value.toLowerCase())) ??
    null
  );
}

function summaryOf(blocks: readonly AlertBlock[], subject: GroupSubject): string {
  for (const block of blocks) {
    const text = block.summary || block.annotations['summary'] || block.description || block.annotations['description'];
    if (text) return text;
  }
  return `[${subject.status === 'firing' ? `FIRING:${subject.firing}` : 'RESOLVED'}] ${subject.rest}`;
}

function linkOf(view: MessageView, blocks: readonly AlertBlock[], body: string): string | null {
  const titleLink = view.attachments.find((a) => a.titleLink.trim() !== '')?.titleLink;
  return titleLink ?? blocks.find((block) => block.graph)?.graph ?? allUrls(body)[0] ?? null;
}

function parseAlertmanager(message: AlertMessage): ParsedAlert | null {
  const view = viewMessage(message);
  if (hasGrafanaMarkers(view)) return null;
  const subject = findGroupSubject(view);
  if (!subject) return null;
  const body = bodyOf(view);
  const blocks = parseAlertBlocks(body);
  const labels = commonLabels(blocks);
  const firing = subject.status === 'firing';
  return normaliseAlert({
    source: 'alertmanager',
    status: subject.status,
    name: labels['alertname'] ?? nameFromSubject(subject),
    severity: severityOf(labels, blocks, subject),
    service: serviceFromLabels(labels),
    summary: summaryOf(blocks, subject),
    labels,
    // Alertmanager re-sends the whole group: [FIRING:N] is the current total, [RESOLVED] means all of it resolved.
    count: firing ? subject.firing : 0,
    countIsTotal: true,
    link: linkOf(view, blocks, body),
  });
}

export const alertmanagerParser: AlertParser = { source: 'alertmanager', parse: parseAlertmanager };
