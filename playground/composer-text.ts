/**
 * What Slack's client does to what a person types before it reaches an app: `&`, `<` and `>` escaped, and `@name` /
 * `#channel` turned into mentions. Slash commands are sent with "escape channels, users and links" on (our
 * manifest), so there a mention also carries the name: `<@U0BOB|bob>`.
 */
export interface Directory {
  readonly users: ReadonlyArray<{ id: string; name: string }>;
  readonly channels: ReadonlyArray<{ id: string; name: string }>;
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const byLongestName = <T extends { name: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => b.name.length - a.name.length);

function replaceNames(text: string, sigil: '@' | '#', entries: ReadonlyArray<{ id: string; name: string }>, render: (e: { id: string; name: string }) => string): string {
  let out = text;
  for (const entry of byLongestName(entries)) {
    const name = entry.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Only at a word start, and not in the middle of an e-mail address or a longer name.
    out = out.replace(new RegExp(`(^|[\\s(])${sigil}${name}(?![\\w-])`, 'g'), (_, before: string) => `${before}${render(entry)}`);
  }
  return out;
}

export function messageText(typed: string, directory: Directory): string {
  const users = replaceNames(escape(typed), '@', directory.users, (u) => `<@${u.id}>`);
  return replaceNames(users, '#', directory.channels, (c) => `<#${c.id}>`);
}

export function commandText(typed: string, directory: Directory): string {
  const users = replaceNames(escape(typed), '@', directory.users, (u) => `<@${u.id}|${u.name}>`);
  return replaceNames(users, '#', directory.channels, (c) => `<#${c.id}|${c.name}>`);
}
