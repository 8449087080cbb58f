import type { PacedWebClient } from '../paced-client.js';
import { slackErrorCode } from '../slack-errors.js';

/**
 * The channels the bot posts to on its own (the announce channel, rotation channels) it joins before its first post
 * there in this process (`channels:join`): a member can read the channel back, so a post whose answer was lost is
 * found instead of repeated, and no `chat:write.public` is needed. Incident channels are its own; alert channels and
 * private channels it is invited to (README).
 */
export class ChannelJoins {
  private readonly joined = new Set<string>();

  constructor(
    private readonly client: PacedWebClient,
    private readonly selfJoined: ReadonlySet<string>,
  ) {}

  async ensureMember(channel: string): Promise<void> {
    if (!this.selfJoined.has(channel) || this.joined.has(channel)) return;
    try {
      await this.client.conversations.join({ channel });
    } catch (error) {
      // A private channel the bot can see is one it was invited to: it is a member already.
      if (slackErrorCode(error) !== 'method_not_supported_for_channel_type') throw error;
    }
    this.joined.add(channel);
  }

  /** Someone removed the bot since it joined: true when it is a channel it joins on its own (it will join again). */
  forget(channel: string): boolean {
    return this.joined.delete(channel);
  }
}
