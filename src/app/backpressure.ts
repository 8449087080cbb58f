import type { InboxStats } from '../inbound/inbox.js';

/**
 * How far behind the bot is in reading what Slack sent: while the inbox holds more unread events than the limit,
 * everything is still stored and acknowledged (Slack retrying would only add load), but triage replies are
 * rewritten less often and say why. One place the rest of the bot asks.
 */
export class Backpressure {
  private stats: InboxStats = { queued: 0, running: 0, dead: 0, oldestQueuedAgeMs: 0 };

  constructor(
    private readonly backlogLimit: number,
    private readonly stormReplyEveryMs: number,
  ) {}

  measured(stats: InboxStats): void {
    this.stats = stats;
  }

  /** Events waiting to be read (queued or being read). */
  get backlog(): number {
    return this.stats.queued + this.stats.running;
  }

  get oldestAgeMs(): number {
    return this.stats.oldestQueuedAgeMs;
  }

  get behind(): boolean {
    return this.backlog > this.backlogLimit;
  }

  /**
   * Seconds an alert webhook's sender should wait before sending again, or null when it may send now: refused past
   * `limit` unread events, for about as long as the oldest one has waited (at least 5 s, at most a minute).
   */
  webhookRetryAfter(limit: number): number | null {
    if (this.backlog <= limit) return null;
    return Math.min(60, Math.max(5, Math.ceil(this.oldestAgeMs / 1000)));
  }

  /** How often a group's triage reply may be rewritten now. */
  replyEveryMs(normalMs: number): number {
    return this.behind ? Math.max(normalMs, this.stormReplyEveryMs) : normalMs;
  }
}
