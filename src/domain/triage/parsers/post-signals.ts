/**
 * What a tool's post signals about itself, whoever sent it: a failure (a red colour, ❌ / :x: / 🔴 / 🚨, "failed",
 * "error", "critical", "down", "unhealthy", "degraded" …) or a success or info statement (green, ✅, "resolved",
 * "succeeded", "passed", "cancelled", "started" …), and where it says so. The headline (a leading status marker, a
 * status field, the colour, the title, fallback, pretext and first lines) speaks for the post; the rest of the text
 * and the blocks only when the headline says nothing. Fields other than a status field are not read: they carry
 * commit messages and label values, not the post's verdict.
 *
 * Failing safe: when the headline says both (a red "cancelled", "completed with errors"), the post is a failure unless
 * it opens with a success marker ("Resolved: error rate …").
 */
import { colourMeaning } from './colour-meaning.js';
import type { MessageView } from './message-view.js';
import { cleanPhrase, plainText } from './slack-markup.js';

export type SignalKind = 'failure' | 'success' | 'info';

export interface Signal {
  readonly kind: SignalKind;
  /** What a person reads in `triage explain`: `red attachment colour (#FA4747)`, `"failed" in the title`. */
  readonly said: string;
}

export interface PostSignals {
  /** What the headline says: a leading status marker, else its first failure signal, else its first quiet one. */
  readonly headline: Signal | null;
  /** The verdict: the headline's, else the body's, else null (the post says nothing). */
  readonly verdict: Signal | null;
  /** Every failure signal of the headline. */
  readonly headlineFailures: readonly Signal[];
  /** Every success or info signal of the headline. */
  readonly headlineQuiet: readonly Signal[];
}

/** Emoji (shortcode or character) a tool puts on a failure; `:warning:` is a level, not a failure. */
const FAILURE_EMOJI = /:(?:x|red_circle|rotating_light|fire|no_entry|no_entry_sign|boom|heavy_multiplication_x|bangbang|exclamation|sos|octagonal_sign|large_red_square|red_square|skull|alert|siren)(?::|\b)|[❌🔴🚨🔥⛔💥✖✗✘❗‼🆘🛑🟥💀]/u;
const SUCCESS_EMOJI = /:(?:white_check_mark|heavy_check_mark|large_green_circle|green_circle|ok|tada|green_heart|lgtm|check)(?::|\b)|[✅✔✓🟢🎉💚🆗]/u;
const INFO_EMOJI = /:(?:information_source|large_blue_circle|blue_circle|arrows_counterclockwise|hourglass_flowing_sand|rocket)(?::|\b)|[ℹ🔵🔄⏳🚀]/u;

/**
 * Words, each as whole words and not part of an identifier (`error-service`, `HighErrorRate` are names). "down" after
 * scale/shut/spin … is an action, not a state.
 */
const FAILURE_WORDS =
  /(?<![\w./-])(?:fail(?:ed|ure|ures|ing|s)?|errors?|errored|erroring|critical|crit|fatal|(?<!(?:scal(?:e|ed|ing)|shut(?:ting)?|spin(?:ning)?|wind(?:ing)?|step(?:ping)?|count|slow(?:ing)?|cool(?:ing)?|tear(?:ing)?|turn(?:ed|ing)?|bring(?:ing)?|roll(?:ed|ing)?)\s)down|outage|unhealthy|degraded|unreachable|unavailable|timed[ -]out|time[ -]?outs?|crash(?:ed|es|ing|looping)?|panic(?:ked)?|exceptions?|broken|firing|alerting|triggered|problem|oom(?:killed)?|not ready|not healthy|missing)(?![\w/-])/i;
/** "no errors", "0 failed", "without failures", "zero errors": nothing failed. */
const NEGATED_BEFORE = /(?:\b(?:no|not|zero|without|never|0)\s+(?:\w+\s+)?)$/i;
const SUCCESS_WORDS =
  /(?<![\w./-])(?:resolved|recovered|recovery|succeeded|successful(?:ly)?|success|passed|completed|finished|deployed|synced|healthy|back to normal|back up|all clear|is up|now up|fixed)(?![\w/-])/i;
const INFO_WORDS = /(?<![\w./-])(?:cancell?ed|skipped|started|starting|running|queued|in progress|created|deleted|scheduled|info|fyi|notice|test message|testing)(?![\w/-])/i;

/** A status in front of the title (`Resolved:`, `[FIRING:2]`, `OK -`, `FAILED`), the strongest claim a post makes. */
const LEADING_FAILURE = /^[\s*_~[(]*(?:firing|alerting|alert|triggered|problem|critical|crit|error|errored|fail(?:ed|ure)?|down|outage|unhealthy|degraded)\b/i;
const LEADING_SUCCESS = /^[\s*_~[(]*(?:resolved|recovered|recovery|ok|up|success|succeeded|passed|fixed|healthy)\b[\]):\s\-–—|!.]/i;
const LEADING_INFO = /^[\s*_~[(]*(?:info|fyi|notice|cancell?ed|skipped|started|deploying|deployed)\b[\]):\s\-–—|!.]/i;

/** Fields that state the post's own outcome: voxmedia's `Status: FAILED`, a `Result`, a `Conclusion`. */
const STATUS_FIELD = /^(?:status|state|result|conclusion|outcome|build status|job status|workflow status|current state)$/i;

const quote = (text: string): string => `"${cleanPhrase(text, 60)}"`;

const FAILURE_WORDS_ALL = new RegExp(FAILURE_WORDS.source, 'gi');

/** Failure and quiet words of one piece of text; `plain` is it without markup, `raw` keeps the emoji shortcodes. */
function wordSignal(raw: string, plain: string, where: string): { failure: Signal | null; quiet: Signal | null } {
  let failure: Signal | null = null;
  FAILURE_WORDS_ALL.lastIndex = 0;
  for (let match = FAILURE_WORDS_ALL.exec(plain); match; match = FAILURE_WORDS_ALL.exec(plain)) {
    if (NEGATED_BEFORE.test(plain.slice(Math.max(0, match.index - 40), match.index))) continue;
    failure = { kind: 'failure', said: `${quote(match[0])} in ${where}` };
    break;
  }
  const failureEmoji = failure ? null : FAILURE_EMOJI.exec(raw)?.[0];
  if (failureEmoji) failure = { kind: 'failure', said: `a failure emoji (${failureEmoji}) in ${where}` };
  return { failure, quiet: quietIn(raw, plain, where) };
}

function quietIn(raw: string, plain: string, where: string): Signal | null {
  const success = SUCCESS_WORDS.exec(plain)?.[0];
  if (success) return { kind: 'success', said: `${quote(success)} in ${where}` };
  const successEmoji = SUCCESS_EMOJI.exec(raw)?.[0];
  if (successEmoji) return { kind: 'success', said: `a success emoji (${successEmoji}) in ${where}` };
  const info = INFO_WORDS.exec(plain)?.[0];
  if (info) return { kind: 'info', said: `${quote(info)} in ${where}` };
  const infoEmoji = INFO_EMOJI.exec(raw)?.[0];
  return infoEmoji ? { kind: 'info', said: `an info emoji (${infoEmoji}) in ${where}` } : null;
}

/** The status a line opens with, emoji first: `❌ Deploy`, `:white_check_mark: Resolved`, `[RESOLVED] …`, `FAILED: …`. */
function leadingSignal(raw: string, plain: string, where: string): Signal | null {
  const emoji = /^[*_~\s]*(:[a-z0-9_+-]+:|\p{Extended_Pictographic}\uFE0F?|[✓✔✗✘✖])/iu.exec(raw)?.[1];
  if (emoji && FAILURE_EMOJI.test(emoji)) return { kind: 'failure', said: `${where} opens with ${emoji}` };
  if (emoji && SUCCESS_EMOJI.test(emoji)) return { kind: 'success', said: `${where} opens with ${emoji}` };
  const words = plain.replace(/^(?::[a-z0-9_+-]+:|\p{Extended_Pictographic}|\uFE0F|[\s*_~])+/iu, '');
  const opening = (): string => quote(words.split(/\s+/).slice(0, 2).join(' '));
  if (LEADING_SUCCESS.test(`${words} `)) return { kind: 'success', said: `${where} opens with ${opening()}` };
  if (LEADING_FAILURE.test(words)) return { kind: 'failure', said: `${where} opens with ${opening()}` };
  if (LEADING_INFO.test(`${words} `)) return { kind: 'info', said: `${where} opens with ${opening()}` };
  return null;
}

/**
 * Words without markup, cheaply (this runs on every tool post): links become labels, `*bold*`, `~strike~`, code and
 * `_italic_` markers become spaces, while `error_rate` stays one word.
 */
const loose = (text: string): string => plainText(text).replace(/[*~`]/g, ' ').replace(/(^|[^\p{L}\p{N}_])_|_(?=[^\p{L}\p{N}_]|$)/gu, '$1 ');

/** The first line with a letter or digit, emoji shortcodes aside. */
const firstLine = (text: string): string => text.split('\n').find((line) => /[\p{L}\p{N}]/u.test(line.replace(/:[a-z0-9_+-]+:/gi, ''))) ?? '';

interface Headline {
  readonly where: string;
  readonly text: string;
}

/** The lines that speak for the post, in the order a reader sees them. */
function headlines(view: MessageView): Headline[] {
  const lines: Headline[] = [];
  const add = (where: string, text: string): void => {
    const line = firstLine(text);
    if (line) lines.push({ where, text: line });
  };
  add('the message text', view.text);
  add('the first block', view.blockLines.join('\n'));
  for (const a of view.attachments) {
    add('the pretext', a.pretext);
    add('the title', a.title);
    add('the attachment text', a.text);
    add("the attachment's first block", a.blockLines.join('\n'));
    add('the fallback', a.fallback);
  }
  return lines;
}

function bodyText(view: MessageView): string {
  return [view.text, ...view.blockLines, ...view.attachments.flatMap((a) => [a.text, ...a.blockLines])].join('\n');
}

export function readPostSignals(view: MessageView): PostSignals {
  const failures: Signal[] = [];
  const quiet: Signal[] = [];
  let leading: Signal | null = null;
  for (const line of headlines(view)) {
    const plain = loose(line.text);
    leading ??= leadingSignal(line.text, plain, line.where);
    const words = wordSignal(line.text, plain, line.where);
    if (words.failure) failures.push(words.failure);
    if (words.quiet) quiet.push(words.quiet);
  }
  for (const attachment of view.attachments) {
    for (const field of attachment.fields.filter((f) => STATUS_FIELD.test(f.title.trim()))) {
      const words = wordSignal(field.value, loose(field.value), `the ${field.title.trim()} field`);
      if (words.failure) failures.push(words.failure);
      if (words.quiet) quiet.push(words.quiet);
    }
    const colour = colourMeaning(attachment.color);
    if (colour === 'red') failures.push({ kind: 'failure', said: `red attachment colour (${attachment.color})` });
    if (colour === 'green') quiet.push({ kind: 'success', said: `green attachment colour (${attachment.color})` });
  }
  const headline = leading ?? failures[0] ?? quiet[0] ?? null;
  return { headline, verdict: headline ?? bodyVerdict(view), headlineFailures: failures, headlineQuiet: quiet };
}

/** Below the headline: a failure anywhere in the text or blocks, else a success or info statement, else nothing. */
function bodyVerdict(view: MessageView): Signal | null {
  const body = bodyText(view);
  const words = wordSignal(body, loose(body), 'the text');
  return words.failure ?? words.quiet;
}

/**
 * A title that names nothing, only how many and in what state ("🔥 1 alert(s) firing", "[FIRING:2]", "3 alerts
 * resolved"): the post's name is then its first line of text.
 */
export function saysOnlyHowMany(title: string): boolean {
  const rest = loose(title)
    .replace(/:[a-z0-9_+-]+:|\p{Extended_Pictographic}|\uFE0F/giu, ' ')
    .replace(/alert\(s\)|\b(?:\d+|alerts?|firing|resolved|triggered|ok|and|are|is|now|new|notifications?)\b|[[\](),:|&-]/gi, ' ');
  return title.trim() !== '' && !/[\p{L}\p{N}]/u.test(rest);
}
