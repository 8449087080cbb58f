/**
 * The fallback for people and unknown integrations: always a ParsedAlert, named by a normalised phrase of its first
 * line so repeats group, resolved only when the text clearly says so, one instance per message.
 */
import type { AlertMessage, AlertParser, ParsedAlert } from '../alert.js';
import { guessService, normalisedPhrase, saysResolved, severityFromWords } from './human-message-heuristics.js';
import { viewMessage, type MessageView } from './message-view.js';
import { normaliseAlert } from './normalise-alert.js';
import { allUrls, firstMeaningfulLine } from './slack-markup.js';

/** A status emoji in front of the first line (`*:red_circle: Errors…*`, `🚨 …`) decorates it; the summary is the words. */
const LEADING_EMOJI = /^([\s*_~]*)(?::[a-z0-9_+-]+:\s*|[\p{Extended_Pictographic}\uFE0F\u200D]\s*)+/iu;

/** What the message says, from its text or, for an integration that only posts attachments or blocks, from those. */
function readableText(view: MessageView): string {
  if (firstMeaningfulLine(view.text) !== '') return view.text;
  const pieces = [
    ...view.blockLines,
    ...view.attachments.flatMap((a) => [a.pretext, a.title, a.text, ...a.fields.map((f) => `${f.title}: ${f.value}`), a.fallback]),
  ];
  return pieces.filter((piece) => piece.trim() !== '').join('\n');
}

export function parseGeneric(message: AlertMessage): ParsedAlert {
  const view = viewMessage(message);
  const text = readableText(view);
  const firstLine = firstMeaningfulLine(text);
  return normaliseAlert({
    source: 'generic',
    status: saysResolved(text) ? 'resolved' : 'firing',
    name: normalisedPhrase(firstLine) || 'unparsed message',
    severity: severityFromWords(text),
    service: guessService(firstLine) ?? guessService(text),
    summary: firstLine.replace(LEADING_EMOJI, '$1') || text,
    labels: {},
    count: 1,
    countIsTotal: false,
    link: view.attachments.find((a) => a.titleLink !== '')?.titleLink ?? allUrls(text)[0] ?? null,
  });
}

export const genericParser: AlertParser & { parse(message: AlertMessage): ParsedAlert } = {
  source: 'generic',
  parse: parseGeneric,
};
