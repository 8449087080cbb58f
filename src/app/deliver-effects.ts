import type { Clock } from '../domain/clock.js';
import { effectKey, type Effect, type EffectHandlers, type Store } from './ports.js';

export interface EffectLog {
  delivered(effect: Effect, attempts: number): void;
  failed(effect: Effect, attempts: number, error: unknown, retryInMs: number): void;
}

/** Backoff between attempts: 1 s, 2 s, 4 s … capped at 5 minutes. Nothing is ever dropped. */
export const retryDelayMs = (attempts: number, retryAfterMs: number | null): number =>
  Math.max(retryAfterMs ?? 0, Math.min(300_000, 1_000 * 2 ** Math.min(attempts, 9)));

function dispatch(handlers: EffectHandlers, effect: Effect): Promise<void> {
  switch (effect.kind) {
    case 'sync_incident':
      return handlers.sync_incident(effect);
    case 'broadcast_update':
      return handlers.broadcast_update(effect);
    case 'brief_new_lead':
      return handlers.brief_new_lead(effect);
    case 'post_prompt':
      return handlers.post_prompt(effect);
    case 'refresh_prompt':
      return handlers.refresh_prompt(effect);
    case 'sync_triage_reply':
      return handlers.sync_triage_reply(effect);
    case 'post_handoff_message':
      return handlers.post_handoff_message(effect);
    case 'refresh_handoff_message':
      return handlers.refresh_handoff_message(effect);
    case 'post_timeline_messages':
      return handlers.post_timeline_messages(effect);
    case 'post_postmortem':
      return handlers.post_postmortem(effect);
  }
}

/**
 * Delivers the outbox in order per incident: a failed effect holds back the later ones of the same incident (the
 * card must exist before an update is threaded under it), other incidents go on.
 */
export class EffectDelivery {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly handlers: EffectHandlers,
    private readonly clock: Clock,
    private readonly log: EffectLog,
    private readonly retryAfterOf: (error: unknown) => number | null = () => null,
    private readonly pollMs = 1_000,
  ) {}

  /** Start draining now; also polls so retries come due without a new change. */
  start(): void {
    this.stopped = false;
    this.kick();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      } else this.schedulePoll();
    });
  }

  /** Resolves when everything due now has been tried once (used by tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle();
  }

  private schedulePoll(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), this.pollMs);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    const pending = await this.store.pendingEffects(200);
    const heldBack = new Set<string>();
    for (const item of pending) {
      if (this.stopped) return;
      const key = effectKey(item.effect);
      if (heldBack.has(key)) continue;
      if (item.nextAttemptAt.getTime() > this.clock.now().getTime()) {
        heldBack.add(key);
        continue;
      }
      try {
        await dispatch(this.handlers, item.effect);
        await this.store.markDone(item.id, this.clock.now());
        this.log.delivered(item.effect, item.attempts + 1);
      } catch (error) {
        heldBack.add(key);
        const delay = retryDelayMs(item.attempts, this.retryAfterOf(error));
        await this.store.markFailed(item.id, error instanceof Error ? error.message : String(error), new Date(this.clock.now().getTime() + delay));
        this.log.failed(item.effect, item.attempts + 1, error, delay);
      }
    }
  }
}
