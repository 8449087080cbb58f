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

/** Truncates at a word boundary where possible and marks the cut, so nothing is silently lost mid-word. */
export function truncate(text: string, max: number, marker = '…'): string {
  if (text.length <= max) return text;
  const room = max - marker.length;
  const hard = text.slice(0, room);
  const space = hard.lastIndexOf(' ');
  return (space > room * 0.6 ? hard.slice(0, space) : hard) + marker;
}

export const mentionUser = (userId: string): string => `<@${userId}>`;
