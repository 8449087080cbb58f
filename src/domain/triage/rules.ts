import type { Alert } from '../alerts/alert.js';

export type TriageAction = 'declare' | 'suggest' | 'ignore';

export interface TriageRule {
  readonly match: {
    readonly source?: string;
    readonly name?: string;
    readonly severity?: string;
    readonly labels?: Readonly<Record<string, string>>;
    /**
     * A regular expression over the alert's name, summary, annotations and its message's text; a leading `(?i)` (as in
     * Go/Prometheus) means case-insensitive.
     */
    readonly text?: string;
  };
  readonly action: TriageAction;
  readonly severity?: string;
}

export interface TriageDecision {
  readonly action: TriageAction;
  readonly severity: string | null;
  /** Which rule decided (0-based), or null for the default ("suggest"). */
  readonly ruleIndex: number | null;
  /** The deciding rule names a tool (`source`): it may make that tool's info posts a problem (see placement.ts). */
  readonly namesTool?: boolean;
}

const same = (a: string | null | undefined, b: string): boolean => (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();

function textPattern(pattern: string): RegExp | null {
  const insensitive = pattern.startsWith('(?i)');
  try {
    return new RegExp(insensitive ? pattern.slice(4) : pattern, insensitive ? 'i' : '');
  } catch {
    return null;
  }
}

export function ruleMatches(rule: TriageRule, alert: Alert, text: string): boolean {
  const m = rule.match;
  if (m.source !== undefined && !same(alert.source, m.source)) return false;
  if (m.name !== undefined && !same(alert.name, m.name)) return false;
  if (m.severity !== undefined && !same(alert.severity, m.severity)) return false;
  if (m.labels !== undefined && !Object.entries(m.labels).every(([k, v]) => same(alert.labels[k] ?? (k === 'service' ? alert.service : null), v))) return false;
  if (m.text !== undefined) {
    const pattern = textPattern(m.text);
    if (!pattern || !pattern.test([alert.name, alert.summary, ...Object.values(alert.annotations), text].join('\n'))) return false;
  }
  return true;
}

/** "When X, do Z" as data: the first matching rule decides; with none, the bot suggests (a triage reply). */
export function decideTriage(alert: Alert, text: string, rules: readonly TriageRule[]): TriageDecision {
  const index = rules.findIndex((rule) => ruleMatches(rule, alert, text));
  const rule = rules[index];
  if (!rule) return { action: 'suggest', severity: null, ruleIndex: null };
  return { action: rule.action, severity: rule.severity ?? null, ruleIndex: index, namesTool: rule.match.source !== undefined };
}
