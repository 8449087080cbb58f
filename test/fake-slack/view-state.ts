/** `view.state.values` as Slack's client fills it on submission: every input block, untouched ones included. */
import { isObj } from './block-elements.js';
import type { ViewRecord } from './types.js';

export interface PlainTextObject {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

/** An option as a test writes it: `text` may be a bare string. */
export interface OptionInput {
  text: string | PlainTextObject;
  value: string;
}

export type ViewStateValue =
  | { type: 'plain_text_input' | 'number_input' | 'email_text_input' | 'url_text_input'; value: string | null }
  | { type: 'static_select' | 'external_select' | 'radio_buttons'; selected_option: OptionInput | null }
  | { type: 'checkboxes' | 'multi_static_select' | 'multi_external_select'; selected_options: OptionInput[] }
  | { type: 'users_select'; selected_user: string | null }
  | { type: 'multi_users_select'; selected_users: string[] }
  | { type: 'conversations_select'; selected_conversation: string | null }
  | { type: 'multi_conversations_select'; selected_conversations: string[] }
  | { type: 'channels_select'; selected_channel: string | null }
  | { type: 'datepicker'; selected_date: string | null }
  | { type: 'timepicker'; selected_time: string | null };

/** blockId → actionId → value */
export type ViewValues = Record<string, Record<string, ViewStateValue>>;

/** What `valuesFromView` overrides accept: a plain value, interpreted by the input's element type. */
export type SimpleValue = string | null | string[];

interface InputSlot {
  blockId: string;
  actionId: string;
  element: Record<string, unknown>;
}

export function inputSlots(view: ViewRecord): InputSlot[] {
  return view.blocks.flatMap((b) => {
    if (!isObj(b) || b.type !== 'input' || typeof b.block_id !== 'string' || !isObj(b.element)) return [];
    const actionId = typeof b.element.action_id === 'string' ? b.element.action_id : 'input';
    return [{ blockId: b.block_id, actionId, element: b.element }];
  });
}

function elementOptions(element: Record<string, unknown>): OptionInput[] {
  const groups = Array.isArray(element.option_groups) ? element.option_groups : [];
  const lists = [element.options, ...groups.map((g: unknown) => (isObj(g) ? g.options : undefined))];
  return lists
    .flatMap((l) => (Array.isArray(l) ? l : []))
    .flatMap((o: unknown) => (isObj(o) && typeof o.value === 'string' && isObj(o.text) && typeof o.text.text === 'string'
      ? [{ value: o.value, text: { type: 'plain_text' as const, text: o.text.text } }]
      : []));
}

function optionFor(element: Record<string, unknown>, value: string): OptionInput {
  return elementOptions(element).find((o) => o.value === value) ?? { text: value, value };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const opt = (v: unknown): OptionInput | null => (isObj(v) && typeof v.value === 'string' ? { value: v.value, text: isObj(v.text) && typeof v.text.text === 'string' ? v.text.text : v.value } : null);
const opts = (v: unknown): OptionInput[] => (Array.isArray(v) ? v.flatMap((o: unknown) => opt(o) ?? []) : []);

/** The state value for an element: from `given` (a SimpleValue) or else from its initial_* field. */
function stateFor(element: Record<string, unknown>, given: SimpleValue | undefined): ViewStateValue | undefined {
  const has = given !== undefined;
  const one = has ? (Array.isArray(given) ? (given[0] ?? null) : given) : undefined;
  const many = has ? (Array.isArray(given) ? given : given === null ? [] : [given]) : undefined;
  switch (element.type) {
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return { type: element.type, value: has ? (one ?? null) : str(element.initial_value) };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type: element.type, selected_option: has ? (one === null || one === undefined ? null : optionFor(element, one)) : opt(element.initial_option) };
    case 'checkboxes':
    case 'multi_static_select':
    case 'multi_external_select':
      return { type: element.type, selected_options: many ? many.map((v) => optionFor(element, v)) : opts(element.initial_options) };
    case 'users_select':
      return { type: 'users_select', selected_user: has ? (one ?? null) : str(element.initial_user) };
    case 'multi_users_select':
      return { type: 'multi_users_select', selected_users: many ?? strs(element.initial_users) };
    case 'conversations_select':
      return { type: 'conversations_select', selected_conversation: has ? (one ?? null) : str(element.initial_conversation) };
    case 'multi_conversations_select':
      return { type: 'multi_conversations_select', selected_conversations: many ?? strs(element.initial_conversations) };
    case 'channels_select':
      return { type: 'channels_select', selected_channel: has ? (one ?? null) : str(element.initial_channel) };
    case 'datepicker':
      return { type: 'datepicker', selected_date: has ? (one ?? null) : str(element.initial_date) };
    case 'timepicker':
      return { type: 'timepicker', selected_time: has ? (one ?? null) : str(element.initial_time) };
    default:
      return undefined;
  }
}

/** Values for every input block of `view` (initial values), with `overrides` by block id. */
export function valuesFromView(view: ViewRecord, overrides: Record<string, SimpleValue> = {}): ViewValues {
  const known = new Set(inputSlots(view).map((s) => s.blockId));
  for (const blockId of Object.keys(overrides)) {
    if (!known.has(blockId)) throw new Error(`valuesFromView: no input block "${blockId}" (has: ${[...known].join(', ')})`);
  }
  const values: ViewValues = {};
  for (const slot of inputSlots(view)) {
    const state = stateFor(slot.element, overrides[slot.blockId]);
    if (state) values[slot.blockId] = { [slot.actionId]: state };
  }
  return values;
}

/** Refuses values Slack's client could never send for this view (a typo in a test, or a bot/test mismatch). */
export function checkValuesFitView(view: ViewRecord, values: ViewValues): void {
  const slots = new Map(inputSlots(view).map((s) => [s.blockId, s]));
  const layout = [...slots.values()].map((s) => `${s.blockId}/${s.actionId}:${String(s.element.type)}`).join(', ');
  for (const [blockId, byAction] of Object.entries(values)) {
    const slot = slots.get(blockId);
    if (!slot) throw new Error(`submitView: view ${view.id} has no input block "${blockId}" (inputs: ${layout})`);
    for (const [actionId, value] of Object.entries(byAction)) {
      if (typeof slot.element.action_id === 'string' && actionId !== slot.element.action_id) {
        throw new Error(`submitView: block "${blockId}" has action_id "${slot.element.action_id}", not "${actionId}"`);
      }
      if (value.type !== slot.element.type) {
        throw new Error(`submitView: block "${blockId}" holds a ${String(slot.element.type)}, not a ${value.type}`);
      }
    }
  }
}

const asText = (t: string | PlainTextObject): PlainTextObject =>
  typeof t === 'string' ? { type: 'plain_text', text: t, emoji: true } : { emoji: true, ...t };

/** Slack's wire shape: option texts as plain_text objects. */
export function wireValues(values: ViewValues): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [blockId, byAction] of Object.entries(values)) {
    const block: Record<string, Record<string, unknown>> = {};
    out[blockId] = block;
    for (const [actionId, v] of Object.entries(byAction)) {
      const wire: Record<string, unknown> = { ...v };
      if ('selected_option' in v) wire.selected_option = v.selected_option && { ...v.selected_option, text: asText(v.selected_option.text) };
      if ('selected_options' in v) wire.selected_options = v.selected_options.map((o) => ({ ...o, text: asText(o.text) }));
      block[actionId] = wire;
    }
  }
  return out;
}
