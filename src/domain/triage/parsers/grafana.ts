/**
 * Grafana's Slack notifications: unified alerting contact points (subject `[FIRING:1] … (…)` / `[RESOLVED] …`, text
 * `**Firing**` + `Value:` / `Labels:` / `Annotations:` / `Source:` / `Silence:` lines, "Grafana v…" footer) and legacy
 * dashboard alerting (`[Alerting] rule` / `[OK] rule` / `[No Data] rule`, eval matches as fields).
 */
import type { AlertParser, ParsedAlert } from '../alert.js';
import { commonLabels, parseAlertBlocks } from './alertmanager-body.js';
import { hasGrafanaMarkers } from './grafana-markers.js';
import { findGroupSubject, nameFromSubject, type GroupSubject } from './group-subject.js';
import type { AttachmentView, MessageView } from './message-view.js';
import { normaliseAlert, serviceFromLabels, SEVERITY_WORDS } from './normalise-alert.js';
import { allUrls, plainText, stripEmphasis } from './slack-markup.js';

const LEGACY_TITLE = /^\s*\[(Alerting|OK|No Data|Pending|Paused|Unknown)\]\s+(.+)$/i;

function bodyOf(view: MessageView): string {
  return [...view.attachments.map((a) => a.text), view.text].filter((t) => t.trim() !== '').join('\n');
}

/** The alerts of the first section only, so a firing message's labels are not mixed with its resolved alerts. */
function firstSection(body: string): string {
  const resolvedAt = body.search(/^\*\*Resolved\*\*\s*$/m);
  const firingAt = body.search(/^\*\*Firing\*\*\s*$/m);
  return firingAt !== -1 && resolvedAt > firingAt ? body.slice(firingAt, resolvedAt) : body;
}

function visibleLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([key]) => !key.startsWith('__')));
}

function parseUnified(view: MessageView, subject: GroupSubject): ParsedAlert {
  const body = bodyOf(view);
  const blocks = parseAlertBlocks(firstSection(body));
  const labels = visibleLabels(commonLabels(blocks));
  const annotations = blocks[0]?.annotations ?? {};
  const source = /^Source:\s*(https?:\/\/\S+)/m.exec(body)?.[1];
  const titleLink = view.attachments.find((a) => a.titleLink !== '')?.titleLink;
  const firing = subject.status === 'firing';
  return normaliseAlert({
    source: 'grafana',
    status: subject.status,
    name: labels['alertname'] ?? nameFromSubject(subject),
    severity: labels['severity'] ?? subject.commonValues.find((v) => SEVERITY_WORDS.has(v.toLowerCase())) ?? null,
    service: serviceFromLabels(labels),
    summary: annotations['summary'] ?? annotations['description'] ?? annotations['message'] ?? subject.rest,
    labels,
    // Like Alertmanager, Grafana re-sends the group: FIRING:N is the current total, RESOLVED means all of it.
    count: firing ? subject.firing : 0,
    countIsTotal: true,
    link: titleLink ?? source ?? allUrls(body)[0] ?? null,
    reason: `Grafana Alerting notification: subject [${firing ? `FIRING:${subject.firing}` : 'RESOLVED'}]`,
  });
}

function parseLegacy(attachment: AttachmentView, state: string, rule: string): ParsedAlert {
  const ok = state.toLowerCase() === 'ok';
  // Eval matches are posted as fields: series name → value at evaluation time.
  const labels = Object.fromEntries(attachment.fields.filter((f) => f.title !== '').map((f) => [f.title, f.value]));
  return normaliseAlert({
    source: 'grafana',
    status: ok ? 'resolved' : 'firing',
    name: rule,
    severity: null,
    service: null,
    summary: attachment.text.trim() || `[${state}] ${rule}`,
    labels: { ...labels, state: state.toLowerCase() },
    // A legacy rule is one alert: OK means the whole of it is back to normal.
    count: ok ? 0 : 1,
    countIsTotal: ok,
    link: attachment.titleLink || null,
    reason: `Grafana legacy alert: title [${state}]${ok ? ', back to OK' : ''}`,
  });
}

function parseGrafana(view: MessageView): ParsedAlert | null {
  if (!hasGrafanaMarkers(view)) return null;
  const subject = findGroupSubject(view);
  if (subject) return parseUnified(view, subject);
  for (const attachment of view.attachments) {
    const legacy = LEGACY_TITLE.exec(stripEmphasis(plainText(attachment.title || attachment.fallback)));
    if (legacy?.[1] && legacy[2]) return parseLegacy(attachment, legacy[1], legacy[2]);
  }
  return null;
}

export const grafanaParser: AlertParser = { source: 'grafana', detect: hasGrafanaMarkers, parse: parseGrafana };
