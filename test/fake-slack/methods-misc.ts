/** auth.test, users.info, pins.*, reactions.* */
import { fail, ok, str } from './args.js';
import { toApiMessage } from './message-shape.js';
import type { Args, ApiResult, MessageRecord } from './types.js';
import type { ChannelState, Workspace } from './workspace.js';

function authTest(ws: Workspace): ApiResult {
  return ok({
    url: 'https://fake.slack.test/',
    team: 'Fake Team',
    user: 'incident-bot',
    team_id: ws.teamId,
    user_id: ws.botUserId,
    bot_id: ws.botId,
    is_enterprise_install: false,
  });
}

function usersInfo(ws: Workspace, args: Args): ApiResult {
  const u = ws.users.get(str(args, 'user') ?? '');
  if (!u) return fail('user_not_found');
  return ok({
    user: {
      id: u.id,
      team_id: ws.teamId,
      name: u.name,
      real_name: u.realName,
      tz: u.tz,
      is_bot: u.isBot,
      deleted: false,
      profile: { display_name: u.name, real_name: u.realName },
    },
  });
}

interface Target {
  ch: ChannelState;
  m: MessageRecord;
}

/** pins.* and reactions.* name the message by `timestamp`, not `ts`. */
function itemTarget(ws: Workspace, args: Args): Target | ApiResult {
  const ch = ws.conversation(args.channel);
  if (args.timestamp === undefined || args.timestamp === '') return fail('no_item_specified');
  if (!ch || (ch.isPrivate && !ws.botIsMember(ch))) return fail('channel_not_found');
  const m = ws.findMessage(ch, args.timestamp);
  if (!m) return fail('message_not_found');
  return { ch, m };
}

function pinsAdd(ws: Workspace, args: Args): ApiResult {
  const t = itemTarget(ws, args);
  if ('ok' in t) return t;
  if (!ws.botIsMember(t.ch)) return fail('not_in_channel');
  if (t.m.pinned) return fail('already_pinned');
  t.m.pinned = true;
  t.ch.pins.push(t.m.ts);
  return ok();
}

function pinsRemove(ws: Workspace, args: Args): ApiResult {
  const t = itemTarget(ws, args);
  if ('ok' in t) return t;
  if (!t.m.pinned) return fail('no_pin');
  t.m.pinned = false;
  t.ch.pins = t.ch.pins.filter((ts) => ts !== t.m.ts);
  return ok();
}

function pinsList(ws: Workspace, args: Args): ApiResult {
  const ch = ws.conversation(args.channel);
  if (!ch || (ch.isPrivate && !ws.botIsMember(ch))) return fail('channel_not_found');
  const items = ch.pins.flatMap((ts) => {
    const m = ws.findMessage(ch, ts);
    return m ? [{ type: 'message', channel: ch.id, message: toApiMessage(m), created_by: ws.botUserId }] : [];
  });
  return ok({ items });
}

function reactionName(args: Args): string | undefined {
  const name = str(args, 'name');
  return name !== undefined && /^[a-z0-9_+'-]+$/.test(name) ? name : undefined;
}

function reactionsAdd(ws: Workspace, args: Args): ApiResult {
  const t = itemTarget(ws, args);
  if ('ok' in t) return t;
  const name = reactionName(args);
  if (name === undefined) return fail('invalid_name');
  const existing = t.m.reactions.find((r) => r.name === name);
  if (existing?.users.includes(ws.botUserId)) return fail('already_reacted');
  if (existing) {
    existing.users.push(ws.botUserId);
    existing.count += 1;
  } else {
    t.m.reactions.push({ name, users: [ws.botUserId], count: 1 });
  }
  return ok();
}

function reactionsRemove(ws: Workspace, args: Args): ApiResult {
  const t = itemTarget(ws, args);
  if ('ok' in t) return t;
  const name = reactionName(args);
  const existing = t.m.reactions.find((r) => r.name === name);
  if (!existing?.users.includes(ws.botUserId)) return fail('no_reaction');
  existing.users = existing.users.filter((u) => u !== ws.botUserId);
  existing.count -= 1;
  t.m.reactions = t.m.reactions.filter((r) => r.count > 0);
  return ok();
}

export const miscMethods = {
  'auth.test': authTest,
  'users.info': usersInfo,
  'pins.add': pinsAdd,
  'pins.remove': pinsRemove,
  'pins.list': pinsList,
  'reactions.add': reactionsAdd,
  'reactions.remove': reactionsRemove,
} satisfies Record<string, (ws: Workspace, args: Args) => ApiResult>;
