import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { MemberAnswer, Membership } from '../app/access-ports.js';
import { slackErrorCode } from './slack-errors.js';

/** How long a "yes, in the channel" is trusted: someone removed from a private channel loses access within this. */
export const MEMBERSHIP_TTL_MS = 30_000;

/**
 * Channel membership from `conversations.members`, cached per channel. A "yes" is reused for a short while; a "no"
 * is always asked again (someone just invited must not wait for the cache). Concurrent questions about one channel
 * share one call. When Slack cannot answer (a 429 anyone can provoke, a 5xx, a timeout) the answer is `unknown` and
 * access is refused: an older list is never used, or a rate limit would let in someone removed a day ago.
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

  const freshYes = (channelId: string, userId: string): boolean => {
    const cached = known.get(channelId);
    return cached !== undefined && now() - cached.fetchedAt < ttlMs && cached.members.has(userId);
  };

  return {
    async checkMember(channelId, userId): Promise<MemberAnswer> {
      if (freshYes(channelId, userId)) return 'member';
      try {
        return (await membersOf(channelId)).has(userId) ? 'member' : 'not_member';
      } catch (error) {
        // A channel the bot cannot see (a private one it was removed from) has nobody in it as far as the bot knows.
        if (slackErrorCode(error) === 'channel_not_found') return 'not_member';
        options.log.warn({ channel: channelId, err: error }, 'could not ask Slack who is in the channel; access is refused until it answers');
        return 'unknown';
      }
    },

    async letIn(channelId, userId) {
      try {
        await client.conversations.invite({ channel: channelId, users: userId });
      } catch (error) {
        if (slackErrorCode(error) !== 'already_in_channel') {
          options.log.warn({ channel: channelId, user: userId, err: error }, 'could not invite someone who asked to join');
          return false;
        }
      }
      // In now: the next question about them (the change they came for) needs no call, and sees the "yes".
      const cached = known.get(channelId);
      known.set(channelId, { members: new Set([...(cached?.members ?? []), userId]), fetchedAt: cached?.fetchedAt ?? now() });
      return true;
    },
  };
}
