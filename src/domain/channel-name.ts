export const MAX_CHANNEL_NAME = 80;

/** Letters of any script and digits survive; everything else becomes a single `-`. */
function slugify(title: string, keep: RegExp): string {
  return [...title.normalize('NFC').toLowerCase()]
    .map((ch) => (keep.test(ch) ? ch : '-'))
    .join('')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

function compose(prefix: string, number: number, slug: string, suffix: string): string {
  const head = `${prefix}-${number}`;
  const tail = suffix === '' ? '' : `-${suffix}`;
  const room = MAX_CHANNEL_NAME - head.length - tail.length - 1;
  // Cut by code point, so a Korean syllable is never split, then drop a dangling dash.
  const cut = [...slug].slice(0, Math.max(0, room)).join('').replace(/-+$/, '');
  return cut === '' ? `${head}${tail}` : `${head}-${cut}${tail}`;
}

/**
 * Channel names to try, best first: the readable name (any script), then a Latin-only one for workspaces that
 * refuse other scripts (`invalid_name_specials`), then the bare `<prefix>-<n>`. Declaring never fails on a name.
 */
export function channelNameCandidates(prefix: string, number: number, title: string, suffix = ''): string[] {
  const unicode = compose(prefix, number, slugify(title, /[\p{L}\p{N}]/u), suffix);
  const latin = compose(prefix, number, slugify(title, /[a-z0-9]/), suffix);
  const bare = compose(prefix, number, '', suffix);
  return [...new Set([unicode, latin, bare])];
}

export function normalisePrefix(prefix: string): string {
  const cleaned = slugify(prefix, /[a-z0-9_]/);
  return cleaned === '' ? 'inc' : cleaned.slice(0, 20);
}
