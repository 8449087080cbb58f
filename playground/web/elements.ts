/**
 * Block Kit elements (buttons, menus, pickers, inputs) as HTML. In a message an element sends a block action when
 * used (data-kind + data-action-id + data-block-id); in a modal, inputs are read when the form is submitted.
 */
import { dataAttrs, esc, isObj, list, rawJson, str, type Json } from './html.js';
import { plainText, textObject, textOf, type TextContext } from './mrkdwn.js';

export interface ElementContext extends TextContext {
  readonly surface: 'message' | 'modal';
  readonly people: ReadonlyArray<{ readonly id: string; readonly name: string; readonly realName: string }>;
  readonly channels: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

export type ElementPlace = 'accessory' | 'actions' | 'input' | 'context';

interface Option {
  readonly text: string;
  readonly value: string;
  readonly description: string | null;
  readonly textObject: unknown;
}

function optionOf(o: unknown): Option | null {
  if (!isObj(o)) return null;
  const value = str(o.value);
  if (value === undefined) return null;
  return { text: textOf(o.text), value, description: isObj(o.description) ? textOf(o.description) : null, textObject: o.text };
}

const optionsOf = (v: unknown): Option[] => list(v).flatMap((o) => optionOf(o) ?? []);

/** Options, or option groups as { label, options }. */
function optionGroups(el: Json): Array<{ label: string | null; options: Option[] }> {
  if (Array.isArray(el.options)) return [{ label: null, options: optionsOf(el.options) }];
  return list(el.option_groups).flatMap((g) => (isObj(g) ? [{ label: textOf(g.label), options: optionsOf(g.options) }] : []));
}

const initialValues = (el: Json): Set<string> =>
  new Set([...(optionOf(el.initial_option) ? [optionOf(el.initial_option)?.value ?? ''] : []), ...optionsOf(el.initial_options).map((o) => o.value)]);

/** Only these reach the bot from a message in the playground (they are the ones Slack's payload shape is built for). */
const MESSAGE_ACTIONS = new Set(['button', 'static_select', 'external_select', 'overflow', 'radio_buttons']);

function actionAttrs(el: Json, blockId: string, kind: 'button' | 'select'): string {
  return dataAttrs({
    kind,
    'action-id': str(el.action_id) ?? '',
    'block-id': blockId,
    value: kind === 'button' ? str(el.value) : undefined,
    confirm: isObj(el.confirm) ? JSON.stringify(el.confirm) : undefined,
    url: kind === 'button' ? str(el.url) : undefined,
  });
}

/** In a message, an element the playground cannot send is drawn but disabled (with the reason on hover). */
function inert(el: Json, ctx: ElementContext): string {
  if (ctx.surface === 'modal') return ' disabled title="The playground cannot send actions from inside a modal; only its inputs are submitted"';
  return MESSAGE_ACTIONS.has(str(el.type) ?? '') ? '' : ` disabled title="The playground cannot send a ${esc(str(el.type) ?? '')} action"`;
}

function button(el: Json, blockId: string, ctx: ElementContext): string {
  const style = el.style === 'primary' || el.style === 'danger' ? ` ${el.style}` : '';
  return `<button type="button" class="bk-button${style}"${actionAttrs(el, blockId, 'button')}${inert(el, ctx)}>${plainText(textOf(el.text))}</button>`;
}

function selectOptions(el: Json, chosen: Set<string>): string {
  return optionGroups(el)
    .map((g) => {
      const options = g.options.map((o) => `<option value="${esc(o.value)}"${chosen.has(o.value) ? ' selected' : ''}>${esc(o.text)}</option>`).join('');
      return g.label === null ? options : `<optgroup label="${esc(g.label)}">${options}</optgroup>`;
    })
    .join('');
}

function staticSelect(el: Json, blockId: string, ctx: ElementContext, multiple: boolean): string {
  const chosen = initialValues(el);
  const placeholder = textOf(el.placeholder) || 'Select an item';
  const input = ctx.surface === 'modal' ? ` data-input-type="${esc(str(el.type) ?? '')}"` : actionAttrs(el, blockId, 'select');
  const none = multiple ? '' : `<option value="" disabled${chosen.size === 0 ? ' selected' : ''}>${esc(placeholder)}</option>`;
  const disabled = ctx.surface === 'message' ? inert(el, ctx) : '';
  return `<select class="bk-select"${input}${multiple ? ' multiple' : ''} aria-label="${esc(placeholder)}"${disabled}>${none}${selectOptions(el, chosen)}</select>`;
}

function entitySelect(el: Json, ctx: ElementContext, entries: ReadonlyArray<{ id: string; label: string }>, initial: readonly string[], multiple: boolean): string {
  const chosen = new Set(initial);
  const placeholder = textOf(el.placeholder) || 'Select an item';
  const options = entries.map((e) => `<option value="${esc(e.id)}"${chosen.has(e.id) ? ' selected' : ''}>${esc(e.label)}</option>`).join('');
  const none = multiple ? '' : `<option value=""${chosen.size === 0 ? ' selected' : ''}>${esc(placeholder)}</option>`;
  const input = ctx.surface === 'modal' ? ` data-input-type="${esc(str(el.type) ?? '')}"` : '';
  return `<select class="bk-select"${input}${multiple ? ' multiple' : ''} aria-label="${esc(placeholder)}"${ctx.surface === 'message' ? inert(el, ctx) : ''}>${none}${options}</select>`;
}

function overflow(el: Json, blockId: string, ctx: ElementContext): string {
  const items = optionsOf(el.options)
    .map((o) => `<button type="button" class="bk-overflow-item"${actionAttrs(el, blockId, 'select')} data-option="${esc(o.value)}" data-option-text="${esc(o.text)}"${inert(el, ctx)}>${esc(o.text)}</button>`)
    .join('');
  return `<details class="bk-overflow"><summary aria-label="More actions">⋯</summary><div class="bk-overflow-menu">${items}</div></details>`;
}

function choices(el: Json, blockId: string, ctx: ElementContext, kind: 'checkbox' | 'radio'): string {
  const chosen = initialValues(el);
  const name = `${blockId}-${str(el.action_id) ?? ''}`;
  const input = ctx.surface === 'modal' ? ` data-input-type="${esc(str(el.type) ?? '')}"` : actionAttrs(el, blockId, 'select');
  const disabled = ctx.surface === 'message' ? inert(el, ctx) : '';
  const items = list(el.options)
    .map((raw) => {
      const o = optionOf(raw);
      if (!o) return '';
      const description = o.description ? `<span class="bk-choice-description">${esc(o.description)}</span>` : '';
      return `<label class="bk-choice"><input type="${kind}" name="${esc(name)}" value="${esc(o.value)}"${chosen.has(o.value) ? ' checked' : ''}${disabled}> <span>${textObject(o.textObject, ctx)}</span>${description}</label>`;
    })
    .join('');
  return `<div class="bk-choices"${input}>${items}</div>`;
}

function textInput(el: Json, ctx: ElementContext): string {
  const type = str(el.type) ?? 'plain_text_input';
  const placeholder = textOf(el.placeholder);
  const common = `class="bk-text-input" data-input-type="${esc(type)}"${placeholder ? ` placeholder="${esc(placeholder)}"` : ''}${ctx.surface === 'message' ? ' disabled' : ''}`;
  const max = typeof el.max_length === 'number' ? ` maxlength="${el.max_length}"` : '';
  const min = typeof el.min_length === 'number' ? ` minlength="${el.min_length}"` : '';
  const initial = str(el.initial_value) ?? '';
  if (type === 'plain_text_input' && el.multiline === true) return `<textarea ${common}${max}${min} rows="4">${esc(initial)}</textarea>`;
  const html = type === 'number_input' ? 'number' : type === 'email_text_input' ? 'email' : type === 'url_text_input' ? 'url' : 'text';
  const step = type === 'number_input' && el.is_decimal_allowed === true ? ' step="any"' : '';
  return `<input type="${html}" ${common}${max}${min}${step} value="${esc(initial)}">`;
}

function picker(el: Json, ctx: ElementContext, kind: 'date' | 'time'): string {
  const initial = str(kind === 'date' ? el.initial_date : el.initial_time) ?? '';
  const type = str(el.type) ?? '';
  return `<input type="${kind}" class="bk-text-input bk-picker" data-input-type="${esc(type)}" value="${esc(initial)}"${ctx.surface === 'message' ? inert(el, ctx) || ' disabled' : ''}>`;
}

/** External images are not fetched (the playground makes no request off this machine): the alt text stands in. */
export function imagePlaceholder(url: string | undefined, alt: string): string {
  const label = `🖼 ${alt || 'image'}`;
  return url && /^https?:\/\//.test(url)
    ? `<a class="bk-image" href="${esc(url)}" target="_blank" rel="noopener noreferrer" title="${esc(url)}">${esc(label)}</a>`
    : `<span class="bk-image">${esc(label)}</span>`;
}

export function renderElement(raw: unknown, blockId: string, ctx: ElementContext, place: ElementPlace): string {
  if (!isObj(raw)) return rawJson('element (not an object)', raw);
  const el = raw;
  const people = ctx.people.map((p) => ({ id: p.id, label: `${p.realName} (@${p.name})` }));
  const channels = ctx.channels.map((c) => ({ id: c.id, label: `#${c.name}` }));
  switch (el.type) {
    case 'button':
      return button(el, blockId, ctx);
    case 'static_select':
    case 'external_select':
      return staticSelect(el, blockId, ctx, false);
    case 'multi_static_select':
    case 'multi_external_select':
      return staticSelect(el, blockId, ctx, true);
    case 'overflow':
      return overflow(el, blockId, ctx);
    case 'users_select':
      return entitySelect(el, ctx, people, str(el.initial_user) ? [str(el.initial_user) ?? ''] : [], false);
    case 'multi_users_select':
      return entitySelect(el, ctx, people, list(el.initial_users).flatMap((u) => str(u) ?? []), true);
    case 'conversations_select':
    case 'channels_select': {
      const initial = str(el.initial_conversation) ?? str(el.initial_channel);
      return entitySelect(el, ctx, channels, initial ? [initial] : [], false);
    }
    case 'multi_conversations_select':
    case 'multi_channels_select':
      return entitySelect(el, ctx, channels, [...list(el.initial_conversations), ...list(el.initial_channels)].flatMap((c) => str(c) ?? []), true);
    case 'checkboxes':
      return choices(el, blockId, ctx, 'checkbox');
    case 'radio_buttons':
      return choices(el, blockId, ctx, 'radio');
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return textInput(el, ctx);
    case 'datepicker':
      return picker(el, ctx, 'date');
    case 'timepicker':
      return picker(el, ctx, 'time');
    case 'image':
      return imagePlaceholder(str(el.image_url), str(el.alt_text) ?? '');
    case 'mrkdwn':
    case 'plain_text':
      return place === 'context' ? `<span class="bk-context-text">${textObject(el, ctx)}</span>` : rawJson(`text object outside a context block`, el);
    default:
      return rawJson(`Unsupported element: ${String(el.type)}`, el);
  }
}

