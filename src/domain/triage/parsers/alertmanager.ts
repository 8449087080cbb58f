/**
 * Prometheus Alertmanager's Slack notifications: the default template (attachment titled `[FIRING:3] … (…)`, empty
 * text, `danger`/`good` colour, title link to Alertmanager) and the common custom templates whose text lists
 * `*Alert:*`, `*Description:*`, `*Graph:*`, `*Details:*` per alert, including text-only posts of the same, and custom
 * titles without the `[FIRING:N]` subject (`:fire: HostSwapping`) that keep Alertmanager's own title link.
 */
import type { AlertParser, ParsedAlert } from '../alert.js';
import { commonLabels, parseAlertBlocks, type AlertBlock } from './alertmanager-body.js';
import { hasGrafanaMarkers } from './grafana-markers.js';
import { findGroupSubjects, nameFromSubject, type GroupSubject } from './group-subject.js';
import type { MessageView } from './message-view.js';
import { normaliseAlert, serviceFromLabels, SEVERITY_WORDS } from './normalise-alert.js';
import { allUrls, cleanPhrase, firstMeaningfulLine } from './slack-markup.js';
import { sloAlertOf } from '../../slo/slo-alert.js';
import { sloLabelsFromTitleValues } from '../../slo/title-values.js';

/** Alertmanager's default title link, `slack.default.titlelink`: `<external URL>/#/alerts?receiver=…`. */
const ALERTMANAGER_UI = /^https?:\/\/[^\s#]+\/#\/alerts(?:[?/]|$)/i;
const RESOLVED_MARK = /:(?:white_check_mark|heavy_check_mark|large_green_circle|green_circle):|✅|\bRESOLVED\b/i;

function bodyOf(view: MessageView): string {
  const texts = view.attachments.map((a) => a.text).filter((t) => t.trim() !== '');
  return [...texts, view.text, ...view.blockLines].join('\n');
}

function severityOf(labels: Readonly<Record<string, string>>, blocks: readonly AlertBlock[], subjects: readonly GroupSubject[]): string | null {
  return (
    labels['severity'] ??
    blocks.find((block) => block.severity)?.severity ??
    blocks.find((block) => block.shown['severity'])?.shown['severity'] ??
    subjects.flatMap((s) => s.commonValues).find((value) => SEVERITY_WORDS.has(value.toLowerCase())) ??
    null
  );
}

/**
 * A custom template's title with Alertmanager's link but no `[FIRING:N]`: `:fire: HostSwapping`, `:white_check_mark:
 * HostSwapping`. Resolved when the title or the colour says so.
 */
function linkedTitleSubject(view: MessageView): GroupSubject | null {
  const attachment = view.attachments.find((a) => ALERTMANAGER_UI.test(a.titleLink) && a.title.trim() !== '');
  if (!attachment) return null;
  const resolved = RESOLVED_MARK.test(attachment.title) || attachment.color === 'good';
  const name = cleanPhrase(attachment.title.replace(/\b(?:FIRING|RESOLVED)\b:?/gi, ' '), 200);
  if (!name) return null;
  const status = resolved ? 'resolved' : 'firing';
  return { status, firing: resolved ? 0 : 1, resolved: 0, groupValues: [name], commonValues: [], rest: name };
}

function summaryOf(blocks: readonly AlertBlock[], subject: GroupSubject, body: string): string {
  for (const block of blocks) {
    const text = block.summary || block.annotations['summary'] || block.description || block.annotations['description'];
    if (text) return text;
  }
  const firstLine = firstMeaningfulLine(body);
  if (firstLine) return firstLine;
  return `[${subject.status === 'firing' ? `FIRING:${subject.firing}` : 'RESOLVED'}] ${subject.rest}`;
}

function linkOf(view: MessageView, blocks: readonly AlertBlock[], body: string): string | null {
  const titleLink = view.attachments.find((a) => a.titleLink.trim() !== '')?.titleLink;
  return titleLink ?? blocks.find((block) => block.graph)?.graph ?? allUrls(body)[0] ?? null;
}

/**
 * The default title names no labels: `[FIRING:3] HighRequestLatency checkout (…)` is alertname plus the other
 * `group_by` values. Those values are what tells two Alertmanager groups of one alert apart, so they stand in for the
 * service (usually what teams group by) rather than being dropped and merging the groups.
 */
function otherGroupValues(subjects: readonly GroupSubject[], name: string): string | null {
  for (const subject of subjects) {
    const [first, ...others] = subject.groupValues;
    if (first === name && others.length > 0) return others.join(' ');
  }
  return null;
}

function parseAlertmanager(view: MessageView): ParsedAlert | null {
  if (hasGrafanaMarkers(view)) return null;
  const subjects = findGroupSubjects(view);
  const bracketed = subjects[0] ?? null;
  const subject = bracketed ?? linkedTitleSubject(view);
  if (!subject) return null;
  const body = bodyOf(view);
  const blocks = parseAlertBlocks(body);
  const listed = commonLabels(blocks);
  const firing = subject.status === 'firing';
  const name = listed['alertname'] ?? nameFromSubject(subject);
  // The default title shows only label values; an SLO alert's labels can be told from them (title-values.ts).
  const fromTitle = bracketed && !sloAlertOf({ name, labels: listed, annotations: {} }) ? sloLabelsFromTitleValues(bracketed.groupValues, bracketed.commonValues) : null;
  const labels = { ...listed, ...fromTitle };
  return normaliseAlert({
    source: 'alertmanager',
    status: subject.status,
    name,
    severity: severityOf(labels, blocks, [subject, ...subjects]),
    service: serviceFromLabels(labels) ?? blocks.map((b) => b.shown['service'] ?? b.shown['app']).find((v) => v) ?? otherGroupValues([subject, ...subjects], name),
    summary: summaryOf(blocks, subject, body),
    labels,
    // Alertmanager re-sends the whole group: [FIRING:N] is the current total, a resolved group resolved all of it; a
    // title without [FIRING:N] only says that something fires.
    count: firing ? subject.firing : 0,
    countIsTotal: bracketed !== null || !firing,
    link: linkOf(view, blocks, body),
    reason: `${
      bracketed
        ? `Alertmanager notification: subject [${firing ? `FIRING:${subject.firing}` : 'RESOLVED'}]`
        : `Alertmanager notification: title linked to Alertmanager, ${firing ? 'firing' : 'resolved mark or green colour'}`
    }${fromTitle ? `; SLO labels read from the title's values (${Object.keys(fromTitle).join(', ')})` : ''}`,
  });
}

/** The `[FIRING:N]`/`[RESOLVED]` subject, or a title linking to Alertmanager's UI. */
const detectAlertmanager = (view: MessageView): boolean => /\[(?:FIRING|RESOLVED)\b/i.test(view.fullText) || /\/#\/alerts\b/.test(view.fullText);

export const alertmanagerParser: AlertParser = { source: 'alertmanager', detect: detectAlertmanager, parse: parseAlertmanager };
