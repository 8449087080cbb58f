import type { Membership } from '../../src/app/access-ports.js';

/**
 * Channel membership as a test sets it; channels never joined have nobody in them. `unanswered` makes Slack unable to
 * say who is in a channel (as under a 429), and `letIn` joins unless the channel refuses invitations.
 */
export function fakeMembership(): Membership & {
  join(channelId: string, ...userIds: string[]): void;
  leave(channelId: string, userId: string): void;
  unanswered(channelId: string, on?: boolean): void;
  refuseInvites(channelId: string): void;
} {
  const members = new Map<string, Set<string>>();
  const silent = new Set<string>();
  const closed = new Set<string>();
  const join = (channelId: string, ...userIds: string[]): void => {
    const set = members.get(channelId) ?? new Set<string>();
    for (const id of userIds) set.add(id);
    members.set(channelId, set);
  };
  return {
    checkMember: async (channelId, userId) => {
      if (silent.has(channelId)) return 'unknown';
      return members.get(channelId)?.has(userId) ? 'member' : 'not_member';
    },
    letIn: async (channelId, userId) => {
      if (closed.has(channelId)) return false;
      join(channelId, userId);
      return true;
    },
    join,
    leave(channelId, userId) {
      members.get(channelId)?.delete(userId);
    },
    unanswered(channelId, on = true) {
      if (on) silent.add(channelId);
      else silent.delete(channelId);
    },
    refuseInvites(channelId) {
      closed.add(channelId);
    },
  };
}
