/**
 * The untyped parts of a Slack message (legacy attachments, Block Kit) narrowed with zod into plain strings, so each
 * parser reads titles, texts, fields and block lines without guarding every property itself.
 */
import { z } from 'zod';
import type { AlertMessage } from '../alert.js';

/** Alert posts are short; scanning at most this much keeps every pattern fast on a hostile 100 KB message. */
export const MAX_SCAN_CHARS = 20_000;
const MAX_ATTACHMENTS = 20;
const MAX_BLOCK_NODES = 400;
const MAX_BLOCK_DEPTH = 8;

export interface FieldView {
  readonly title: string;
  readonly value: string;
}

export interface AttachmentView {
  readonly title: string;
  readonly titleLink: string;
  readonly text: string;
  readonly fallback: string;
  readonly pretext: string;
  readonly color: string;
  readonly footer: string;
  readonly footerIcon: string;
  readonly authorName: string;
  readonly fields: readonly FieldView[];
  readonly blockLines: readonly string[];
}

export interface MessageView {
  readonly text: string;
  readonly attachments: readonly AttachmentView[];
  readonly blockLines: readonly string[];
  readonly blockIds: readonly string[];
  /** The webhook `username` or bot name, '' when Slack gives none. */
  readonly username: string;
  readonly isBot: boolean;
  /** Every piece of text in reading order (raw mrkdwn), for markers and links anywhere in the message. */
  readonly fullText: string;
}

const scanned = (value: string): string => (value.length > MAX_SCAN_CHARS ? value.slice(0, MAX_SCAN_CHARS) : value);
const text = z.string().transform(scanned).optional().catch(undefined);
const scalar = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((value) => scanned(String(value)))
  .optional()
  .catch(undefined);

const fieldSchema = z.object({ title: scalar, value: scalar });
const attachmentSchema = z.object({
  title: scalar,
  title_link: text,
  text: scalar,
  fallback: text,
  pretext: text,
  color: text,
  footer: scalar,
  footer_icon: text,
  author_name: scalar,
  fields: z.array(z.unknown()).optional().catch(undefined),
  blocks: z.array(z.unknown()).optional().catch(undefined),
});
const blockSchema = z.object({
  type: text,
  text: z.union([z.string().transform(scanned), z.object({ text })]).optional().catch(undefined),
  url: text,
  name: text,
  user_id: text,
  range: text,
  block_id: text,
  elements: z.array(z.unknown()).optional().catch(undefined),
  fields: z.array(z.unknown()).optional().catch(undefined),
});

const messageSchema = z
  .object({
    text: text,
    attachments: z.array(z.unknown()).optional().catch(undefined),
    blocks: z.array(z.unknown()).optional().catch(undefined),
    username: text,
    botId: text,
  })
  .catch({});

interface BlockWalk {
  readonly lines: string[];
  readonly ids: string[];
  budget: number;
}

/** Inline pieces of a rich text section, as mrkdwn, so links and mentions look the same as in legacy text. */
function inlinePiece(block: z.infer<typeof blockSchema>, ownText: string): string {
  switch (block.type) {
    case 'link':
      return block.url ? `<${block.url}|${ownText || block.url}>` : ownText;
    case 'user':
      return block.user_id ? `<@${block.user_id}>` : '';
    case 'broadcast':
      return block.range ? `<!${block.range}>` : '';
    case 'emoji':
      return block.name ? `:${block.name}:` : '';
    default:
      return ownText;
  }
}

function walkBlocks(nodes: readonly unknown[], depth: number, walk: BlockWalk): void {
  if (depth > MAX_BLOCK_DEPTH) return;
  for (const node of nodes) {
    if (walk.budget <= 0) return;
    walk.budget -= 1;
    const parsed = blockSchema.safeParse(node);
    if (!parsed.success) continue;
    const block = parsed.data;
    // Buttons and menus say what a reader can do, not what the alert says ("Resolve" is not a resolution).
    if (block.type === 'actions' || block.type === 'button' || block.type === 'image') continue;
    if (block.block_id) walk.ids.push(block.block_id);
    const ownText = typeof block.text === 'string' ? block.text : (block.text?.text ?? '');
    if (block.type?.startsWith('rich_text_') && block.type !== 'rich_text_list' && block.elements) {
      const inline: BlockWalk = { lines: [], ids: walk.ids, budget: walk.budget };
      walkInline(block.elements, depth + 1, inline);
      walk.budget = inline.budget;
      walk.lines.push(inline.lines.join(''));
      continue;
    }
    if (ownText) walk.lines.push(ownText);
    if (block.fields) walkBlocks(block.fields, depth + 1, walk);
    if (block.elements) walkBlocks(block.elements, depth + 1, walk);
  }
}

function walkInline(nodes: readonly unknown[], depth: number, walk: BlockWalk): void {
  for (const node of nodes) {
    if (walk.budget <= 0 || depth > MAX_BLOCK_DEPTH) return;
    walk.budget -= 1;
    const parsed = blockSchema.safeParse(node);
    if (!parsed.success) continue;
    const ownText = typeof parsed.data.text === 'string' ? parsed.data.text : (parsed.data.text?.text ?? '');
    walk.lines.push(inlinePiece(parsed.data, ownText));
  }
}

function blockLinesOf(nodes: readonly unknown[], budget: number): { lines: string[]; ids: string[]; left: number } {
  const walk: BlockWalk = { lines: [], ids: [], budget };
  walkBlocks(nodes, 0, walk);
  return { lines: walk.lines.filter((line) => line.trim() !== ''), ids: walk.ids, left: walk.budget };
}

function viewAttachment(raw: unknown, budget: { left: number }): AttachmentView | null {
  const parsed = attachmentSchema.safeParse(raw);
  if (!parsed.success) return null;
  const a = parsed.data;
  const fields = (a.fields ?? []).slice(0, 50).flatMap((field) => {
    const f = fieldSchema.safeParse(field);
    return f.success ? [{ title: f.data.title ?? '', value: f.data.value ?? '' }] : [];
  });
  const blocks = blockLinesOf(a.blocks ?? [], budget.left);
  budget.left = blocks.left;
  return {
    title: a.title ?? '',
    titleLink: a.title_link ?? '',
    text: a.text ?? '',
    fallback: a.fallback ?? '',
    pretext: a.pretext ?? '',
    color: (a.color ?? '').toLowerCase(),
    footer: a.footer ?? '',
    footerIcon: a.footer_icon ?? '',
    authorName: a.author_name ?? '',
    fields,
    blockLines: blocks.lines,
  };
}

/** Never throws: anything Slack (or a caller) hands over that is not the expected shape is read as empty. */
export function viewMessage(message: AlertMessage): MessageView {
  const raw: unknown = message;
  const source = messageSchema.parse(raw);
  const budget = { left: MAX_BLOCK_NODES };
  const attachments = (source.attachments ?? [])
    .slice(0, MAX_ATTACHMENTS)
    .flatMap((a) => viewAttachment(a, budget) ?? []);
  const blocks = blockLinesOf(source.blocks ?? [], budget.left);
  const body = source.text ?? '';
  const pieces = [
    body,
    ...blocks.lines,
    ...attachments.flatMap((a) => [
      a.pretext,
      a.authorName,
      a.title,
      a.titleLink,
      a.text,
      ...a.fields.flatMap((f) => [f.title, f.value]),
      ...a.blockLines,
      a.footer,
      a.fallback,
    ]),
  ];
  return {
    text: body,
    attachments,
    blockLines: blocks.lines,
    blockIds: blocks.ids,
    username: (source.username ?? '').trim(),
    isBot: Boolean(source.botId),
    fullText: scanned(pieces.filter((piece) => piece !== '').join('\n')),
  };
}

/** The value of the first field whose title matches, across all attachments. */
export function fieldValue(view: MessageView, title: RegExp): string | null {
  for (const attachment of view.attachments) {
    const field = attachment.fields.find((f) => title.test(f.title.trim()));
    if (field) return field.value;
  }
  return null;
}
