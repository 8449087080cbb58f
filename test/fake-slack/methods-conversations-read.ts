/** conversations.* methods that read: list, members, history, replies. */
import { bool, fail, ok, paginate, str } from './args.js';
import { compareTs } from './ids.js';
import { toApiMessage } from './message-shape.js';
import { channelInfo } from './methods-conversations.js';
import type { Args, ApiResult } from './types.js';
import type { ChannelState, Workspace } from './workspace.js';

/** A conversation the bot may read: any it is in, any public one for info/members. */
function visible(ws: Workspace, args: Args): ChannelState | undefined {
  const ch = ws.conversation(args.channel);
  if (!ch) return undefined;
  return ch.isPrivate && !ws.botIsMember(ch) ? undefined : ch;
}

function typeOf(ch: ChannelState): string {
  if (ch.isIm) return 'im';
  return ch.isPrivate ? 'private_channel' : 'public_channel';
}

function list(ws: Workspace, args: Args): ApiResult {
  const types = new Set((str(args, 'types') ?? 'public_channel').split(',').map((t) => t.trim()));
  const excludeArchived = bool(args, 'exclude_archived');
  const all = [...ws.channels.values()].filter(
    (ch) =>
      types.has(typeOf(ch)) &&
      (!ch.isPrivate || ws.botIsMember(ch)) &&
      !(excludeArchived && ch.archived),
  );
  const { page, nextCursor } = paginate(all, args, 100);
  return ok({ channels: page.map((ch) => channelInfo(ws, ch)), response_metadata: { next_cursor: nextCursor } });
}

function members(ws: Workspace, args: Args): ApiResult {
  const ch = visible(ws, args);
  if (!ch) return fail('channel_not_found');
  const { page, nextCursor } = paginate(ch.members, args, 100);
  return ok({ members: page, response_metadata: { next_cursor: nextCursor } });
}

function readable(ws: Workspace, args: Args): ChannelState | ApiResult {
  const ch = visible(ws, args);
  if (!ch) return fail('channel_not_found');
  if (!ws.botIsMember(ch)) return fail('not_in_channel');
  return ch;
}

function history(ws: Workspace, args: Args): ApiResult {
  const ch = readable(ws, args);
  if ('ok' in ch) return ch;
  const latest = str(args, 'latest');
  const oldest = str(args, 'oldest');
  const inclusive = bool(args, 'inclusive');
  const inRange = (ts: string): boolean => {
    if (latest !== undefined && latest !== '') {
      const c = compareTs(ts, latest);
      if (c > 0 || (c === 0 && !inclusive)) return false;
    }
    if (oldest !== undefined && oldest !== '') {
      const c = compareTs(ts, oldest);
      if (c < 0 || (c === 0 && !inclusive)) return false;
    }
    return true;
  };
  const newestFirst = ws
    .topLevel(ch)
    .filter((m) => inRange(m.ts))
    .reverse();
  const { page, nextCursor } = paginate(newestFirst, args, 100);
  return ok({
    messages: page.map((m) => toApiMessage(m, ws.replies(ch, m.ts), bool(args, 'include_all_metadata'))),
    has_more: nextCursor !== '',
    pin_count: ch.pins.length,
    response_metadata: { next_cursor: nextCursor },
  });
}

function replies(ws: Workspace, args: Args): ApiResult {
  const ch = readable(ws, args);
  if ('ok' in ch) return ch;
  const parent = ws.findMessage(ch, args.ts);
  if (!parent) return fail('thread_not_found');
  const root = parent.thread_ts !== undefined && parent.thread_ts !== parent.ts ? ws.findMessage(ch, parent.thread_ts) : parent;
  if (!root) return fail('thread_not_found');
  const thread = ws.replies(ch, root.ts);
  const { page, nextCursor } = paginate([root, ...thread], args, 1000);
  return ok({
    messages: page.map((m) => toApiMessage(m, m === root ? thread : [], bool(args, 'include_all_metadata'))),
    has_more: nextCursor !== '',
    response_metadata: { next_cursor: nextCursor },
  });
}

export const conversationReadMethods = {
  'conversations.list': list,
  'conversations.members': members,
  'conversations.history': history,
  'conversations.replies': replies,
} satisfies Record<string, (ws: Workspace, args: Args) => ApiResult>;
