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
import { colourMeaning } from './colour-meaning.js';
import { saysOnlyHowMany } from './post-signals.js';
import { allUrls, firstMeaningfulLine, plainText, stripEmoji, stripEmphasis } from './slack-markup.js';

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

/**
 * A contact point with a custom title and text ("🔥 1 alert(s) firing", a bold summary per alert): firing or resolved
 * by the default text's section heading, else by Grafana's colours (#D63232 firing, #36a64f resolved); named by the
 * alertname label when the text lists labels, else by the title, else (a title that only counts) the first line.
 */
function parseCustom(view: MessageView, attachment: AttachmentView): ParsedAlert | null {
  const body = bodyOf(view);
  const heading = /^\*\*(Firing|Resolved)\*\*\s*$/m.exec(body)?.[1];
  const colour = colourMeaning(attachment.color);
  const firing = heading ? heading === 'Firing' : colour === 'red' || colour === 'amber' ? true : colour === 'green' ? false : null;
  if (firing === null) return null;
  const labels = visibleLabels(commonLabels(parseAlertBlocks(firstSection(body))));
  const title = attachment.title.trim();
  const name = labels['alertname'] ?? (title && !saysOnlyHowMany(title) ? title : firstMeaningfulLine(body));
  const count = /^\D*(\d{1,6})\b/.exec(stripEmoji(title))?.[1];
  return normaliseAlert({
    source: 'grafana',
    status: firing ? 'firing' : 'resolved',
    name,
    severity: labels['severity'] ?? null,
    service: serviceFromLabels(labels),
    summary: firstMeaningfulLine(body) || title,
    labels,
    // The custom title's count, when it has one, is the group's like `[FIRING:N]` is.
    count: firing ? Number(count ?? 1) : 0,
    countIsTotal: true,
    link: attachment.titleLink || allUrls(body)[0] || null,
    reason: `Grafana Alerting notification with a custom title: ${heading ? `"**${heading}**" section` : `${colour ?? ''} colour ${attachment.color}`}`,
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
  const attachment = view.attachments[0];
  return attachment ? parseCustom(view, attachment) : null;
}

export const grafanaParser: AlertParser = { source: 'grafana', detect: hasGrafanaMarkers, parse: parseGrafana };
