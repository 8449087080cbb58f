/** HTML is built as strings; every piece of text or attribute that came from Slack goes through `esc`. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export type Json = Record<string, unknown>;

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Data attributes for an element's action: what the page sends back when it is used. */
export function dataAttrs(attrs: Record<string, string | undefined>): string {
  return Object.entries(attrs)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => ` data-${k}="${esc(v)}"`)
    .join('');
}

/** What Slack shows for a block it cannot draw, so nothing the bot sends is ever silently hidden. */
export function rawJson(label: string, value: unknown): string {
  return `<div class="raw-json" data-testid="raw-json"><div class="raw-json-label">${esc(label)}</div><pre>${esc(JSON.stringify(value, null, 2))}</pre></div>`;
}
