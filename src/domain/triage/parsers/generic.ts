/**
 * The fallback for people and for integrations no parser knows. People: a clear failure report fires, "it's back"
 * resolves, a question or talk is info (see person-message.ts). Unknown integrations fail safe: named by their title
 * (not their first field), severity and service from labelled fields, firing on any failure signal in title, fallback,
 * text or blocks (a red colour, ❌, "failed", "error", "down" … see post-signals.ts); only a clear success or info
 * statement keeps them quiet. A CI server's numbered run ("checkout-web - #1432 Failure after 4 min") is named by its
 * job, so every run of the job is one problem and its success clears it (run-outcome.ts).
 */
import type { AlertSource, AlertStatus, MessageKind, ParsedAlert } from '../alert.js';
import { guessService, normalisedPhrase, reportName, severityFromWords } from './human-message-heuristics.js';
import { labelledPairs, serviceFromPairs, severityFromLabels } from './labelled-fields.js';
import type { MessageView } from './message-view.js';
import { normaliseAlert } from './normalise-alert.js';
import { classifyPersonMessage } from './person-message.js';
import { readPostSignals, saysOnlyHowMany, type PostSignals, type Signal } from './post-signals.js';
import { readRunOutcome, type RunOutcome } from './run-outcome.js';
import { allUrls, cleanPhrase, firstMeaningfulLine, plainText, stripEmphasis } from './slack-markup.js';

/** A status emoji in front of the first line (`*:red_circle: Errors…*`, `🚨 …`) decorates it; the summary is the words. */
const LEADING_EMOJI = /^([\s*_~]*)(?::[a-z0-9_+-]+:\s*|[\p{Extended_Pictographic}\uFE0F\u200D]\s*)+/iu;
/** `Resolved:`, `[RESOLVED]`, `OK -`, `Alert:`: the state in front of a title is not part of its name. */
const STATUS_PREFIX = /^\s*[[(]?\s*(?:resolved|recovered|recovery|ok|firing|alert(?:ing)?|problem|triggered|warning|critical|error|failure|failed|success|succeeded|up|down|info)\s*[\])]?\s*[:\-–—|]\s*/i;

/** What the message says, from its text or, for an integration that only posts attachments or blocks, from those. */
function readableText(view: MessageView): string {
  if (firstMeaningfulLine(view.text) !== '') return view.text;
  const pieces = [
    ...view.blockLines,
    ...view.attachments.flatMap((a) => [a.pretext, a.title, a.text, ...a.blockLines, ...a.fields.map((f) => `${f.title}: ${f.value}`), a.fallback]),
  ];
  return pieces.filter((piece) => piece.trim() !== '').join('\n');
}

const withoutStatusPrefix = (line: string): string => {
  const plain = stripEmphasis(plainText(line)).replace(LEADING_EMOJI, '$1').trim();
  return plain.replace(STATUS_PREFIX, '').trim() || plain;
};

function parsePerson(view: MessageView): ParsedAlert {
  const text = readableText(view);
  const firstLine = firstMeaningfulLine(text);
  const verdict = classifyPersonMessage(text);
  const service = guessService(firstLine) ?? guessService(text);
  return normaliseAlert({
    source: 'generic',
    kind: 'person',
    status: verdict.status,
    // "Seeing 502 errors on checkout since 10:02" is "checkout 502 errors": the same complaint, however worded, groups.
    name: reportName(firstLine, service) || normalisedPhrase(withoutStatusPrefix(firstLine)) || 'unparsed message',
    severity: verdict.status === 'firing' ? severityFromWords(text) : null,
    service,
    // A person's "checkout is back" pairs with the open reports about checkout.
    subject: service,
    summary: firstLine.replace(LEADING_EMOJI, '$1') || text,
    labels: { said: verdict.said },
    // One report per message; "it's back" means the whole problem is over.
    count: verdict.status === 'firing' ? 1 : 0,
    countIsTotal: verdict.status !== 'firing',
    link: allUrls(text)[0] ?? null,
    reason: verdict.reason,
  });
}

/**
 * The title an integration gives its post: attachment title, its text's first line, a header or first block (Sentry's
 * linked `Critical: …` in an attachment's blocks), else pretext, attachment text or fallback. Never a field.
 */
function titleOf(view: MessageView): string {
  // A title that only counts ("🔥 1 alert(s) firing") names nothing: the text under it does.
  const attachmentTitle = view.attachments.find((a) => a.title.trim() !== '' && !saysOnlyHowMany(a.title))?.title;
  if (attachmentTitle) return attachmentTitle;
  const candidates = [view.text, view.blockLines.join('\n'), ...view.attachments.flatMap((a) => [a.blockLines.join('\n'), a.pretext, a.text, a.fallback])];
  for (const candidate of candidates) {
    const line = firstMeaningfulLine(candidate);
    if (line) return line;
  }
  return '';
}

interface IntegrationVerdict {
  readonly kind: MessageKind;
  readonly status: AlertStatus;
  readonly reason: string;
}

/** A success that is the end of a problem ("Resolved:", "recovered", "back to normal", "OK") rather than a tool's good news. */
const RECOVERY = /\b(?:resolved|recovered|recovery|back to normal|back up|is up|now up|ok|up|healthy|fixed|all clear)\b/i;

function classifyIntegration(signals: PostSignals): IntegrationVerdict {
  const { verdict } = signals;
  if (!verdict) return { kind: 'notice', status: 'info', reason: 'unknown integration: an info post, no failure signal anywhere (no red colour, failure emoji or failure words)' };
  switch (verdict.kind) {
    case 'failure':
      return { kind: 'alert', status: 'firing', reason: `unknown integration: a failure signal, ${verdict.said}` };
    case 'success':
      return RECOVERY.test(verdict.said)
        ? { kind: 'alert', status: 'resolved', reason: `unknown integration: says it recovered, ${verdict.said}` }
        : { kind: 'notice', status: 'resolved', reason: `unknown integration: a success post, ${verdict.said}` };
    case 'info':
      return { kind: 'notice', status: 'info', reason: `unknown integration: an info post, ${verdict.said}` };
  }
}

/** A CI run's outcome: its failure is an alert, its success a notice that clears the job's failure (as a workflow's does). */
const RUN_VERDICTS: Readonly<Record<RunOutcome['outcome'], IntegrationVerdict & { readonly word: string }>> = {
  failure: { kind: 'alert', status: 'firing', reason: 'unknown integration: a numbered run that failed', word: 'failed' },
  success: { kind: 'notice', status: 'resolved', reason: 'unknown integration: a numbered run that succeeded', word: 'succeeded' },
  cancelled: { kind: 'notice', status: 'info', reason: 'unknown integration: a numbered run that was cancelled', word: 'cancelled' },
};

function runVerdict(run: RunOutcome): IntegrationVerdict & { readonly word: string } {
  const verdict = RUN_VERDICTS[run.outcome];
  return { ...verdict, reason: `${verdict.reason} ("${run.said}")` };
}

/**
 * An integration's post read from what every tool shows: its title for the name, labelled fields for severity and
 * service, and its signals for what it says. `failSafe` is set when a tool parser read the post as nothing wrong but the
 * post carries a failure signal nothing in its headline contradicts: it is then read here, as firing, under that tool.
 */
export function parseIntegration(view: MessageView, failSafe?: { readonly source: AlertSource; readonly readAs: string; readonly signal: Signal }): ParsedAlert {
  const text = readableText(view);
  const title = titleOf(view);
  const name = cleanPhrase(withoutStatusPrefix(title), 200);
  const pairs = labelledPairs(view);
  // A numbered run ("#1432 Failure after 4 min") is named by its job, so every run of the job is one problem.
  const run = failSafe ? null : readRunOutcome(title);
  const ranVerdict = run ? runVerdict(run) : null;
  const verdict: IntegrationVerdict = failSafe
    ? { kind: 'alert', status: 'firing', reason: `fail-safe: ${failSafe.source} read it as ${failSafe.readAs}, but it carries a failure signal: ${failSafe.signal.said}` }
    : (ranVerdict ?? classifyIntegration(readPostSignals(view)));
  const firing = verdict.status === 'firing';
  return normaliseAlert({
    source: failSafe?.source ?? 'generic',
    kind: verdict.kind,
    status: verdict.status,
    name: run && ranVerdict ? `${run.job} ${ranVerdict.word}` : name || 'unparsed message',
    severity: severityFromLabels(pairs) ?? (firing ? severityFromWords(`${title}\n${text}`) : null),
    service: serviceFromPairs(pairs),
    subject: normalisedPhrase(run?.job ?? name) || null,
    summary: stripEmphasis(plainText(title)).replace(LEADING_EMOJI, '$1').trim() || text,
    labels: {},
    count: firing ? 1 : 0,
    countIsTotal: !firing,
    link: view.attachments.find((a) => a.titleLink !== '')?.titleLink ?? allUrls(`${title}\n${text}`)[0] ?? null,
    reason: verdict.reason,
  });
}

/** People have no bot id and no webhook username; everything else is some integration. */
export function parseGeneric(view: MessageView): ParsedAlert {
  return view.isBot || view.username !== '' ? parseIntegration(view) : parsePerson(view);
}

export const genericParser = { source: 'generic' as const, detect: (): boolean => true, parse: parseGeneric };
