import { WebClient, type WebAPICallResult, type WebClientOptions } from '@slack/web-api';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { retryAfterMs, SlackPaused } from './slack-errors.js';

interface Pace {
  readonly limiter: RateLimiterMemory;
  readonly key: string;
  /** limiter and key together */
  readonly id: string;
}

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
  /** Calls whose turn was taken ahead (see `reserve`), by pacing key: the call itself then spends nothing. */
  private readonly reserved = new Map<string, number>();

  constructor(
    token: string,
    options: WebClientOptions,
    private readonly counter: SlackCallCounter,
  ) {
    super(token, options);
  }

  override async apiCall(method: string, options: Record<string, unknown> = {}): Promise<WebAPICallResult> {
    const pace = this.pacingOf(method, options);
    const ahead = this.reserved.get(pace.id) ?? 0;
    if (ahead > 0) this.reserved.set(pace.id, ahead - 1);
    else await this.spend(method, pace);
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

  /**
   * Takes the turn of the next call of `method` (to `channel`) now, or throws `SlackPaused` when it must wait. A
   * send that marks itself "started" before calling takes its turn first: a pause never leaves a mark behind that
   * would make the next try look for a post that was never made.
   */
  async reserve(method: string, channel?: string): Promise<void> {
    const pace = this.pacingOf(method, channel === undefined ? {} : { channel });
    await this.spend(method, pace);
    this.reserved.set(pace.id, (this.reserved.get(pace.id) ?? 0) + 1);
  }

  private async spend(method: string, pace: Pace): Promise<void> {
    try {
      await pace.limiter.consume(pace.key);
    } catch (refused) {
      if (refused instanceof RateLimiterRes) throw new SlackPaused(method, Math.max(50, refused.msBeforeNext), false);
      throw refused;
    }
  }

  private pacingOf(method: string, options: Record<string, unknown>): Pace {
    if (method === 'chat.postMessage') {
      const key = String(options.channel);
      return { limiter: this.channelPosts, key, id: `${method}:${key}` };
    }
    // Methods not listed are Tier 4 or special (100+ a minute).
    const perMinute = PER_MINUTE[method] ?? 100;
    let limiter = this.tiers.get(perMinute);
    if (!limiter) {
      // A tenth of the minute's allowance per 6 s: steady, where a whole minute's window would stall for up to 60 s.
      limiter = new RateLimiterMemory({ points: Math.max(1, Math.floor(perMinute / 10)), duration: 6 });
      this.tiers.set(perMinute, limiter);
    }
    return { limiter, key: method, id: method };
  }
}
