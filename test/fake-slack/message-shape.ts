import type { MessageRecord } from './types.js';

/** True for what a person sees in the channel itself: top-level posts and thread replies sent to the channel too. */
export function isTopLevel(m: MessageRecord): boolean {
  return m.thread_ts === undefined || m.thread_ts === m.ts || m.reply_broadcast;
}

/** A stored message as Slack's API returns it (conversations.history, block_actions payloads, ...). */
export function toApiMessage(m: MessageRecord, replies: readonly MessageRecord[] = [], includeMetadata = false): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'message', ts: m.ts, user: m.user, text: m.text };
  if (m.bot_id !== undefined) out.bot_id = m.bot_id;
  if (m.blocks !== undefined) out.blocks = m.blocks;
  if (m.attachments !== undefined) out.attachments = m.attachments;
  if (m.thread_ts !== undefined) out.thread_ts = m.thread_ts;
  if (m.reply_broadcast) out.subtype = 'thread_broadcast';
  if (m.edits.length > 0) out.edited = { user: m.user, ts: m.ts };
  if (m.pinned) out.pinned_to = [m.channel];
  if (includeMetadata && m.metadata) out.metadata = m.metadata;
  if (m.reactions.length > 0) out.reactions = m.reactions.map((r) => ({ ...r, users: [...r.users] }));
  if (replies.length > 0) {
    out.reply_count = replies.length;
    out.reply_users = [...new Set(replies.map((r) => r.user))];
    out.latest_reply = replies[replies.length - 1]?.ts;
  }
  return out;
}
