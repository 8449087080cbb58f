/**
 * Slack mrkdwn as integrations post it (`<url|label>`, `<@U1>`, `<!channel>`, `&amp;`, `*bold*`, `:emoji:`),
 * turned into the plain text and URLs the parsers reason about.
 */
import { truncate } from '../../slack-text.js';

export interface SlackLink {
  readonly url: string;
  readonly label: string;
}

const ANGLE = /<([^<>\n]{0,2000})>/g;
const LINK = /<(https?:\/\/[^|<>\s]{1,2000})\s*(?:\|([^<>\n]{0,2000}))?>/g;
const BARE_URL = /https?:\/\/[^\s<>|"'`]{1,2000}/g;
const SHORTCODE = /:(?=[a-z0-9_+-]{0,60}[a-z])[a-z0-9_+-]{1,60}:/gi;
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\u200D|\uFE0F/gu;

export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** One `<…>` control sequence as a reader sees it: the label of a link, `@name`, `#channel`, or nothing. */
function angleToText(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? '' : inner.slice(bar + 1);
  if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : '';
  if (target.startsWith('#')) return label ? `#${label.replace(/^#/, '')}` : '';
  if (target.startsWith('!')) return label;
  return label || target;
}

/** Links are replaced by their labels, mentions by names, `<!channel>` by nothing; entities are decoded. */
export function plainText(text: string): string {
  return decodeEntities(text.replace(ANGLE, (_whole, inner: string) => angleToText(inner)));
}

/** Every `<https://…|label>` link, in order, with `&amp;` in the URL decoded. */
export function slackLinks(text: string): SlackLink[] {
  return [...text.matchAll(LINK)].map((m) => {
    const url = decodeEntities(m[1] ?? '');
    return { url, label: decodeEntities(m[2] ?? url) };
  });
}

/** Every http(s) URL, marked up or bare, in order of appearance. */
export function allUrls(text: string): string[] {
  return [...decodeEntities(text).matchAll(BARE_URL)].map((m) => m[0].replace(/[.,;:!?)\]}*_]+$/, ''));
}

/** Removes `*bold*`, `_italic_`, `~strike~` and code markers, keeping the words. */
export function stripEmphasis(text: string): string {
  return text
    .replace(/`+/g, '')
    .replace(/\*(?=\S)([^*\n]*?\S)?\*/g, '$1')
    .replace(/(^|\s)\*(?=\S)|(?<=\S)\*(?=\s|$)/g, '$1')
    .replace(/~([^~\n]+)~/g, '$1')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,:;!?])/g, '$1$2');
}

export function stripEmoji(text: string): string {
  return text.replace(SHORTCODE, ' ').replace(PICTOGRAPH, ' ');
}

/** Whitespace collapsed to single spaces, cut at `max` characters with a marker. */
export function oneLine(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

/** Plain, unemphasised, emoji-free text on one line: how names and labels are stored. */
export function cleanPhrase(text: string, max: number): string {
  return oneLine(stripEmoji(stripEmphasis(plainText(text))), max);
}

/** The first line that says something once markup is gone. */
export function firstMeaningfulLine(text: string): string {
  for (const line of text.split('\n')) {
    const clean = cleanPhrase(line, 1000);
    if (/[\p{L}\p{N}]/u.test(clean)) return line;
  }
  return '';
}
