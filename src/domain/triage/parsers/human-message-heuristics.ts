/**
 * Reading what people (and unknown integrations) write in an alert channel: "502 errors spiking on checkout!!",
 * "db-primary is down", "checkout latency back to normal, resolved". Word lists, not understanding.
 */
import { decodeEntities, stripEmoji } from './slack-markup.js';

export const MAX_PHRASE = 60;

/** Places, times, qualifiers and alert words ("on prod", "direct API", "warning: disk"): never a service. */
const NOT_A_SERVICE = new Set([
  'a', 'an', 'the', 'all', 'my', 'our', 'your', 'this', 'that', 'it', 'its', 'them', 'us', 'eu', 'apac', 'prod',
  'production', 'staging', 'stage', 'dev', 'test', 'qa', 'last', 'past', 'next', 'progress', 'general', 'slack',
  'here', 'there', 'now', 'today', 'tonight', 'minutes', 'minute', 'hours', 'hour', 'time', 'place', 'fire', 'call',
  'case', 'order', 'front', 'top', 'way', 'some', 'many', 'every', 'each', 'most', 'both', 'and', 'or', 'me', 'him',
  'her', 'sign-in', 'log-in', 'e-mail', 'follow-up', 'check-in', 'roll-out', 'read-only', 'on-call', 'real-time',
  'everything', 'something', 'nothing', 'anything', 'direct', 'public', 'private', 'internal', 'external',
  'warning', 'warn', 'critical', 'info', 'alert', 'alerts', 'resolved', 'fyi', 'update', 'heads',
  // Words tools and people put after "on/in/for/with" that name no service ("has failed with the following error",
  // "for release default/podinfo", "in the last 5 minutes").
  'has', 'have', 'had', 'following', 'release', 'releases', 'the', 'with', 'error', 'last', 'branch', 'commit',
  'deploy', 'deploys', 'deployment', 'version', 'chart', 'cluster', 'region', 'line', 'step', 'job', 'run',
  'we', 'i', 'you', 'they', 'he', 'she', 'everyone', 'anyone', 'someone', 'no', 'not', 'zero', 'any', 'old', 'new', 'more',
  'fewer', 'less', 'few', 'lots', 'much',
  // Planned work and what it may cause ("offline for maintenance", "may experience degraded performance").
  'maintenance', 'shortly', 'temporarily', 'tomorrow', 'weekend', 'may', 'might', 'experience', 'experiencing',
  // Verbs that take "down"/"up" as a particle ("shutting down the old cluster", "scale down"): actions, not subjects.
  'shut', 'shutting', 'scale', 'scaling', 'wind', 'winding', 'spin', 'spinning', 'turn', 'turning', 'take', 'taking',
  'bring', 'bringing', 'power', 'powering', 'tear', 'tearing', 'cool', 'cooling', 'calm', 'calming', 'slow', 'slowing',
  'go', 'going', 'break', 'breaking', 'step', 'stepping', 'narrow', 'narrowing', 'track', 'tracking', 'write', 'writing',
]);

/** A state said of a subject: "checkout is down", "payments down", "is search back?", "search is not fixed". */
const STATE_WORDS = new Set([
  'down', 'up', 'back', 'broken', 'slow', 'flapping', 'failing', 'degraded', 'unreachable', 'unavailable', 'dead',
  'fixed', 'ok', 'healthy', 'recovered',
]);
/** States that name their subject even without "is": "payments down" (but not "roll back", "spin up"). */
const BARE_STATE_WORDS = new Set([
  'down', 'broken', 'slow', 'flapping', 'failing', 'degraded', 'unreachable', 'unavailable', 'dead',
]);
const LINKING_WORDS = new Set([
  'is', 'are', 'was', 'were', 'seems', 'looks', 'still', 'not', "isn't", 'isnt', 'now', 'again', 'also', 'completely',
  'really', 'totally', 'definitely', 'very', 'so', 'just', 'currently', 'super', 'pretty', 'kinda', 'being', 'getting',
  // "search has recovered", "login has been timing out", "staging will be down": tense, not a subject.
  'has', 'have', 'had', 'been', 'be', 'will', 'keeps', 'kept',
]);
/** A symptom said right after the service it belongs to: "db latency", "checkout errors". Never a service itself. */
const SYMPTOM_WORDS = new Set([
  'latency', 'errors', 'error', '5xx', '4xx', 'timeouts', 'timeout', 'cpu', 'memory', 'disk', 'lag', 'outage', 'load',
  'traffic', 'p99', 'p95',
]);

/** Verbs of misbehaving said right after the service: "checkout throwing 502s", "search timing out". */
const SYMPTOM_VERBS = new Set([
  'throwing', 'returning', 'giving', 'serving', 'spitting', 'timing', 'failing', 'erroring', 'crashing', 'flapping', 'dropping',
  'rejecting', 'refusing', 'hanging', 'lagging', 'stalling',
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

/** Status codes (`non-200`) and ids (`ac15abdc-b38e-…`) name no service. */
const looksLikeService = (word: string | undefined): word is string =>
  word !== undefined &&
  word.length >= 2 &&
  /^[a-z]/.test(word) &&
  !NOT_A_SERVICE.has(word) &&
  !SYMPTOM_WORDS.has(word) &&
  !LINKING_WORDS.has(word) &&
  !/^v\d/.test(word) &&
  !/^(?:non|http)-?[1-5]\d\ds?$/.test(word) &&
  !/^[0-9a-f]{8}-[0-9a-f]{4}-/.test(word);

/** "checkout is down", "payments down", "is search back", "search is not fixed": the word before the state. */
function subjectOfState(tokens: readonly string[]): string | null {
  for (let i = 0; i < tokens.length - 1; i += 1) {
    let j = i + 1;
    while (j < tokens.length - 1 && j - i <= 2 && LINKING_WORDS.has(tokens[j] ?? '')) j += 1;
    const state = tokens[j] ?? '';
    // Asked ("is checkout back?") or linked ("search is not fixed"); "we are rolling back" names no subject.
    const asked = i === 1 && /^(?:is|are|was)$/.test(tokens[0] ?? '');
    const linked = j > i + 1 || asked || BARE_STATE_WORDS.has(state);
    const candidate = tokens[i];
    if (STATE_WORDS.has(state) && linked && looksLikeService(candidate)) return candidate;
  }
  return null;
}

/** The word before a misbehaving verb, tense words between: "checkout throwing", "search is throwing", "login has been timing out". */
function symptomSubject(tokens: readonly string[]): string | null {
  const start = tokens[0] === 'the' ? 1 : 0;
  let verb = start + 1;
  while (verb < tokens.length && verb - start <= 3 && LINKING_WORDS.has(tokens[verb] ?? '')) verb += 1;
  const candidate = tokens[start];
  return SYMPTOM_VERBS.has(tokens[verb] ?? '') && looksLikeService(candidate) ? candidate : null;
}

/**
 * "checkout service", "payments API", "checkout is down", "db latency …", "on checkout", "in payments", or a host-like
 * `db-primary`/`web-01`, in that order.
 */
export function guessService(text: string): string | null {
  const tokens = words(text);
  for (let i = 1; i < tokens.length; i += 1) {
    if (/^(?:service|svc|api|cluster|database|db)$/.test(tokens[i] ?? '') && looksLikeService(tokens[i - 1])) return tokens[i - 1] ?? null;
  }
  const subject = subjectOfState(tokens);
  if (subject) return subject;
  if (SYMPTOM_WORDS.has(tokens[1] ?? '') && looksLikeService(tokens[0])) return tokens[0];
  // "checkout throwing 502s", "search is throwing 500s", "login is timing out": the subject of what it is doing wrong.
  const subjectOfSymptom = symptomSubject(tokens);
  if (subjectOfSymptom) return subjectOfSymptom;
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

/** What is wrong, in the words people use, most specific first: a status code, then a state, then a symptom. */
const SYMPTOMS: readonly (readonly [RegExp, (m: RegExpExecArray) => string])[] = [
  [/\b([45](?:\d\d|xx))s?\b(?:\s+(?:errors?|responses?|codes?))?/, (m) => `${m[1] ?? ''} errors`],
  [/\b(?:is|are|went|goes|still|completely|totally|looks|seems)\s+(?:\w+\s+)?down\b|^\S+\s+down\b|\bdown\s+(?:again|for|since)\b/, () => 'down'],
  [/\b(?:outage|outages)\b/, () => 'outage'],
  [/\b(?:not working|isn'?t working|stopped working|doesn'?t work)\b/, () => 'not working'],
  [/\b(?:unreachable|can'?t reach|cannot reach|can'?t connect|cannot connect)\b/, () => 'unreachable'],
  [/\b(?:timeouts?|timing out|timed out|time-?outs?)\b/, () => 'timeouts'],
  [/\b(?:latency|slow|lagging|lag)\b/, () => 'latency'],
  [/\b(?:crash(?:ing|ed|es|looping)?|oom(?:killed)?)\b/, () => 'crashing'],
  [/\b(?:degraded|broken|failing|failed|failures?)\b/, (m) => (m[0].startsWith('fail') ? 'failing' : m[0])],
  [/\b(?:errors?|exceptions?|erroring)\b/, () => 'errors'],
];

/**
 * A person's report named by what matters: the service and the symptom ("Seeing 502 errors on checkout since 10:02"
 * → `checkout 502 errors`, "the checkout service is DOWN" → `checkout down`), so the same complaint however worded
 * groups together. '' when either is missing: then the sentence itself is the name.
 */
export function reportName(text: string, service: string | null): string {
  if (!service) return '';
  const clean = ` ${words(text).join(' ')} `;
  for (const [pattern, name] of SYMPTOMS) {
    const match = pattern.exec(clean.trim());
    if (match) return `${service} ${name(match)}`;
  }
  return '';
}
