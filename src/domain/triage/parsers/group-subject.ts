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
/** Templates that end their title with the status (`acme-portal - prod-eks [FIRING:1]`): the words before it are the rest. */
const TRAILING_SUBJECT = /^([^\n[]{1,300}?)\s*\[(FIRING|RESOLVED)(?::\s*(\d{1,7}))?\]\s*$/i;

export function parseGroupSubject(line: string): GroupSubject | null {
  const plain = stripEmphasis(plainText(line));
  const trailing = SUBJECT.test(plain) ? null : TRAILING_SUBJECT.exec(plain);
  if (trailing) {
    const firing = trailing[2]?.toUpperCase() === 'FIRING';
    return { status: firing ? 'firing' : 'resolved', firing: firing ? Number(trailing[3] ?? 1) : 0, resolved: 0, groupValues: [], commonValues: [], rest: (trailing[1] ?? '').trim() };
  }
  const match = SUBJECT.exec(plain);
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

/**
 * Every Alertmanager-style subject of the message, where the template put it: attachment title, fallback, pretext or
 * the text. The first is the subject; the others still tell what it leaves out (a custom title keeps only the
 * alertname, while the default fallback still lists the group and common label values).
 */
export function findGroupSubjects(view: MessageView): GroupSubject[] {
  const candidates = [
    ...view.attachments.flatMap((a) => [a.title, a.fallback.split(' | ')[0] ?? '', a.pretext, a.text]),
    view.text,
    ...view.blockLines,
  ];
  return candidates.flatMap((candidate) => parseGroupSubject(candidate.trimStart().split('\n')[0] ?? '') ?? []);
}

export function findGroupSubject(view: MessageView): GroupSubject | null {
  return findGroupSubjects(view)[0] ?? null;
}

/**
 * The alert name a subject implies when no `alertname` label is visible: a lone value, or a leading
 * CamelCase/snake_case identifier (`HighRequestLatency checkout` → `HighRequestLatency`), else the whole group part.
 */
export function nameFromSubject(subject: GroupSubject): string {
  const [first, ...others] = subject.groupValues.filter((value) => !/^:[a-z0-9_+-]+:$|^\p{Extended_Pictographic}/u.test(value));
  if (first === undefined) return subject.rest;
  if (others.length === 0) return first;
  const identifier = /^(?:[A-Z][a-z0-9]*){2,}$/.test(first) || /^[A-Za-z][A-Za-z0-9]*(?:[_:][A-Za-z0-9]+)+$/.test(first);
  return identifier ? first : subject.groupValues.join(' ');
}
