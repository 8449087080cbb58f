/**
 * The normalisation every parser's result goes through, so the contract holds whatever a tool posted: trimmed text,
 * a non-empty name, a one-line summary of at most 300 characters, string labels, lower-case severity, an http(s) link.
 */
import type { AlertSource, AlertStatus, MessageKind, ParsedAlert } from '../alert.js';
import { cleanPhrase, decodeEntities, oneLine, plainText, stripEmphasis } from './slack-markup.js';

export interface AlertDraft {
  readonly source: AlertSource;
  /** A tool's alert unless said otherwise. */
  readonly kind?: MessageKind;
  readonly status: AlertStatus;
  /** Raw text (mrkdwn allowed); cleaned here. */
  readonly name: string;
  readonly severity?: string | null;
  readonly service?: string | null;
  readonly summary?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly count?: number;
  readonly countIsTotal?: boolean;
  readonly link?: string | null;
  readonly subject?: string | null;
  readonly reason: string;
}

export const MAX_SUMMARY = 300;
const MAX_NAME = 200;
const MAX_LABELS = 64;
const MAX_COUNT = 1_000_000;

function cleanLabels(labels: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  let kept = 0;
  for (const [rawKey, rawValue] of Object.entries(labels ?? {})) {
    if (kept >= MAX_LABELS) break;
    if (typeof rawKey !== 'string' || typeof rawValue !== 'string') continue;
    const key = oneLine(stripEmphasis(plainText(rawKey)), 100);
    if (key === '' || key === '__proto__') continue;
    out[key] = oneLine(stripEmphasis(plainText(rawValue)), MAX_SUMMARY);
    kept += 1;
  }
  return out;
}

/** An http(s) URL without spaces or markup, or null. */
export function cleanLink(link: string | null | undefined): string | null {
  if (typeof link !== 'string') return null;
  const url = decodeEntities(link.trim());
  return /^https?:\/\/[^\s<>|]+$/i.test(url) && url.length <= 2000 ? url : null;
}

function cleanOptional(value: string | null | undefined, max: number): string | null {
  if (typeof value !== 'string') return null;
  const clean = cleanPhrase(value, max);
  return clean === '' ? null : clean;
}

function cleanCount(count: number | undefined, status: AlertStatus): number {
  if (typeof count !== 'number' || !Number.isFinite(count) || count < 0) return status === 'firing' || status === 'acknowledged' ? 1 : 0;
  return Math.min(Math.floor(count), MAX_COUNT);
}

export function normaliseAlert(draft: AlertDraft): ParsedAlert {
  const name = cleanPhrase(draft.name, MAX_NAME) || `${draft.source} alert`;
  const summary = oneLine(stripEmphasis(plainText(draft.summary ?? '')), MAX_SUMMARY) || name;
  const severity = cleanOptional(draft.severity, 40)?.toLowerCase() ?? null;
  return {
    source: draft.source,
    kind: draft.kind ?? 'alert',
    status: draft.status,
    name,
    severity,
    service: cleanOptional(draft.service, 100),
    subject: cleanOptional(draft.subject, 200)?.toLowerCase() ?? null,
    summary,
    labels: cleanLabels(draft.labels),
    count: cleanCount(draft.count, draft.status),
    countIsTotal: draft.countIsTotal ?? false,
    link: cleanLink(draft.link),
    reason: oneLine(draft.reason, MAX_SUMMARY) || 'no reason given',
  };
}

/** Label keys that name the service, most specific first. */
const SERVICE_KEYS = [
  'service', 'service_name', 'app', 'application', 'app_kubernetes_io_name', 'component', 'container', 'deployment', 'statefulset',
  'daemonset', 'job', 'host', 'hostname', 'namespace',
];

export function serviceFromLabels(labels: Readonly<Record<string, string>>): string | null {
  for (const key of SERVICE_KEYS) {
    const value = labels[key]?.trim();
    if (value) return value;
  }
  return null;
}

/** Words tools put in a label or title to say how bad it is. */
export const SEVERITY_WORDS: ReadonlySet<string> = new Set([
  'critical', 'warning', 'warn', 'info', 'page', 'error', 'fatal', 'major', 'minor', 'high', 'medium', 'low',
]);
