/** chat.* methods: postMessage, update, getPermalink. */
import { bool, fail, ok, str } from './args.js';
import { checkMessageContent, withBlockIds } from './block-kit.js';
import { toApiMessage } from './message-shape.js';
import type { Args, ApiResult, MessageRecord } from './types.js';
import type { ChannelState, Workspace } from './workspace.js';

const asList = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);

/** Where the bot posts: a channel (membership was checked with the contract's rules), or a user id meaning the bot's DM with them. */
function postTarget(ws: Workspace, args: Args): ChannelState | ApiResult {
  const ch = ws.conversation(args.channel, true);
  if (!ch) return fail('channel_not_found');
  if (ch.archived) return fail('is_archived');
  return ch;
}

function messageMetadata(value: unknown): MessageRecord['metadata'] {
  if (typeof value !== 'object' || value === null) return undefined;
  const { event_type: type, event_payload: payload } = value as Record<string, unknown>;
  if (typeof type !== 'string' || typeof payload !== 'object' || payload === null) return undefined;
  return { event_type: type, event_payload: payload as Record<string, unknown> };
}

function postMessage(ws: Workspace, args: Args): ApiResult {
  const ch = postTarget(ws, args);
  if ('ok' in ch) return ch;
  const invalid = checkMessageContent({ text: args.text, blocks: args.blocks, attachments: args.attachments });
  if (invalid) return invalid;
  if (args.thread_ts !== undefined && typeof args.thread_ts !== 'string') return fail('invalid_arguments');
  let threadTs = args.thread_ts === '' ? undefined : str(args, 'thread_ts');
  if (threadTs !== undefined) {
    const parent = ws.findMessage(ch, threadTs);
    if (!parent) return fail('thread_not_found');
    threadTs = parent.thread_ts ?? parent.ts;
  }
  const blocks = asList(args.blocks);
  const m = ws.post(ch, {
    user: ws.botUserId,
    bot_id: ws.botId,
    text: str(args, 'text') ?? '',
    ...(blocks ? { blocks: withBlockIds(blocks, () => ws.mint.blockId()) } : {}),
    ...(asList(args.attachments) ? { attachments: asList(args.attachments) } : {}),
    ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
    reply_broadcast: threadTs !== undefined && bool(args, 'reply_broadcast'),
    ...(messageMetadata(args.metadata) ? { metadata: messageMetadata(args.metadata) } : {}),
  });
  return ok({ channel: ch.id, ts: m.ts, message: toApiMessage(m) });
}

function ownMessage(ws: Workspace, args: Args, ownError: string, tsKey = 'ts'): MessageRecord | ApiResult {
  const ch = ws.conversation(args.channel);
  if (!ch || (ch.isPrivate && !ws.botIsMember(ch))) return fail('channel_not_found');
  const m = ws.findMessage(ch, args[tsKey]);
  if (!m) return fail('message_not_found');
  if (m.user !== ws.botUserId) return fail(ownError);
  return m;
}

function update(ws: Workspace, args: Args): ApiResult {
  const m = ownMessage(ws, args, 'cant_update_message');
  if ('ok' in m) return m;
  // An archived channel is read-only; chat.update's documented answer for a message it cannot edit.
  if (ws.conversation(m.channel)?.archived) return fail('cant_update_message');
  if (args.text === undefined && args.blocks === undefined && args.attachments === undefined) return fail('no_text');
  const invalid = checkMessageContent({ text: args.text, blocks: args.blocks, attachments: args.attachments }, false);
  if (invalid) return invalid;
  m.edits.push({ text: m.text, blocks: m.blocks, attachments: m.attachments, replacedAt: ws.now() });
  const text = str(args, 'text');
  if (text !== undefined) m.text = text;
  const blocks = asList(args.blocks);
  if (blocks) m.blocks = withBlockIds(blocks, () => ws.mint.blockId());
  const attachments = asList(args.attachments);
  if (attachments) m.attachments = attachments;
  return ok({ channel: m.channel, ts: m.ts, text: m.text, message: toApiMessage(m) });
}

export function permalink(channel: string, m: MessageRecord): string {
  const base = `https://fake.slack.test/archives/${channel}/p${m.ts.replace('.', '')}`;
  const inThread = m.thread_ts !== undefined && m.thread_ts !== m.ts;
  return inThread ? `${base}?thread_ts=${m.thread_ts}&cid=${channel}` : base;
}

function getPermalink(ws: Workspace, args: Args): ApiResult {
  const ch = ws.conversation(args.channel);
  if (!ch || (ch.isPrivate && !ws.botIsMember(ch))) return fail('channel_not_found');
  const m = ws.findMessage(ch, args.message_ts);
  if (!m) return fail('message_not_found');
  return ok({ channel: ch.id, permalink: permalink(ch.id, m) });
}

export const chatMethods = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.getPermalink': getPermalink,
} satisfies Record<string, (ws: Workspace, args: Args) => ApiResult>;
