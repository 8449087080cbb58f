import type { Membership } from '../../src/app/access-ports.js';

/** Channel membership as a test sets it; channels never joined have nobody in them. */
export function fakeMembership(): Membership & { join(channelId: string, ...userIds: string[]): void; leave(channelId: string, userId: string): void } {
  const members = new Map<string, Set<string>>();
  return {
    isMember: async (channelId, userId) => members.get(channelId)?.has(userId) ?? false,
    join(channelId, ...userIds) {
      const set = members.get(channelId) ?? new Set<string>();
      for (const id of userIds) set.add(id);
      members.set(channelId, set);
    },
    leave(channelId, userId) {
      members.get(channelId)?.delete(userId);
    },
  };
}
