/**
 * Datadog monitor notifications in Slack: a title `Triggered: <monitor name>` (also `Recovered:`, `Warn:`,
 * `No Data:`, `Re-Triggered:` …, or the event form `[Triggered on {host:a}] name`), an optional `[P1]` priority, a
 * multi-alert scope `on {service:checkout,env:prod}`, the monitor message as text and a link to
 * `app.datadoghq.com/monitors/…`.
 */
import type { AlertParser, ParsedAlert } from '../alert.js';
import { fieldValue, type MessageView } from './message-view.js';
import { labelledPairs, serviceFromPairs } from './labelled-fields.js';
import { normaliseAlert, serviceFromLabels } from './normalise-alert.js';
import { allUrls, plainText, stripEmphasis } from './slack-markup.js';

const TRANSITIONS =
  'Re-Triggered|Triggered|Warn Recovered|Alert Recovered|No Data Recovered|Recovered|Re-Warn|Warn|Re-No Data|No Data|Renotify|Alert';
const COLON_TITLE = new RegExp(`^\\s*(?:\\[(P[1-5])\\]\\s*)?(${TRANSITIONS}):\\s*(.+)$`, 'i');
const EVENT_TITLE = new RegExp(`^\\s*(?:\\[(P[1-5])\\]\\s*)?\\[(${TRANSITIONS})(?:\\s+on\\s+(\\{[^}]{0,500}\\}))?\\]\\s*(.+)$`, 'i');
const DATADOG_URL = /^https?:\/\/(?:[\w-]+\.)*(?:datadoghq\.(?:com|eu)|ddog-gov\.com)\//i;
const PRIORITY = /\[(P[1-5])\]\s*/i;
const TRAILING_SCOPE = /\s+on\s+(\{[^{}]{1,500}\}|[\w.-]+:[^\s,]+(?:,\s*[\w.-]+:[^\s,]+)*)\s*$/;

interface DatadogTitle {
  readonly transition: string;
  readonly priority: string | null;
  readonly name: string;
  readonly scope: string;
}

function readTitle(line: string): DatadogTitle | null {
  const clean = stripEmphasis(plainText(line)).trim();
  const colon = COLON_TITLE.exec(clean);
  const event = colon ? null : EVENT_TITLE.exec(clean);
  if (!colon && !event) return null;
  const transition = (colon?.[2] ?? event?.[2] ?? '').trim();
  let name = (colon?.[3] ?? event?.[4] ?? '').trim();
  const priority = colon?.[1] ?? event?.[1] ?? PRIORITY.exec(name)?.[1] ?? null;
  name = name.replace(PRIORITY, '').trim();
  const scopeMatch = TRAILING_SCOPE.exec(name);
  const scope = event?.[3] ?? scopeMatch?.[1] ?? '';
  if (scopeMatch) name = name.slice(0, scopeMatch.index).trim();
  return { transition, priority, name, scope };
}

/** `{service:checkout,env:prod}` or `service:checkout, env:prod` → labels. */
function tagsToLabels(tags: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const tag of tags.replace(/[{}]/g, '').split(/[,\s]+/)) {
    const colon = tag.indexOf(':');
    if (colon > 0) labels[tag.slice(0, colon)] = tag.slice(colon + 1);
  }
  return labels;
}

function titleCandidates(view: MessageView): string[] {
  return [
    ...view.attachments.flatMap((a) => [a.title, a.fallback]),
    ...view.blockLines.slice(0, 3),
    view.text.split('\n')[0] ?? '',
  ].filter((line) => line.trim() !== '');
}

/** The monitor message without the `@slack-…`/`@pagerduty-…` handles Datadog leaves in it. */
function summaryOf(view: MessageView, title: string): string {
  const texts = [...view.attachments.map((a) => a.text), ...view.blockLines.slice(1), view.text.split('\n').slice(1).join('\n')];
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const clean = stripEmphasis(plainText(line)).replace(/(^|\s)@[\w.@-]+/g, ' ').trim();
      if (/[\p{L}\p{N}]/u.test(clean) && !/^tags?:/i.test(clean)) return clean;
    }
  }
  return title;
}

/**
 * The service a monitor's own message names when the notification carries no tags: a `service: checkout` line (as
 * `{{service.name}}` templates print it) or the service in code, "Service `checkout` has got an ALERT".
 */
function serviceInMessage(view: MessageView): string | null {
  const labelled = serviceFromPairs(labelledPairs(view));
  if (labelled) return labelled;
  const named = /\bservice\s+`([\w.:/-]{1,100})`/i.exec(view.attachments.map((a) => a.text).join('\n') || view.text)?.[1];
  return named ?? null;
}

function parseDatadog(view: MessageView): ParsedAlert | null {
  const link = allUrls(view.fullText).find((url) => DATADOG_URL.test(url)) ?? null;
  if (!link && !/datadog/i.test(view.username)) return null;
  const title = titleCandidates(view).map(readTitle).find((t) => t !== null);
  if (!title) return null;
  const recovered = /recovered/i.test(title.transition);
  const tagText = fieldValue(view, /^tags?$/i) ?? /^\s*\*?tags?\*?:\*?\s*(.+)$/im.exec(view.fullText)?.[1] ?? '';
  const labels = { ...tagsToLabels(tagText), ...tagsToLabels(title.scope) };
  const warn = /warn/i.test(title.transition) && !recovered;
  const titleLink = view.attachments.find((a) => DATADOG_URL.test(a.titleLink))?.titleLink;
  return normaliseAlert({
    source: 'datadog',
    status: recovered ? 'resolved' : 'firing',
    name: title.name,
    severity: title.priority ?? (warn ? 'warning' : null),
    service: serviceFromLabels(labels) ?? serviceInMessage(view),
    summary: summaryOf(view, `${title.transition}: ${title.name}`),
    labels: { ...labels, transition: title.transition.toLowerCase() },
    // Datadog notifies per monitor (group): a recovery means that monitor is back to OK as a whole.
    count: recovered ? 0 : 1,
    countIsTotal: recovered,
    link: titleLink ?? link,
    reason: `Datadog monitor notification: "${title.transition}:" title${title.priority ? `, priority ${title.priority}` : ''}`,
  });
}

const detectDatadog = (view: MessageView): boolean => /datadoghq\.(?:com|eu)|ddog-gov\.com/i.test(view.fullText) || /datadog/i.test(view.username);

export const datadogParser: AlertParser = { source: 'datadog', detect: detectDatadog, parse: parseDatadog };
