import { WebClient, type WebAPICallResult, type WebClientOptions } from '@slack/web-api';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { escapeMethodArguments } from './outgoing-markup.js';
import { checkLease } from '../app/held-lease.js';
import { retryAfterMs, SlackPaused } from './slack-errors.js';
import { contractOf, POSTS_PER_SECOND_PER_CHANNEL, TIER_PER_MINUTE } from './web-api-contract.js';

interface Pace {
  readonly limiter: BurstyRateLimiter | RateLimiterMemory;
  /** The time between two turns at the steady rate. */
  readonly turnMs: number;
  readonly key: string;
  /** limiter and key together */
  readonly id: string;
}

export interface SlackCallCounter {
  called(method: string): void;
  rateLimited(method: string): void;
}

/**
 * Calls a minute each method may make, from its tier in the contract table. Special methods (auth.test,
 * chat.getPermalink) get Tier 4's allowance; chat.postMessage is paced per channel instead.
 */
function perMinuteOf(method: string): number {
  const tier = contractOf(method)?.tier ?? 'special';
  return tier === 'special' ? TIER_PER_MINUTE.tier4 : TIER_PER_MINUTE[tier];
}

/**
 * The Web API client the outbox uses. It keeps under Slack's limits (each method's tier, and chat.postMessage at one
 * a second per channel), and when Slack answers 429 anyway it pauses that method (or that channel's posts) for
 * every caller for the Retry-After. A call that must wait is not made: it throws `SlackPaused`, so the outbox puts
 * the row back until then without counting a failure, and its worker is free for other targets meanwhile.
 */
export class PacedWebClient extends WebClient {
  private readonly tiers = new Map<number, BurstyRateLimiter>();
  private readonly channelPosts = new RateLimiterMemory({ points: POSTS_PER_SECOND_PER_CHANNEL, duration: 1 });
  /** Until when Slack asked us to leave a pacing key alone (429 Retry-After), in ms since the epoch. */
  private readonly pausedUntil = new Map<string, number>();
  /** Calls whose turn was taken ahead (see `reserve`), by pacing key: the call itself then spends nothing. */
  private readonly reserved = new Map<string, number>();
  /** Pacing keys a caller is waiting on in this process (at most one waits here; the rest are sent away). */
  private readonly waitingHere = new Set<string>();

  constructor(
    token: string,
    options: WebClientOptions,
    private readonly counter: SlackCallCounter,
  ) {
    super(token, options);
  }

  override async apiCall(method: string, options: Record<string, unknown> = {}): Promise<WebAPICallResult> {
    // Work whose claim may be another replica's by now makes no more calls (see HeldLease).
    checkLease();
    const pace = this.pacingOf(method, options);
    const ahead = this.reserved.get(pace.id) ?? 0;
    if (ahead > 0) this.reserved.set(pace.id, ahead - 1);
    else await this.spend(method, pace);
    this.counter.called(method);
    try {
      return await super.apiCall(method, escapeMethodArguments(method, options));
    } catch (error) {
      const wait = retryAfterMs(error);
      if (wait === null) throw error;
      this.counter.rateLimited(method);
      this.pausedUntil.set(pace.id, Math.max(this.pausedUntil.get(pace.id) ?? 0, Date.now() + wait));
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
    const paused = (this.pausedUntil.get(pace.id) ?? 0) - Date.now();
    if (paused > 0) throw new SlackPaused(method, paused, true);
    for (;;) {
      try {
        await pace.limiter.consume(pace.key);
        return;
      } catch (refused) {
        if (!(refused instanceof RateLimiterRes)) throw refused;
        const { turnMs } = pace;
        const waitMs = Math.max(50, refused.msBeforeNext);
        // The only one waiting for a turn that comes within one: wait here (a thread of posts goes out one a second).
        if (!this.waitingHere.has(pace.id) && waitMs <= turnMs) {
          this.waitingHere.add(pace.id);
          await new Promise((resolve) => setTimeout(resolve, waitMs)).finally(() => this.waitingHere.delete(pace.id));
          continue;
        }
        // Others are waiting too: come back later, spread over the next turns so that not all come back at once
        // (one would get the turn and the rest be told to wait again).
        throw new SlackPaused(method, waitMs + Math.floor(Math.random() * Math.min(4 * turnMs, 2_000)), false);
      }
    }
  }

  private pacingOf(method: string, options: Record<string, unknown>): Pace {
    if (method === 'chat.postMessage') {
      const key = String(options.channel);
      return { limiter: this.channelPosts, turnMs: 1_000, key, id: `${method}:${key}` };
    }
    const perMinute = perMinuteOf(method);
    const steady = Math.max(1, Math.floor(perMinute / 10));
    let limiter = this.tiers.get(perMinute);
    if (!limiter) {
      // A tenth of the minute's allowance every 6 s, plus a burst of half of it a minute (Slack tolerates bursts): a
      // whole minute's window alone would stall for up to 60 s once spent.
      limiter = new BurstyRateLimiter(new RateLimiterMemory({ points: steady, duration: 6 }), new RateLimiterMemory({ keyPrefix: 'burst', points: Math.floor(perMinute / 2), duration: 60 }));
      this.tiers.set(perMinute, limiter);
    }
    return { limiter, turnMs: 6_000 / steady, key: method, id: method };
  }
}
