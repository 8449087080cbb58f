/**
 * Block Kit layout blocks as HTML, for messages and modals. A block this renderer does not draw is shown as its
 * JSON in a visible box (never hidden), so a reader always sees everything the bot sent.
 */
import { imagePlaceholder, renderElement, type ElementContext } from './elements.js';
import { esc, isObj, list, rawJson, str, type Json } from './html.js';
import { plainText, textObject, textOf } from './mrkdwn.js';

export interface BlockContext extends ElementContext {
  /** modal only: the app's `response_action: errors`, by input block id */
  readonly errors?: Readonly<Record<string, string>>;
}

/** The block types drawn; anything else is shown as raw JSON. */
export const RENDERED_BLOCKS = ['header', 'section', 'divider', 'context', 'actions', 'image', 'input'] as const;

function section(b: Json, blockId: string, ctx: BlockContext): string {
  const text = b.text === undefined ? '' : `<div class="bk-text">${textObject(b.text, ctx)}</div>`;
  const fields = Array.isArray(b.fields) ? `<div class="bk-fields">${b.fields.map((f) => `<div class="bk-field">${textObject(f, ctx)}</div>`).join('')}</div>` : '';
  const accessory = b.accessory === undefined ? '' : `<div class="bk-accessory">${renderElement(b.accessory, blockId, ctx, 'accessory')}</div>`;
  return `<div class="bk-section-body">${text}${fields}</div>${accessory}`;
}

function context(b: Json, blockId: string, ctx: BlockContext): string {
  return list(b.elements)
    .map((e) => (isObj(e) && e.type === 'image' ? imagePlaceholder(str(e.image_url), str(e.alt_text) ?? '') : renderElement(e, blockId, ctx, 'context')))
    .join('');
}

function input(b: Json, blockId: string, ctx: BlockContext): string {
  const optional = b.optional === true ? ' <span class="bk-optional">(optional)</span>' : '';
  const hint = b.hint === undefined ? '' : `<div class="bk-hint">${plainText(textOf(b.hint))}</div>`;
  const error = ctx.errors?.[blockId];
  const shownError = error === undefined ? '' : `<div class="bk-error" role="alert">${esc(error)}</div>`;
  const label = `<label class="bk-label">${plainText(textOf(b.label))}${optional}</label>`;
  return `${label}${renderElement(b.element, blockId, ctx, 'input')}${hint}${shownError}`;
}

function block(raw: unknown, index: number, ctx: BlockContext): string {
  if (!isObj(raw)) return rawJson('block (not an object)', raw);
  const type = str(raw.type) ?? '';
  const blockId = str(raw.block_id) ?? `block-${index}`;
  const wrap = (body: string, extra = ''): string => `<div class="bk bkb-${esc(type)}" data-block-id="${esc(blockId)}"${extra}>${body}</div>`;
  switch (type) {
    case 'header':
      return wrap(plainText(textOf(raw.text)));
    case 'section':
      return wrap(section(raw, blockId, ctx));
    case 'divider':
      return wrap('<hr>');
    case 'context':
      return wrap(context(raw, blockId, ctx));
    case 'actions':
      return wrap(list(raw.elements).map((e) => renderElement(e, blockId, ctx, 'actions')).join(''));
    case 'image': {
      const title = raw.title === undefined ? '' : `<div class="bk-image-title">${plainText(textOf(raw.title))}</div>`;
      return wrap(`${title}${imagePlaceholder(str(raw.image_url), str(raw.alt_text) ?? '')}`);
    }
    case 'input':
      return wrap(input(raw, blockId, ctx), ` data-input-block="${esc(blockId)}"${raw.optional === true ? '' : ' data-required="true"'}`);
    default:
      return rawJson(`Unsupported block: ${type || '(no type)'}`, raw);
  }
}

export function renderBlocks(blocks: readonly unknown[], ctx: BlockContext): string {
  return blocks.map((b, i) => block(b, i, ctx)).join('');
}

