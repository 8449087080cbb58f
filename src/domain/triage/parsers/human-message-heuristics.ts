/**
 * Reading what people (and unknown integrations) write in an alert channel: "502 errors spiking on checkout!!",
 * "db-primary is down", "checkout latency back to normal, resolved". Word lists, not understanding.
 */
import { decodeEntities, stripEmoji } from './slack-markup.js';

export const MAX_PHRASE = 60;

/** Words after "on"/"in"/"for" that are places or times, not services. */
const NOT_A_SERVICE = new Set([
  'a', 'an', 'the', 'all', 'my', 'our', 'your', 'this', 'that', 'it', 'its', 'them', 'us', 'eu', 'apac', 'prod',
  'production', 'staging', 'stage', 'dev', 'test', 'qa', 'last', 'past', 'next', 'progress', 'general', 'slack',
  'here', 'there', 'now', 'today', 'tonight', 'minutes', 'minute', 'hours', 'hour', 'time', 'place', 'fire', 'call',
  'case', 'order', 'front', 'top', 'way', 'some', 'many', 'every', 'each', 'most', 'both', 'and', 'or', 'me', 'him',
  'her', 'sign-in', 'log-in', 'e-mail', 'follow-up', 'check-in', 'roll-out', 'read-only', 'on-call', 'real-time',
]);

const NEGATED_RESOLUTION =
  /\b(?:not|isn't|isnt|wasn't|hasn't|haven't|hasnt|havent|never|no longer|still not|yet to be)\s+(?:yet\s+)?(?:been\s+|be\s+)?(?:fully\s+)?(?:resolved|recovered|fixed|mitigated|back)\b/;
const RESOLUTION =
  /\b(?:resolved|recovered|recovery complete|back to normal|back up|back online|fixed|all clear|mitigated|working again|(?:is|are) ok now|(?:is|are) healthy again)\b/;

/** Removes links, `<@U1>`/`<!channel>`/`@name` mentions, emoji; decodes entities. */
function withoutMarkup(text: string): string {
  return stripEmoji(
    decodeEntities(text.replace(/<[^<>\n]{0,2000}>/g, ' ').replace(/https?:\/\/\S+/g, ' ')).replace(/(^|\s)@[\w.-]+/g, ' '),
  );
}

/** Words in lower case, punctuation dropped except `.`, `-`, `_`, `'` inside a word (`db-primary`, `can't`). */
function words(text: string): string[] {
  return withoutMarkup(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s._'’-]/gu, ' ')
    .split(/\s+/)
    .map((word) => word.replace(/^[._'’-]+|[._'’-]+$/g, ''))
    .filter((word) => word !== '');
}

/** A short stable phrase so the same complaint repeated groups together; '' when nothing is left. */
export function normalisedPhrase(text: string): string {
  let phrase = '';
  for (const word of words(text)) {
    const next = phrase === '' ? word : `${phrase} ${word}`;
    if (next.length > MAX_PHRASE) return phrase === '' ? word.slice(0, MAX_PHRASE) : phrase;
    phrase = next;
  }
  return phrase;
}

const looksLikeService = (word: string | undefined): word is string =>
  word !== undefined && word.length >= 2 && /^[a-z]/.test(word) && !NOT_A_SERVICE.has(word) && !/^v\d/.test(word);

/** "checkout service", "payments API", "on checkout", "in payments", or a host-like `db-primary`/`web-01`. */
export function guessService(text: string): string | null {
  const tokens = words(text);
  for (let i = 1; i < tokens.length; i += 1) {
    if (/^(?:service|svc|api|cluster|database|db)$/.test(tokens[i] ?? '') && looksLikeService(tokens[i - 1])) return tokens[i - 1] ?? null;
  }
  for (let i = 0; i < tokens.length - 1; i += 1) {
    if (!/^(?:on|in|for|from|at|with)$/.test(tokens[i] ?? '')) continue;
    const candidate = tokens[i + 1] === 'the' ? tokens[i + 2] : tokens[i + 1];
    if (looksLikeService(candidate)) return candidate;
  }
  return tokens.find((word) => /^[a-z][a-z0-9]*(?:[-.][a-z0-9]+)+$/.test(word) && looksLikeService(word)) ?? null;
}

export function severityFromWords(text: string): string | null {
  const lower = ` ${words(text).join(' ')} `;
  if (/\s(?:critical|crit|sev[-]?[01]|sev [01]|p[01]|outage|down|emergency)\s/.test(lower)) return 'critical';
  if (/\s(?:warning|warn)\s/.test(lower)) return 'warning';
  return null;
}

/** True when the text clearly says it is over ("resolved", "back to normal"), not when it asks or denies it. */
export function saysResolved(text: string): boolean {
  const lower = withoutMarkup(text).toLowerCase().replace(/\s+/g, ' ');
  if (!RESOLUTION.test(lower) || NEGATED_RESOLUTION.test(lower)) return false;
  return !/\b(?:resolved|recovered|fixed|back to normal|back up)\s*\?/.test(lower);
}
