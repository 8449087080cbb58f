/**
 * What a person's message in an alert channel is: a failure report ("checkout is down", "502s spiking on
 * payments"), a recovery ("checkout is back to normal"), or talk (a question, "deploying now", "on it"). Only a clear
 * failure report opens a group; a question never does, however alarming its words.
 */
import type { AlertStatus } from '../alert.js';
import { saysResolved } from './human-message-heuristics.js';
import { decodeEntities, stripEmoji } from './slack-markup.js';

export interface PersonVerdict {
  readonly status: Extract<AlertStatus, 'firing' | 'resolved' | 'info'>;
  /** What the person did: reported a failure, said it is over, asked, or talked. */
  readonly said: 'report' | 'recovery' | 'question' | 'talk';
  readonly reason: string;
}

const INTERROGATIVE = /^(?:is|are|was|were|do|does|did|has|have|had|can|could|should|would|will|who|what|why|when|where|which|how|anyone|anybody|any)\b/;
/** Words before a question that do not make it a statement: "hey, is checkout down", "folks - anyone seeing 502s". */
const GREETING = /^(?:(?:hey|hi|hello|so|folks|team|all|guys|y'?all|everyone|quick q(?:uestion)?|question|qq|sorry|um+|hm+)\b[\s,:;!.-]*)+/;
/** "is checkout down", "are payments slow" inside a sentence ("hey is checkout down getting 502s"), not "checkout is down". */
const IS_X_DOWN =
  /\b(?:is|are)\s+(?:the\s+)?(?!(?:really|still|completely|totally|definitely|now|also|again|not|all|very|so|just|currently|back|being|getting|super|pretty|extremely|kinda|a|an)\b)[\w.-]+\s+(?:down|up|broken|slow|working|ok|okay|dead|back|failing|erroring)\b/;
/**
 * A person unsure whether it is only them: the report is a question, whatever else the message says ("Seeing 502
 * errors on checkout since 10:02, anyone else?", "getting 502s on my end").
 */
const UNSURE = /\b(?:anyone else|anybody else|any one else|just me|only me|on my end|on my side|for anyone else|can (?:anyone|somebody|someone) confirm|seeing this too|or is it)\b/;

/**
 * Planned work announced, not a failure reported: "staging will be down for maintenance tonight", "our service goes
 * offline … for maintenance", "the website will also go down temporarily". Said ahead of time, it is talk.
 */
const PLANNED =
  /\b(?:(?:scheduled|planned)\s+(?:maintenance|downtime|outage|work)|maintenance window|for (?:\w+\s+)?maintenance|will\s+(?:\w+\s+){0,2}?(?:be|go)\s+(?:\w+\s+)?(?:down|offline|unavailable)|(?:going|about)\s+to\s+(?:be|go)\s+(?:\w+\s+)?(?:down|offline|unavailable))\b/;

/**
 * Words that report something broken, each with what it means. Checked on words, so "downtime" is not "down" and
 * "errorless" is not "error".
 */
const FAILURE_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/\b(?:is|are|went|goes|still|completely|totally|looks|seems)\s+(?:\w+\s+)?down\b|\bdown\s+(?:again|for|since)\b|^(?!\S+ing\b)\S+\s+down\b/, 'says something is down'],
  [/\b(?:outage|outages|broken|failing|erroring|degraded|unreachable|unavailable|crash(?:ing|ed|es|looping)?|oom(?:killed)?|on fire)\b/, 'reports a failure'],
  [/\b(?:5\d\d|5xx)s?\b/, 'reports 5xx errors'],
  [/\b(?:errors?|exceptions?|timeouts?|timing out|time-?outs?)\b/, 'reports errors or timeouts'],
  [/\b(?:spiking|spike|spikes|elevated|high|slow|lagging|backed up|flapping|stuck)\b/, 'reports a symptom'],
  [/\b(?:not working|isn'?t working|doesn'?t work|stopped working|can'?t (?:reach|connect|log ?in|load|access)|cannot (?:reach|connect|log ?in|load|access)|unable to)\b/, 'says something is not working'],
  [/\b(?:failed|failure|failures)\b/, 'reports a failure'],
  [/^(?:warning|warn|critical|crit|alert|urgent|sev ?[0-4]|p[0-4])\b/, 'flags a problem by its severity'],
  [/\b(?:not|isn'?t|aren'?t) (?:yet )?(?:fixed|back|resolved|recovered)\b/, 'says it is still broken'],
];
/** "no errors", "not down", "isn't slow": a word right after a negation reports nothing. */
const NEGATED = /\b(?:no|not|never|without|zero|isn'?t|aren'?t|wasn'?t|n't)\s+(?:\w+\s+)?$/;

/** Lower case, markup and emoji gone, entities decoded. */
function readable(text: string): string {
  return stripEmoji(decodeEntities(text.replace(/<[^<>\n]{0,2000}>/g, ' ')))
    .toLowerCase()
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Sentences as a person writes them: split after `.`, `!`, `?` or a line break. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

const isQuestion = (sentence: string): boolean => {
  const body = sentence.replace(GREETING, '');
  return /\?[\s!.)]*$/.test(sentence) || INTERROGATIVE.test(body) || IS_X_DOWN.test(body) || /\b(?:anyone|anybody)\b/.test(body);
};

/** The first failure word of a sentence that is not negated, and what it means. */
function failureIn(sentence: string): { word: string; meaning: string } | null {
  for (const [pattern, meaning] of FAILURE_PATTERNS) {
    const global = new RegExp(pattern.source, 'g');
    for (const match of sentence.matchAll(global)) {
      if (!NEGATED.test(sentence.slice(0, match.index))) return { word: match[0].trim(), meaning };
    }
  }
  return null;
}

export function classifyPersonMessage(text: string): PersonVerdict {
  const clean = readable(text);
  const parts = sentences(clean);
  if (parts.length === 0) return { status: 'info', said: 'talk', reason: "a person's message with no words to read" };
  const unsure = UNSURE.exec(clean)?.[0];
  if (unsure) return { status: 'info', said: 'question', reason: `a person's question: asks whether others see it ("${unsure}"), and a question never opens a group` };
  const statements = parts.filter((sentence) => !isQuestion(sentence));
  if (statements.length === 0) return { status: 'info', said: 'question', reason: `a person's question ("${parts[0]?.slice(0, 60) ?? ''}"): a question never opens a group` };
  const planned = PLANNED.exec(clean)?.[0];
  if (planned) return { status: 'info', said: 'talk', reason: `a person announcing planned work ("${planned}"): not a failure report` };
  const statementText = statements.join(' ');
  if (saysResolved(statementText)) return { status: 'resolved', said: 'recovery', reason: "a person's message saying it is over" };
  for (const sentence of statements) {
    const failure = failureIn(sentence);
    if (failure) return { status: 'firing', said: 'report', reason: `a person's message that ${failure.meaning} ("${failure.word}")` };
  }
  return { status: 'info', said: 'talk', reason: "a person's message that reports no failure (talk, not an alert)" };
}
