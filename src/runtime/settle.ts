import type { EffectDelivery } from '../app/deliver-effects.js';
import type { Store } from '../app/ports.js';
import type { Clock } from '../domain/clock.js';

/**
 * Waits until Slack shows what the record says: nothing running, nothing due, and nothing waiting that is due within
 * seconds (a 429 or pacing pause, a card the thread waits for). Rows backing off after failures longer than that do not
 * hold it up. Bounded, so a test that waits here fails on its own assertion rather than hanging.
 */
export async function settle(delivery: EffectDelivery, store: Store, clock: Clock, withinMs = 15_000, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    await delivery.idle();
    const next = await store.nextDueAt(clock.now());
    if (next === null || next.getTime() - clock.now().getTime() > withinMs) {
      if (!(await store.hasClaimable(clock.now()))) return;
      continue;
    }
    delivery.kick();
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(10, next.getTime() - clock.now().getTime()))));
  }
}
