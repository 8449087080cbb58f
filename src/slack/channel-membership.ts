import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Membership } from '../app/access-ports.js';

/** How long a "yes, in the channel" is trusted: someone removed from a private channel loses access within this. */
export const MEMBERSHIP_TTL_MS = 30_000;

/**
 * Channel membership from `conversations.members`, cached per channel. A "yes" is reused for a short while; a "no"
 * is always asked again (someone just invited must not wait for the cache). Concurrent questions about one channel
 * share one call. If Slack cannot answer, the last list known is used, else the answer is "no": closed, not open.
 */
export function createChannelMembership(client: WebClient, options: { now?: () => number; ttlMs?: number; log: Pick<Logger, 'warn'> }): Membership {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? MEMBERSHIP_TTL_MS;
  const known = new Map<string, { members: ReadonlySet<string>; fetchedAt: number }>();
  const asking = new Map<string, Promise<ReadonlySet<string>>>();

  async function fetchMembers(channel: string): Promise<ReadonlySet<string>> {
    const members = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < 50; page += 1) {
      const answer = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
      for (const id of answer.members ?? []) members.add(id);
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    known.set(channel, { members, fetchedAt: now() });
    return members;
  }

  function membersOf(channel: string): Promise<ReadonlySet<string>> {
    const pending = asking.get(channel);
    if (pending) return pending;
    const fresh = fetchMembers(channel).finally(() => asking.delete(channel));
    asking.set(channel, fresh);
    return fresh;
  }

  return {
    async isMember(channelId, userId) {
      const cached = known.get(channelId);
      if (cached && now() - cached.fetchedAt < ttlMs && cached.members.has(userId)) return true;
      try {
        return (await membersOf(channelId)).has(userId);
      } catch (error) {
        options.log.warn({ channel: channelId, err: error }, 'could not ask Slack who is in the channel; using the last answer known');
        return cached?.members.has(userId) ?? false;
      }
    },
  };
}
