/** conversations.* methods that change things: create, invite, setTopic, join, open. */
import { bool, fail, ok, str } from './args.js';
import { channelNameError } from './channel-names.js';
import type { Args, ApiResult } from './types.js';
import type { ChannelState, Workspace } from './workspace.js';

export function channelInfo(ws: Workspace, ch: ChannelState): Record<string, unknown> {
  const base = { id: ch.id, created: ch.created, is_archived: ch.archived, is_org_shared: false };
  if (ch.isIm) return { ...base, is_im: true, is_channel: false, is_private: true, user: ch.imUser, is_open: true };
  const last = ch.topicHistory[ch.topicHistory.length - 1];
  return {
    ...base,
    name: ch.name,
    name_normalized: ch.name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: ch.isPrivate,
    is_general: false,
    is_shared: false,
    creator: ch.creator,
    is_member: ws.botIsMember(ch),
    topic: { value: ch.topic, creator: last?.by ?? '', last_set: last ? Math.floor(last.at / 1000) : 0 },
    purpose: { value: '', creator: '', last_set: 0 },
    previous_names: [],
    num_members: ch.members.length,
  };
}

/** Looks up a conversation the bot must be in to act on; answers Slack's error otherwise. */
export function memberChannel(ws: Workspace, args: Args): ChannelState | ApiResult {
  const ch = ws.conversation(args.channel);
  if (!ch || (ch.isPrivate && !ws.botIsMember(ch))) return fail('channel_not_found');
  if (!ws.botIsMember(ch)) return fail('not_in_channel');
  if (ch.archived) return fail('is_archived');
  return ch;
}

export function isResult(v: ChannelState | ApiResult): v is ApiResult {
  return 'ok' in v;
}

function create(ws: Workspace, args: Args): ApiResult {
  const name = str(args, 'name');
  const nameError = channelNameError(name, !ws.allowNonLatinChannelNames);
  if (nameError || name === undefined) return fail(nameError ?? 'invalid_name_required');
  if (ws.channelByName(name)) return fail('name_taken');
  const isPrivate = bool(args, 'is_private');
  const ch = ws.addChannel({ id: ws.mint.conversationId(isPrivate ? 'G' : 'C'), name, isPrivate });
  return ok({ channel: channelInfo(ws, ch) });
}

function invite(ws: Workspace, args: Args): ApiResult {
  const ch = memberChannel(ws, args);
  if (isResult(ch)) return ch;
  if (ch.isIm) return fail('method_not_supported_for_channel_type');
  // Slack wants a comma-separated string; an array arrives JSON-encoded ("[\"U1\"]") and matches no user.
  const users = typeof args.users === 'string' ? args.users.split(',').map((u) => u.trim()) : [];
  if (users.length === 0 || users.some((u) => u === '')) return fail('user_not_found');
  if (users.length > 1000) return fail('too_many_users');
  for (const u of users) {
    if (u === ws.botUserId) return fail('cant_invite_self');
    if (!ws.users.has(u)) return fail('user_not_found');
  }
  const fresh = users.filter((u) => !ch.members.includes(u));
  if (fresh.length === 0) return fail('already_in_channel');
  ch.members.push(...new Set(fresh));
  return ok({ channel: channelInfo(ws, ch) });
}

function setTopic(ws: Workspace, args: Args): ApiResult {
  const ch = memberChannel(ws, args);
  if (isResult(ch)) return ch;
  const topic = str(args, 'topic') ?? '';
  if ([...topic].length > 250) return fail('too_long');
  ch.topic = topic;
  ch.topicHistory.push({ topic, by: ws.botUserId, at: ws.now() });
  return ok({ channel: channelInfo(ws, ch) });
}

function join(ws: Workspace, args: Args): ApiResult {
  const ch = ws.conversation(args.channel);
  if (!ch || (ch.isPrivate && !ws.botIsMember(ch))) return fail('channel_not_found');
  if (ch.isPrivate || ch.isIm) return fail('method_not_supported_for_channel_type');
  if (ch.archived) return fail('is_archived');
  const already = ws.botIsMember(ch);
  if (!already) ch.members.push(ws.botUserId);
  return ok({ channel: channelInfo(ws, ch), ...(already ? { warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } } : {}) });
}

function open(ws: Workspace, args: Args): ApiResult {
  const users = (str(args, 'users') ?? '').split(',').map((u) => u.trim()).filter((u) => u !== '');
  if (users.length !== 1) return fail(users.length === 0 ? 'users_list_not_supplied' : 'not_enough_users');
  const [user = ''] = users;
  const ch = ws.dmWith(user, true);
  if (!ch) return fail('user_not_found');
  return ok({ channel: bool(args, 'return_im') ? channelInfo(ws, ch) : { id: ch.id } });
}



export const conversationWriteMethods = {
  'conversations.create': create,
  'conversations.invite': invite,
  'conversations.setTopic': setTopic,
  'conversations.join': join,
  'conversations.open': open,
} satisfies Record<string, (ws: Workspace, args: Args) => ApiResult>;
