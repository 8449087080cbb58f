/** Blocks, message content and modal views, validated the way Slack answers them. */
import {
  checkElement,
  checkImage,
  checkString,
  checkText,
  isObj,
  missing,
  tooMany,
  type IdScope,
  type Obj,
  type Problem,
} from './block-elements.js';
import type { ApiFailure } from './types.js';

type BlockCheck = (b: Obj, at: string, scope: IdScope) => Problem | undefined;

function checkList(list: unknown, at: string, max: number, each: (v: unknown, at: string) => Problem | undefined): Problem | undefined {
  if (!Array.isArray(list)) return { pointer: at, message: 'must provide an array' };
  if (list.length === 0) return { pointer: at, message: 'must provide at least 1 item' };
  if (list.length > max) return tooMany(at, max);
  for (const [i, v] of list.entries()) {
    const p = each(v, `${at}/${i}`);
    if (p) return p;
  }
  return undefined;
}

const BLOCKS: Record<string, BlockCheck> = {
  section: (b, at, scope) => {
    if (b.text === undefined && b.fields === undefined) return missing(at, 'text');
    return (
      (b.text === undefined ? undefined : checkText(b.text, `${at}/text`, { max: 3000 })) ??
      (b.fields === undefined
        ? undefined
        : checkList(b.fields, `${at}/fields`, 10, (f, fAt) => checkText(f, fAt, { max: 2000 }))) ??
      (b.accessory === undefined ? undefined : checkElement(b.accessory, `${at}/accessory`, scope, true))
    );
  },
  header: (b, at) => checkText(b.text, `${at}/text`, { max: 150, plainOnly: true }),
  divider: () => undefined,
  context: (b, at) =>
    checkList(b.elements, `${at}/elements`, 10, (e, eAt) =>
      isObj(e) && e.type === 'image' ? checkImage(e, eAt) : checkText(e, eAt, { max: 3000 }),
    ),
  actions: (b, at, scope) => checkList(b.elements, `${at}/elements`, 25, (e, eAt) => checkElement(e, eAt, scope)),
  input: (b, at, scope) =>
    checkText(b.label, `${at}/label`, { max: 2000, plainOnly: true }) ??
    (b.hint === undefined ? undefined : checkText(b.hint, `${at}/hint`, { max: 2000, plainOnly: true })) ??
    (b.element === undefined ? missing(at, 'element') : checkElement(b.element, `${at}/element`, scope)),
  image: (b, at) =>
    checkImage(b, at) ?? (b.title === undefined ? undefined : checkText(b.title, `${at}/title`, { max: 2000, plainOnly: true })),
  markdown: (b, at) => checkString(b, 'text', at, 12000, true),
  rich_text: (b, at) => (Array.isArray(b.elements) ? undefined : missing(at, 'elements')),
  file: () => undefined,
  video: () => undefined,
  call: () => undefined,
  table: () => undefined,
};

export interface BlockListRule {
  max: number;
  /** messages: action_ids unique across the message; views: unique within each block (Slack's own rule) */
  actionIdsPerBlock: boolean;
}

/** First problem in a block list; `at` is the JSON pointer of the list (`/blocks`, `/view/blocks`). */
export function checkBlocks(blocks: unknown[], at: string, rule: BlockListRule): Problem | undefined {
  if (blocks.length > rule.max) return tooMany(at, rule.max);
  const messageScope: IdScope = { blockIds: new Set(), actionIds: new Set() };
  for (const [i, b] of blocks.entries()) {
    const bAt = `${at}/${i}`;
    if (!isObj(b)) return { pointer: bAt, message: 'must provide an object' };
    if (typeof b.type !== 'string') return missing(bAt, 'type');
    const check = BLOCKS[b.type];
    if (!check) return { pointer: `${bAt}/type`, message: `unsupported type: ${b.type}` };
    const idProblem = checkString(b, 'block_id', bAt, 255);
    if (idProblem) return idProblem;
    if (typeof b.block_id === 'string') {
      if (messageScope.blockIds.has(b.block_id)) return { pointer: `${bAt}/block_id`, message: `duplicate block_id: ${b.block_id}` };
      messageScope.blockIds.add(b.block_id);
    }
    const scope = rule.actionIdsPerBlock ? { blockIds: messageScope.blockIds, actionIds: new Set<string>() } : messageScope;
    const p = check(b, bAt, scope);
    if (p) return p;
  }
  return undefined;
}

export function failure(error: string, p?: Problem): ApiFailure {
  return p
    ? { ok: false, error, response_metadata: { messages: [`[ERROR] ${p.message} [json-pointer:${p.pointer}]`] } }
    : { ok: false, error };
}

export interface MessageContent {
  text: unknown;
  blocks: unknown;
  attachments?: unknown;
}

/** chat.postMessage / chat.update / chat.postEphemeral / response_url content rules. */
export function checkMessageContent(c: MessageContent, requireContent = true): ApiFailure | undefined {
  if (c.text !== undefined && typeof c.text !== 'string') return failure('invalid_arguments');
  if (c.blocks !== undefined && !Array.isArray(c.blocks)) return failure('invalid_blocks_format');
  if (c.attachments !== undefined && !Array.isArray(c.attachments)) return failure('invalid_attachments');
  const hasText = typeof c.text === 'string' && c.text.trim() !== '';
  const hasBlocks = Array.isArray(c.blocks) && c.blocks.length > 0;
  const hasAttachments = Array.isArray(c.attachments) && c.attachments.length > 0;
  if (requireContent && !hasText && !hasBlocks && !hasAttachments) return failure('no_text');
  if (typeof c.text === 'string' && c.text.length > 40_000) return failure('msg_too_long');
  if (Array.isArray(c.blocks)) {
    const p = checkBlocks(c.blocks, '/blocks', { max: 50, actionIdsPerBlock: false });
    if (p) return failure('invalid_blocks', p);
    if (blockTextLength(c.blocks) > MAX_BLOCKS_TEXT) return failure('msg_blocks_too_long');
  }
  return undefined;
}

/**
 * Undocumented but real: Slack answers `msg_blocks_too_long` once the text of a message's blocks adds up to about
 * 13,200 characters, though every block is within its own limit (slackapi/bolt-js#2509). The fake uses the lowest
 * figure reported there.
 */
export const MAX_BLOCKS_TEXT = 13_100;

function blockTextLength(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((sum: number, n) => sum + blockTextLength(n), 0);
  if (!isObj(node)) return 0;
  const own = typeof node.text === 'string' ? node.text.length : 0;
  return own + Object.entries(node).reduce((sum, [key, value]) => sum + (key === 'text' && typeof value === 'string' ? 0 : blockTextLength(value)), 0);
}

/** views.open / views.push / views.update: modal limits plus the same block rules. */
export function checkModalView(view: unknown): ApiFailure | undefined {
  const at = '/view';
  const bad = (p: Problem): ApiFailure => failure('invalid_arguments', p);
  if (!isObj(view)) return bad({ pointer: at, message: 'must provide an object' });
  if (view.type !== 'modal') return bad({ pointer: `${at}/type`, message: 'must be a valid enum value' });
  const own =
    checkText(view.title, `${at}/title`, { max: 24, plainOnly: true }) ??
    (view.submit === undefined ? undefined : checkText(view.submit, `${at}/submit`, { max: 24, plainOnly: true })) ??
    (view.close === undefined ? undefined : checkText(view.close, `${at}/close`, { max: 24, plainOnly: true })) ??
    checkString(view, 'callback_id', at, 255) ??
    checkString(view, 'private_metadata', at, 3000) ??
    checkString(view, 'external_id', at, 255);
  if (own) return bad(own);
  if (!Array.isArray(view.blocks)) return bad(missing(at, 'blocks'));
  const p = checkBlocks(view.blocks, `${at}/blocks`, { max: 100, actionIdsPerBlock: true });
  if (p) return bad(p);
  const hasInput = view.blocks.some((b: unknown) => isObj(b) && b.type === 'input');
  if (hasInput && view.submit === undefined) {
    return bad({ pointer: `${at}/submit`, message: 'submit is required when a view has input blocks' });
  }
  return undefined;
}

/** Slack fills in a block_id on every block that lacks one; so does the fake (copying, never mutating input). */
export function withBlockIds(blocks: unknown[], mint: () => string): unknown[] {
  return blocks.map((b) => {
    const copy: unknown = structuredClone(b);
    if (isObj(copy) && copy.block_id === undefined) copy.block_id = mint();
    return copy;
  });
}
