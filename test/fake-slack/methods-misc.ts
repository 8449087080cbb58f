/** auth.test, users.info, pins.add */
import { fail, ok, str } from './args.js';
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

/** pins.add names the message by `timestamp`, not `ts`. */
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

export const miscMethods = {
  'auth.test': authTest,
  'users.info': usersInfo,
  'pins.add': pinsAdd,
} satisfies Record<string, (ws: Workspace, args: Args) => ApiResult>;
