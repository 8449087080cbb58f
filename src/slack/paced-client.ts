import { WebClient, type WebAPICallResult, type WebClientOptions } from '@slack/web-api';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { retryAfterMs, SlackPaused } from './slack-errors.js';

export interface SlackCallCounter {
  called(method: string): void;
  rateLimited(method: string): void;
}

/** Per-minute limits of Slack's method tiers (api.slack.com/apis/rate-limits), per workspace. */
const PER_MINUTE: Readonly<Record<string, number>> = {
  'conversations.create': 20,
  'conversations.setTopic': 20,
  'conversations.list': 20,
  'pins.add': 20,
  'chat.update': 50,
  'chat.delete': 50,
  'conversations.invite': 50,
  'conversations.open': 50,
  'conversations.history': 50,
  'conversations.replies': 50,
  'conversations.info': 50,
  'conversations.members': 100,
  'chat.getPermalink': 100,
  'users.info': 100,
};

/**
 * The Web API client the outbox uses. It keeps under Slack's limits (each method's tier, and chat.postMessage at one
 * a second per channel), and when Slack answers 429 anyway it pauses that method (or that channel's posts) for
 * every caller for the Retry-After. A call that must wait is not made: it throws `SlackPaused`, so the outbox puts
 * the row back until then without counting a failure, and its worker is free for other targets meanwhile.
 */
export class PacedWebClient extends WebClient {
  private readonly tiers = new Map<number, RateLimiterMemory>();
  private readonly channelPosts = new RateLimiterMemory({ points: 1, duration: 1 });

  constructor(
    token: string,
    options: WebClientOptions,
    private readonly counter: SlackCallCounter,
  ) {
    super(token, options);
  }

  override async apiCall(method: string, options: Record<string, unknown> = {}): Promise<WebAPICallResult> {
    const pace = this.pacingOf(method, options);
    try {
      await pace.limiter.consume(pace.key);
    } catch (refused) {
      if (refused instanceof RateLimiterRes) throw new SlackPaused(method, Math.max(50, refused.msBeforeNext), false);
      throw refused;
    }
    this.counter.called(method);
    try {
      return await super.apiCall(method, options);
    } catch (error) {
      const wait = retryAfterMs(error);
      if (wait === null) throw error;
      this.counter.rateLimited(method);
      await pace.limiter.block(pace.key, Math.max(1, wait / 1000));
      throw new SlackPaused(method, wait, true);
    }
  }

  private pacingOf(method: string, options: Record<string, unknown>): { limiter: RateLimiterMemory; key: string } {
    if (method === 'chat.postMessage') return { limiter: this.channelPosts, key: String(options.channel) };
    // Methods not listed are Tier 4 or special (100+ a minute).
    const perMinute = PER_MINUTE[method] ?? 100;
    let limiter = this.tiers.get(perMinute);
    if (!limiter) {
      limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
      this.tiers.set(perMinute, limiter);
    }
    return { limiter, key: method };
  }
}
