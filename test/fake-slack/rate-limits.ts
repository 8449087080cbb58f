/**
 * Slack's Web API rate limits as the fake enforces them: per method per workspace by the tier the contract table
 * gives it, and chat.postMessage per channel (about one a second, short bursts allowed). Token buckets on real time;
 * a call over the limit is answered 429 with the Retry-After (whole seconds) after which a token is free again.
 */
import { POSTS_PER_SECOND_PER_CHANNEL, TIER_BURST, TIER_PER_MINUTE, contractOf } from '../../src/slack/web-api-contract.js';

interface Limit {
  /** tokens a caller may spend at once */
  readonly burst: number;
  /** tokens added per second */
  readonly perSecond: number;
}

/** chat.postMessage: one message per second per channel, short bursts allowed. */
const POST_PER_CHANNEL: Limit = { burst: 3, perSecond: POSTS_PER_SECOND_PER_CHANNEL };

/** A tier's minute allowance, available at once unless the tier says its burst; special methods (auth.test, chat.getPermalink) as Tier 4. */
function tierLimit(method: string): Limit | null {
  const tier = contractOf(method)?.tier;
  if (tier === undefined) return null;
  const named = tier === 'special' ? 'tier4' : tier;
  const perMinute = TIER_PER_MINUTE[named];
  return { burst: TIER_BURST[named] ?? perMinute, perSecond: perMinute / 60 };
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimits {
  enabled = true;
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** Spends a token for this call: null when allowed, else the seconds to wait (Retry-After). */
  take(method: string, args: Record<string, unknown>): number | null {
    if (!this.enabled) return null;
    const keyed = this.limitOf(method, args);
    if (keyed === null) return null;
    const [key, limit] = keyed;
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
  }

  private limitOf(method: string, args: Record<string, unknown>): [string, Limit] | null {
    if (method === 'chat.postMessage') return [`${method}:${String(args.channel)}`, POST_PER_CHANNEL];
    const limit = tierLimit(method);
    return limit ? [method, limit] : null;
  }
}
