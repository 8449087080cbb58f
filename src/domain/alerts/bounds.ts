import type { Alert, AlertLink, Labels } from './alert.js';

/**
 * What the record and the Slack views keep of an alert a tool sent over HTTP: the tool is trusted to say what fires,
 * not to be small. Names and summaries are one line; labels and annotations are capped in number and length; links are
 * http(s) only. (Messages read from Slack get the same treatment from the parsers' own normalisation.)
 */
const MAX_NAME = 200;
const MAX_SUMMARY = 300;
const MAX_LABELS = 64;
const MAX_LABEL_VALUE = 500;
const MAX_ANNOTATIONS = 32;
const MAX_ANNOTATION_VALUE = 2_000;
const MAX_FINGERPRINT = 200;

const oneLine = (text: string, max: number): string => text.replace(/\s+/g, ' ').trim().slice(0, max);

function boundedLabels(labels: Labels, maxEntries: number, maxValue: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels).slice(0, maxEntries)) {
    const name = key.trim().slice(0, 100);
    if (name === '' || name === '__proto__') continue;
    out[name] = value.slice(0, maxValue);
  }
  return out;
}

const httpUrl = (url: string): boolean => /^https?:\/\/[^\s<>|]+$/i.test(url) && url.length <= 2_000;

export function boundedAlert<A extends Alert>(alert: A): A {
  const name = oneLine(alert.name, MAX_NAME) || `${alert.source} alert`;
  const links: AlertLink[] = alert.links.filter((link) => httpUrl(link.url));
  return {
    ...alert,
    name,
    severity: alert.severity === null ? null : oneLine(alert.severity, 40).toLowerCase() || null,
    service: alert.service === null ? null : oneLine(alert.service, 100) || null,
    summary: oneLine(alert.summary, MAX_SUMMARY) || name,
    labels: boundedLabels(alert.labels, MAX_LABELS, MAX_LABEL_VALUE),
    annotations: boundedLabels(alert.annotations, MAX_ANNOTATIONS, MAX_ANNOTATION_VALUE),
    fingerprint: alert.fingerprint === null ? null : alert.fingerprint.slice(0, MAX_FINGERPRINT),
    links,
    reason: oneLine(alert.reason, MAX_SUMMARY),
  };
}
