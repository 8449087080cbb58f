/**
 * Legacy message attachments, as alert integrations (Alertmanager, Grafana, Datadog…) still post them: a coloured
 * bar, pretext, author, linked title, text, fields, footer. Their blocks use the Block Kit renderer; their legacy
 * `actions` (interactive buttons of the old API) are shown as raw JSON.
 */
import { renderBlocks, type BlockContext } from './blocks.js';
import { imagePlaceholder } from './elements.js';
import { esc, isObj, list, rawJson, str, type Json } from './html.js';
import { linksOnly, mrkdwn, type TextContext } from './mrkdwn.js';

const COLORS: Record<string, string> = { good: '#2eb67d', warning: '#ecb22e', danger: '#e01e5a' };

function colorOf(v: unknown): string {
  const c = str(v);
  if (c === undefined) return '#dddddd';
  if (COLORS[c]) return COLORS[c];
  const hex = c.startsWith('#') ? c : `#${c}`;
  return /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(hex) ? hex : '#dddddd';
}

function formatted(a: Json, field: string, text: string, ctx: TextContext): string {
  return list(a.mrkdwn_in).includes(field) ? mrkdwn(text, ctx) : linksOnly(text, ctx);
}

function attachment(raw: unknown, ctx: BlockContext): string {
  if (!isObj(raw)) return rawJson('attachment (not an object)', raw);
  const a = raw;
  const parts: string[] = [];
  const pretext = str(a.pretext);
  const author = str(a.author_name);
  if (author) {
    const link = str(a.author_link);
    parts.push(`<div class="att-author">${link && /^https?:\/\//.test(link) ? `<a href="${esc(link)}" target="_blank" rel="noopener noreferrer">${esc(author)}</a>` : esc(author)}</div>`);
  }
  const title = str(a.title);
  if (title) {
    const link = str(a.title_link);
    const shown = esc(title);
    parts.push(`<div class="att-title">${link && /^https?:\/\//.test(link) ? `<a href="${esc(link)}" target="_blank" rel="noopener noreferrer">${shown}</a>` : shown}</div>`);
  }
  const text = str(a.text);
  if (text) parts.push(`<div class="att-text">${formatted(a, 'text', text, ctx)}</div>`);
  const fields = list(a.fields).filter(isObj);
  if (fields.length > 0) {
    parts.push(
      `<div class="att-fields">${fields
        .map((f) => `<div class="att-field${f.short === true ? ' short' : ''}"><div class="att-field-title">${esc(str(f.title) ?? '')}</div><div>${formatted(a, 'fields', str(f.value) ?? '', ctx)}</div></div>`)
        .join('')}</div>`,
    );
  }
  if (Array.isArray(a.blocks)) parts.push(renderBlocks(a.blocks, ctx));
  const image = str(a.image_url) ?? str(a.thumb_url);
  if (image) parts.push(imagePlaceholder(image, 'attachment image'));
  if (Array.isArray(a.actions) && a.actions.length > 0) parts.push(rawJson('Unsupported: legacy attachment actions', a.actions));
  const footer = str(a.footer);
  const ts = typeof a.ts === 'number' ? new Date(a.ts * 1000).toLocaleString() : undefined;
  if (footer || ts) parts.push(`<div class="att-footer">${[footer ? linksOnly(footer, ctx) : '', ts ? esc(ts) : ''].filter(Boolean).join(' · ')}</div>`);
  const before = pretext ? `<div class="att-pretext">${formatted(a, 'pretext', pretext, ctx)}</div>` : '';
  const fallback = parts.length === 0 && str(a.fallback) ? `<div class="att-text">${linksOnly(str(a.fallback) ?? '', ctx)}</div>` : '';
  return `${before}<div class="attachment" style="border-left-color:${colorOf(a.color)}">${parts.join('')}${fallback}</div>`;
}

export function renderAttachments(attachments: readonly unknown[], ctx: BlockContext): string {
  return attachments.map((a) => attachment(a, ctx)).join('');
}
