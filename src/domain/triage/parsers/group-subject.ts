/**
 * The subject line of the Alertmanager notification template, shared by Prometheus Alertmanager and Grafana Alerting:
 * `[FIRING:3] <group label values> (<other common label values>)`, `[RESOLVED] …`, and Grafana's
 * `[FIRING:2, RESOLVED:1] …`.
 */
import type { AlertStatus } from '../alert.js';
import type { MessageView } from './message-view.js';
import { plainText, stripEmphasis } from './slack-markup.js';

export interface GroupSubject {
  readonly status: AlertStatus;
  readonly firing: number;
  readonly resolved: number;
  /** Values of the group labels, sorted by label name (so usually `alertname` first); keys are not in the title. */
  readonly groupValues: readonly string[];
  /** Values of the labels every alert shares beyond the group labels: the part in parentheses. */
  readonly commonValues: readonly string[];
  /** Everything after the bracket, as one line. */
  readonly rest: string;
}

const SUBJECT = /^\s*\[(FIRING|RESOLVED)(?::\s*(\d{1,7}))?(?:,\s*RESOLVED:\s*(\d{1,7}))?\]\s*([^\n]{0,1000})/i;

export function parseGroupSubject(line: string): GroupSubject | null {
  const match = SUBJECT.exec(stripEmphasis(plainText(line)));
  if (!match) return null;
  const firing = match[1]?.toUpperCase() === 'FIRING';
  const rest = (match[4] ?? '').trim();
  const open = rest.indexOf('(');
  const hasCommon = open !== -1 && rest.endsWith(')');
  const groupPart = hasCommon ? rest.slice(0, open) : rest;
  const commonPart = hasCommon ? rest.slice(open + 1, -1) : '';
  const words = (part: string): string[] => part.split(/\s+/).filter((word) => word !== '');
  return {
    status: firing ? 'firing' : 'resolved',
    firing: firing ? Number(match[2] ?? 1) : 0,
    resolved: Number(match[3] ?? 0),
    groupValues: words(groupPart),
    commonValues: words(commonPart),
    rest,
  };
}

/** The Alertmanager-style subject wherever the template put it: attachment title, fallback, pretext or the text. */
export function findGroupSubject(view: MessageView): GroupSubject | null {
  const candidates = [
    ...view.attachments.flatMap((a) => [a.title, a.fallback.split(' | ')[0] ?? '', a.pretext, a.text]),
    view.text,
    ...view.blockLines,
  ];
  for (const candidate of candidates) {
    const firstLine = candidate.trimStart().split('\n')[0] ?? '';
    const subject = parseGroupSubject(firstLine);
    if (subject) return subject;
  }
  return null;
}

/**
 * The alert name a subject implies when no `alertname` label is visible: a lone value, or a leading
 * CamelCase/snake_case identifier (`HighRequestLatency checkout` → `HighRequestLatency`), else the whole group part.
 */
export function nameFromSubject(subject: GroupSubject): string {
  const [first, ...others] = subject.groupValues;
  if (first === undefined) return subject.rest;
  if (others.length === 0) return first;
  const identifier = /^(?:[A-Z][a-z0-9]*){2,}$/.test(first) || /^[A-Za-z][A-Za-z0-9]*(?:[_:][A-Za-z0-9]+)+$/.test(first);
  return identifier ? first : subject.groupValues.join(' ');
}
