/**
 * A numbered run's outcome, as CI servers and their Slack plugins post it: Jenkins' slack-plugin ("checkout-web - #1432
 * Failure after 4 min 12 sec (Open)", "… Still Failing …", "… Back to normal …"), Travis CI ("Build #1432 (abc1234) of
 * acme/storefront@main by Jane Doe failed in 4 min 12 sec"). The run number, the duration, the commit and the author
 * change every run; what stays is the job, so the next run's failure joins the first and its success clears it.
 */
import { plainText, stripEmoji, stripEmphasis } from './slack-markup.js';

export type RunOutcomeKind = 'failure' | 'success' | 'cancelled';

export interface RunOutcome {
  readonly outcome: RunOutcomeKind;
  /** The job the run belongs to, without run number, commit, author or duration: `checkout-web`, `acme/storefront@main`. */
  readonly job: string;
  /** The outcome as the post words it: `Failure`, `Still Failing`, `failed`, `Back to normal`. */
  readonly said: string;
}

const RUN_NUMBER = /(?:^|[\s(])#(\d{1,9})\b/;
/** Most specific first, so "Still Failing" is not read as "Failing" and "Back to normal" not as nothing. */
const OUTCOMES: readonly (readonly [RegExp, RunOutcomeKind])[] = [
  [/\b(?:still failing|failure|failed|failing|broken|errored|unstable|timed out)\b/i, 'failure'],
  [/\b(?:back to normal|fixed|success|succeeded|successful|passed)\b/i, 'success'],
  [/\b(?:aborted|cancell?ed|not built)\b/i, 'cancelled'],
];
/** Words that say what kind of thing ran, not which one: "Build #12 of repo", "Job #3 for api". */
const RUN_WORD = /^(?:build|job|run|pipeline|workflow|deploy(?:ment)?)\b\s*(?:of|for)?\s*/i;

function firstOutcome(text: string): { outcome: RunOutcomeKind; index: number; said: string } | null {
  let best: { outcome: RunOutcomeKind; index: number; said: string } | null = null;
  for (const [pattern, outcome] of OUTCOMES) {
    const match = pattern.exec(text);
    if (match && (best === null || match.index < best.index)) best = { outcome, index: match.index, said: match[0] };
  }
  return best;
}

/** The outcome of a numbered run the line reports, or null when the line names no run (`#<n>`) followed by an outcome. */
export function readRunOutcome(line: string): RunOutcome | null {
  const text = stripEmoji(stripEmphasis(plainText(line))).replace(/\s+/g, ' ').trim();
  const number = RUN_NUMBER.exec(text);
  if (!number) return null;
  const afterNumber = number.index + number[0].length;
  const found = firstOutcome(text.slice(afterNumber));
  if (!found) return null;
  const before = `${text.slice(0, number.index)} ${text.slice(afterNumber, afterNumber + found.index)}`;
  const job = before
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+by\s+.*$/i, ' ')
    .replace(/\s+[-–—|:]\s+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(RUN_WORD, '')
    .replace(/^[\s\-–—|:]+|[\s\-–—|:]+$/g, '')
    .trim();
  return job === '' ? null : { outcome: found.outcome, job, said: found.said };
}
