/**
 * User and alert text is untrusted: escape the three characters Slack's mrkdwn treats as control characters, so
 * `<!channel>`, `<@U123>` or a link can never be smuggled through, and defuse bare @channel/@here/@everyone.
 */
export function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u200b$1');
}

/**
 * Slack's own markup in mrkdwn: mentions `<@U…>`, channels `<#C…>`, specials `<!here>` and `<!date^…>`, links
 * `<https://…|label>`; and the three entities Slack decodes.
 */
const SLACK_MARKUP = /<(?:[@#!][^<>\s][^<>]*|(?:https?|mailto|tel|slack):[^<>\s|]+(?:\|[^<>]*)?)>|&(?:amp|lt|gt);/g;

const escapeControl = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Text the bot writes in mrkdwn, made to show as written: every `<`, `>` and `&` that is not Slack markup is escaped.
 * Slack would read a placeholder like `/incident update <text>` as a link and show "/incident update". Markup the bot
 * means (a mention, a channel, a date, a link) and text already escaped stay as they are, so escaping twice changes
 * nothing.
 */
export function escapeStrayMarkup(text: string): string {
  let out = '';
  let last = 0;
  for (const markup of text.matchAll(SLACK_MARKUP)) {
    out += escapeControl(text.slice(last, markup.index)) + markup[0];
    last = markup.index + markup[0].length;
  }
  return out + escapeControl(text.slice(last));
}

/** Truncates at a word boundary where possible and marks the cut, so nothing is silently lost mid-word. */
export function truncate(text: string, max: number, marker = '…'): string {
  if (text.length <= max) return text;
  const room = max - marker.length;
  const hard = text.slice(0, room);
  const space = hard.lastIndexOf(' ');
  return (space > room * 0.6 ? hard.slice(0, space) : hard) + marker;
}

export const mentionUser = (userId: string): string => `<@${userId}>`;
