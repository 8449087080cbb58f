/**
 * Where a message in an alert channel goes, decided the same way live (ingest) and in the replay CLI:
 * - a problem (firing, acknowledged) joins the group of its fingerprint still within the window, or opens one;
 * - a recovery (a resolved alert, a tool's success post, a person's "it's back") joins that group, else resolves the
 *   still-firing groups of the same fingerprint or the same subject, however old; with nothing open it is only stored;
 * - anything else (a tool's info post, a question, talk) is only stored: it never opens a group, let alone a firing one.
 * A rule (`suggest`/`declare`) can make a person's statement a problem, and a rule that names a tool (`source`) that
 * tool's info posts; a question stays a question, and a success stays a success.
 */
import type { Alert } from '../alerts/alert.js';
import type { GroupCounts } from './group.js';
import type { TriageDecision } from './rules.js';

export interface CandidateGroup {
  readonly id: number;
  readonly counts: GroupCounts;
}

export interface PlacementCandidates {
  /** The newest group with the message's fingerprint whose last alert is within the group window. */
  readonly recent: CandidateGroup | undefined;
  /** Still-firing groups with the same fingerprint, or the same source and subject, newest first. */
  readonly stillFiring: readonly CandidateGroup[];
}

export type Placement =
  | { readonly action: 'store'; readonly why: string }
  | { readonly action: 'join'; readonly groupId: number }
  | { readonly action: 'open' }
  | { readonly action: 'resolve'; readonly groupIds: readonly number[] };

/**
 * A person's statement, or a tool's info post, that a configured rule asks to triage: the one way talk or a tool's
 * notice opens a group (`triage explain` tells which rule to add). Questions never do; a tool's post only for a rule
 * that names the tool, so a text rule written for people does not turn every matching notice into an alert.
 */
export function promotedByRule(alert: Alert, decision: TriageDecision): Alert {
  const promotes = decision.ruleIndex !== null && decision.action !== 'ignore';
  const talk = alert.kind === 'person' && alert.labels['said'] !== 'question';
  const notice = alert.kind === 'notice' && decision.namesTool === true;
  if (alert.status !== 'info' || !promotes || !(talk || notice)) return alert;
  return { ...alert, ...(notice ? { kind: 'alert' as const } : {}), status: 'firing', count: 1, countIsTotal: false, reason: `${alert.reason}; rule #${(decision.ruleIndex ?? 0) + 1} asks to triage it` };
}

export function placeMessage(alert: Alert, candidates: PlacementCandidates): Placement {
  switch (alert.status) {
    case 'info':
      return { action: 'store', why: alert.reason };
    case 'firing':
    case 'acknowledged':
      return candidates.recent ? { action: 'join', groupId: candidates.recent.id } : { action: 'open' };
    case 'resolved': {
      // A tool's success post only ever clears a problem; it does not pile onto a group that is already over.
      const recent = candidates.recent;
      if (recent && (alert.kind !== 'notice' || recent.counts.status === 'firing')) return { action: 'join', groupId: recent.id };
      const firing = candidates.stillFiring.filter((g) => g.counts.status === 'firing');
      if (firing.length > 0) return { action: 'resolve', groupIds: firing.map((g) => g.id) };
      return { action: 'store', why: `${alert.reason}; nothing open to resolve` };
    }
  }
}

/** Does a group's subject fall under a recovery's subject (`application web` clears `application web sync`)? */
export function subjectCovers(recovery: string, group: string): boolean {
  return group === recovery || group.startsWith(`${recovery} `);
}
