/** Block Kit composition objects and interactive elements, checked against the limits Slack enforces. */

export type Obj = Record<string, unknown>;

export interface Problem {
  pointer: string;
  message: string;
}

/** Ids already used in the message or view being checked. */
export interface IdScope {
  blockIds: Set<string>;
  actionIds: Set<string>;
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Slack counts characters, not UTF-16 units. */
export function charCount(s: string): number {
  return [...s].length;
}

const problem = (pointer: string, message: string): Problem => ({ pointer, message });
export const missing = (at: string, field: string): Problem => problem(at, `missing required field: ${field}`);
export const tooMany = (at: string, max: number): Problem => problem(at, `no more than ${max} items allowed`);

/** An optional string field: present → string of at most `max` characters. */
export function checkString(parent: Obj, field: string, at: string, max: number, required = false): Problem | undefined {
  const v = parent[field];
  if (v === undefined) return required ? missing(at, field) : undefined;
  if (typeof v !== 'string') return problem(`${at}/${field}`, 'must be a string');
  if (required && v.length === 0) return problem(`${at}/${field}`, 'must be more than 0 characters');
  if (charCount(v) > max) return problem(`${at}/${field}`, `must be less than ${max + 1} characters`);
  return undefined;
}

export interface TextRule {
  max: number;
  plainOnly?: boolean;
}

/** A text object `{type: 'plain_text' | 'mrkdwn', text}`: never empty, at most `max` characters. */
export function checkText(v: unknown, at: string, rule: TextRule): Problem | undefined {
  if (!isObj(v)) return problem(at, 'must provide an object');
  if (v.type !== 'plain_text' && v.type !== 'mrkdwn') return problem(`${at}/type`, 'must be a valid enum value');
  if (rule.plainOnly === true && v.type !== 'plain_text') return problem(`${at}/type`, 'must be plain_text');
  if (typeof v.text !== 'string') return missing(at, 'text');
  if (v.text.length === 0) return problem(`${at}/text`, 'must be more than 0 characters');
  if (charCount(v.text) > rule.max) return problem(`${at}/text`, `must be less than ${rule.max + 1} characters`);
  return undefined;
}

function optionalText(parent: Obj, field: string, at: string, rule: TextRule): Problem | undefined {
  return parent[field] === undefined ? undefined : checkText(parent[field], `${at}/${field}`, rule);
}

function checkConfirm(el: Obj, at: string): Problem | undefined {
  const c = el.confirm;
  if (c === undefined) return undefined;
  const here = `${at}/confirm`;
  if (!isObj(c)) return problem(here, 'must provide an object');
  return (
    checkText(c.title, `${here}/title`, { max: 100, plainOnly: true }) ??
    checkText(c.text, `${here}/text`, { max: 300 }) ??
    checkText(c.confirm, `${here}/confirm`, { max: 30, plainOnly: true }) ??
    checkText(c.deny, `${here}/deny`, { max: 30, plainOnly: true })
  );
}

interface OptionRule {
  max: number;
  /** checkboxes and radio buttons allow mrkdwn option text */
  mrkdwn: boolean;
}

function checkOption(o: unknown, at: string, rule: OptionRule): Problem | undefined {
  if (!isObj(o)) return problem(at, 'must provide an object');
  return (
    checkText(o.text, `${at}/text`, { max: 75, plainOnly: !rule.mrkdwn }) ??
    checkString(o, 'value', at, 75, true) ??
    optionalText(o, 'description', at, { max: 75, plainOnly: !rule.mrkdwn }) ??
    checkString(o, 'url', at, 3000)
  );
}

export function checkOptions(list: unknown, at: string, rule: OptionRule): Problem | undefined {
  if (!Array.isArray(list)) return problem(at, 'must provide an array');
  if (list.length === 0) return problem(at, 'must provide at least 1 item');
  if (list.length > rule.max) return tooMany(at, rule.max);
  for (const [i, o] of list.entries()) {
    const p = checkOption(o, `${at}/${i}`, rule);
    if (p) return p;
  }
  return undefined;
}

function optionValues(el: Obj): string[] {
  const groups = Array.isArray(el.option_groups) ? el.option_groups : [];
  const lists = [el.options, ...groups.map((g: unknown) => (isObj(g) ? g.options : undefined))];
  return lists.flatMap((l) => (Array.isArray(l) ? l : [])).flatMap((o: unknown) =>
    isObj(o) && typeof o.value === 'string' ? [o.value] : [],
  );
}

function checkSelect(el: Obj, at: string, rule: OptionRule): Problem | undefined {
  const placeholder = optionalText(el, 'placeholder', at, { max: 150, plainOnly: true });
  if (placeholder) return placeholder;
  if (el.options !== undefined) {
    const p = checkOptions(el.options, `${at}/options`, rule);
    if (p) return p;
  } else if (Array.isArray(el.option_groups)) {
    if (el.option_groups.length > 100) return tooMany(`${at}/option_groups`, 100);
    for (const [i, g] of el.option_groups.entries()) {
      const gAt = `${at}/option_groups/${i}`;
      if (!isObj(g)) return problem(gAt, 'must provide an object');
      const p = checkText(g.label, `${gAt}/label`, { max: 75, plainOnly: true }) ?? checkOptions(g.options, `${gAt}/options`, rule);
      if (p) return p;
    }
  } else {
    return missing(at, 'options');
  }
  const values = new Set(optionValues(el));
  const initial = el.initial_options ?? (el.initial_option === undefined ? [] : [el.initial_option]);
  for (const o of Array.isArray(initial) ? initial : [initial]) {
    if (!isObj(o) || typeof o.value !== 'string' || !values.has(o.value)) {
      return problem(`${at}/${el.initial_options === undefined ? 'initial_option' : 'initial_options'}`, 'must match one of the options');
    }
  }
  return undefined;
}

function checkImage(el: Obj, at: string): Problem | undefined {
  if (el.image_url === undefined && el.slack_file === undefined) return missing(at, 'image_url');
  return checkString(el, 'image_url', at, 3000) ?? checkString(el, 'alt_text', at, 2000, true);
}

function checkPlainTextInput(el: Obj, at: string): Problem | undefined {
  for (const field of ['max_length', 'min_length'] as const) {
    const n = el[field];
    if (n !== undefined && (typeof n !== 'number' || n < 0 || n > 3000)) {
      return problem(`${at}/${field}`, 'must be a number between 0 and 3000');
    }
  }
  return optionalText(el, 'placeholder', at, { max: 150, plainOnly: true }) ?? checkString(el, 'initial_value', at, 3000);
}

const placeholderOnly = (el: Obj, at: string): Problem | undefined =>
  optionalText(el, 'placeholder', at, { max: 150, plainOnly: true });

type ElementCheck = (el: Obj, at: string) => Problem | undefined;

const ELEMENTS: Record<string, ElementCheck> = {
  button: (el, at) =>
    checkText(el.text, `${at}/text`, { max: 75, plainOnly: true }) ??
    checkString(el, 'value', at, 2000) ??
    checkString(el, 'url', at, 3000) ??
    (el.style === undefined || el.style === 'primary' || el.style === 'danger'
      ? undefined
      : problem(`${at}/style`, 'must be a valid enum value')),
  static_select: (el, at) => checkSelect(el, at, { max: 100, mrkdwn: false }),
  multi_static_select: (el, at) => checkSelect(el, at, { max: 100, mrkdwn: false }),
  overflow: (el, at) => checkOptions(el.options, `${at}/options`, { max: 5, mrkdwn: false }),
  checkboxes: (el, at) => checkSelect(el, at, { max: 10, mrkdwn: true }),
  radio_buttons: (el, at) => checkSelect(el, at, { max: 10, mrkdwn: true }),
  plain_text_input: checkPlainTextInput,
  users_select: placeholderOnly,
  multi_users_select: placeholderOnly,
  conversations_select: placeholderOnly,
  multi_conversations_select: placeholderOnly,
  channels_select: placeholderOnly,
  multi_channels_select: placeholderOnly,
  external_select: placeholderOnly,
  multi_external_select: placeholderOnly,
  datepicker: placeholderOnly,
  timepicker: placeholderOnly,
  datetimepicker: () => undefined,
  email_text_input: placeholderOnly,
  url_text_input: placeholderOnly,
  number_input: placeholderOnly,
  rich_text_input: placeholderOnly,
  file_input: () => undefined,
  workflow_button: (el, at) => checkText(el.text, `${at}/text`, { max: 75, plainOnly: true }),
};

/** An interactive element (or an image, where `allowImage`), with its action_id registered in `scope`. */
export function checkElement(v: unknown, at: string, scope: IdScope, allowImage = false): Problem | undefined {
  if (!isObj(v)) return problem(at, 'must provide an object');
  if (typeof v.type !== 'string') return missing(at, 'type');
  if (v.type === 'image' && allowImage) return checkImage(v, at);
  const check = ELEMENTS[v.type];
  if (!check) return problem(`${at}/type`, `unsupported type: ${v.type}`);
  const own = check(v, at) ?? checkString(v, 'action_id', at, 255) ?? checkConfirm(v, at);
  if (own) return own;
  if (typeof v.action_id === 'string') {
    if (scope.actionIds.has(v.action_id)) return problem(`${at}/action_id`, `duplicate action_id: ${v.action_id}`);
    scope.actionIds.add(v.action_id);
  }
  return undefined;
}

export { checkImage };
