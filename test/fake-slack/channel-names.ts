/** Slack's channel-name rules, as conversations.create / conversations.rename answer them. */

const MAX_NAME = 80;

/**
 * The error Slack gives for `name`, or undefined if it is acceptable. Letters of any script are allowed unless
 * `latinOnly` (some workspaces and older clients refuse them).
 */
export function channelNameError(name: string | undefined, latinOnly: boolean): string | undefined {
  if (name === undefined || name.trim() === '') return 'invalid_name_required';
  if ([...name].length > MAX_NAME) return 'invalid_name_maxlength';
  const allowed = latinOnly ? /^[a-z0-9_-]$/u : /^[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}_-]$/u;
  for (const ch of name) {
    if (!allowed.test(ch)) return 'invalid_name_specials';
  }
  if (/^[-_]+$/.test(name)) return 'invalid_name_punctuation';
  return undefined;
}
