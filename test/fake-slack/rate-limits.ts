/**
 * Slack's Web API rate limits as the fake enforces them: per method per workspace by tier, and chat.postMessage per
 * channel (about one a second, short bursts allowed). Token buckets on real time; a call over the limit is answered
 * 429 with the Retry-After (whole seconds) after which a token is free again.
 * Tiers from Slack's method catalog (api.slack.com/apis/rate-limits): Tier 2 20+/min, Tier 3 50+/min, Tier 4 100+/min.
 */

interface Limit {
  /** tokens a caller may spend at once */
  readonly burst: number;
  /** tokens added per second */
  readonly perSecond: number;
}

const TIER_2: Limit = { burst: 20, perSecond: 20 / 60 };
const TIER_3: Limit = { burst: 50, perSecond: 50 / 60 };
const TIER_4: Limit = { burst: 100, perSecond: 100 / 60 };
/** chat.postMessage: one message per second per channel, short bursts allowed. */
const POST_PER_CHANNEL: Limit = { burst: 3, perSecond: 1 };

const TIERS: Readonly<Record<string, Limit>> = {
  'conversations.create': TIER_2,
  'conversations.setTopic': TIER_2,
  'conversations.list': TIER_2,
  'conversations.rename': TIER_2,
  'conversations.archive': TIER_2,
  'pins.add': TIER_2,
  'pins.remove': TIER_2,
  'chat.update': TIER_3,
  'chat.delete': TIER_3,
  'conversations.invite': TIER_3,
  'conversations.open': TIER_3,
  'conversations.info': TIER_3,
  'conversations.history': TIER_3,
  'conversations.replies': TIER_3,
  'conversations.join': TIER_3,
  'reactions.add': TIER_3,
  'reactions.remove': TIER_3,
  'conversations.members': TIER_4,
  'users.info': TIER_4,
  'views.open': TIER_4,
  'views.push': TIER_4,
  'views.update': TIER_4,
  'views.publish': TIER_4,
  'chat.postEphemeral': TIER_4,
  'chat.getPermalink': TIER_4,
  'auth.test': TIER_4,
};

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
    const limit = TIERS[method];
    return limit ? [method, limit] : null;
  }
}
