/**
 * The fallback for people and for integrations no parser knows. People: a clear failure report fires, "it's back"
 * resolves, a question or talk is info (see person-message.ts). Unknown integrations: named by their title (not their
 * first field), severity and service from labelled fields, firing only on failure signals (a red colour, failure
 * words), a recovery on green or recovery words, otherwise an info post.
 */
import type { AlertStatus, MessageKind, ParsedAlert } from '../alert.js';
import { guessService, normalisedPhrase, saysResolved, severityFromWords } from './human-message-heuristics.js';
import { labelledPairs, serviceFromPairs, severityFromLabels } from './labelled-fields.js';
import type { MessageView } from './message-view.js';
import { normaliseAlert } from './normalise-alert.js';
import { classifyPersonMessage } from './person-message.js';
import { allUrls, cleanPhrase, firstMeaningfulLine, plainText, stripEmoji, stripEmphasis } from './slack-markup.js';

/** A status emoji in front of the first line (`*:red_circle: Errors…*`, `🚨 …`) decorates it; the summary is the words. */
const LEADING_EMOJI = /^([\s*_~]*)(?::[a-z0-9_+-]+:\s*|[\p{Extended_Pictographic}\uFE0F\u200D]\s*)+/iu;
/** `Resolved:`, `[RESOLVED]`, `OK -`, `Alert:`: the state in front of a title is not part of its name. */
const STATUS_PREFIX = /^\s*[[(]?\s*(?:resolved|recovered|recovery|ok|firing|alert(?:ing)?|problem|triggered|warning|critical|error|failure|failed|success|succeeded|up|down|info)\s*[\])]?\s*[:\-–—|]\s*/i;
const RED = /^(?:danger|#?(?:d00000|ff0000|e01e5a|e96d76|d63232|e45959|e03e2f|d20f2a|cc0000|dc3545|f44336))$/i;
const GREEN = /^(?:good|#?(?:2eb886|36a64f|18be52|009900|4dc771|00ff00|28a745|4caf50|2ecc71|1d8102))$/i;
const FAILURE_WORDS = /\b(?:fail(?:ed|ure|ing)?|errors?|critical|alert(?:ing)?|down|outage|unhealthy|degraded|unreachable|timed? ?out|exception|crash(?:ed|ing)?|panic|problem)\b/i;
const RECOVERY_WORDS = /\b(?:resolved|recovered|back to normal|back up|is up|healthy again|all clear)\b|✅|:white_check_mark:|:heavy_check_mark:/i;
const SUCCESS_WORDS = /\b(?:succeeded|successful(?:ly)?|success|passed|deployed|completed|finished)\b/i;

/** What the message says, from its text or, for an integration that only posts attachments or blocks, from those. */
function readableText(view: MessageView): string {
  if (firstMeaningfulLine(view.text) !== '') return view.text;
  const pieces = [
    ...view.blockLines,
    ...view.attachments.flatMap((a) => [a.pretext, a.title, a.text, ...a.fields.map((f) => `${f.title}: ${f.value}`), a.fallback]),
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
    name: normalisedPhrase(withoutStatusPrefix(firstLine)) || 'unparsed message',
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

/** The title an integration gives its post: attachment title, header block, else its first line. Never a field. */
function titleOf(view: MessageView): string {
  const attachmentTitle = view.attachments.find((a) => a.title.trim() !== '')?.title;
  if (attachmentTitle) return attachmentTitle;
  const text = firstMeaningfulLine(view.text);
  if (text) return text;
  const block = firstMeaningfulLine(view.blockLines.join('\n'));
  if (block) return block;
  return firstMeaningfulLine(view.attachments.map((a) => [a.pretext, a.text, a.fallback].join('\n')).join('\n'));
}

interface IntegrationVerdict {
  readonly kind: MessageKind;
  readonly status: AlertStatus;
  readonly reason: string;
}

function classifyIntegration(view: MessageView, title: string, text: string): IntegrationVerdict {
  const colours = view.attachments.map((a) => a.color).filter((c) => c !== '');
  const head = stripEmphasis(plainText(title));
  if (RECOVERY_WORDS.test(head) || STATUS_PREFIX.exec(head)?.[0].match(/resolved|recover|ok|up/i)) {
    return { kind: 'alert', status: 'resolved', reason: 'unknown integration: the title says it recovered' };
  }
  if (colours.some((c) => RED.test(c))) return { kind: 'alert', status: 'firing', reason: `unknown integration: red attachment colour (${colours.find((c) => RED.test(c)) ?? ''})` };
  if (FAILURE_WORDS.test(head) || FAILURE_WORDS.test(firstMeaningfulLine(stripEmoji(text)))) {
    return { kind: 'alert', status: 'firing', reason: `unknown integration: failure words ("${FAILURE_WORDS.exec(head)?.[0] ?? FAILURE_WORDS.exec(text)?.[0] ?? ''}")` };
  }
  if (colours.some((c) => GREEN.test(c)) || SUCCESS_WORDS.test(head)) {
    return { kind: 'notice', status: 'resolved', reason: 'unknown integration: a success post (green colour or success words)' };
  }
  if (saysResolved(text)) return { kind: 'alert', status: 'resolved', reason: 'unknown integration: says it recovered' };
  return { kind: 'notice', status: 'info', reason: 'unknown integration: an info post with no failure signal' };
}

function parseIntegration(view: MessageView): ParsedAlert {
  const text = readableText(view);
  const title = titleOf(view);
  const name = cleanPhrase(withoutStatusPrefix(title), 200);
  const pairs = labelledPairs(view);
  const verdict = classifyIntegration(view, title, text);
  const firing = verdict.status === 'firing';
  return normaliseAlert({
    source: 'generic',
    kind: verdict.kind,
    status: verdict.status,
    name: name || 'unparsed message',
    severity: severityFromLabels(pairs) ?? (firing ? severityFromWords(text) : null),
    service: serviceFromPairs(pairs),
    subject: normalisedPhrase(name) || null,
    summary: stripEmphasis(plainText(title)).replace(LEADING_EMOJI, '$1').trim() || text,
    labels: {},
    count: firing ? 1 : 0,
    countIsTotal: !firing,
    link: view.attachments.find((a) => a.titleLink !== '')?.titleLink ?? allUrls(text)[0] ?? null,
    reason: verdict.reason,
  });
}

/** People have no bot id and no webhook username; everything else is some integration. */
export function parseGeneric(view: MessageView): ParsedAlert {
  return view.isBot || view.username !== '' ? parseIntegration(view) : parsePerson(view);
}

export const genericParser = { source: 'generic' as const, detect: (): boolean => true, parse: parseGeneric };
