import { afterEach } from 'vitest';
import { DEFAULT_DELIVERY, EffectDelivery, type DeliveryOptions, type EffectLog } from '../../src/app/deliver-effects.js';
import type { DeliveryFailure, Effect, EffectHandlers, OutboxQueue } from '../../src/app/outbox.js';
import type { systemClock } from '../../src/domain/clock.js';
import type { useCaseDeps } from './use-case-deps.js';

export type Harness = Awaited<ReturnType<typeof useCaseDeps>>;

/** A post to a prompt target: each `n` is its own key (`prompt:n`), and posts are never merged. */
export const post = (n: number): Effect => ({ kind: 'post_prompt', incidentNumber: 1, promptId: n });

export type Attempt = (effect: Effect) => Promise<void>;

/** Every kind goes to `attempt`; records what was delivered, in order. */
function handlersFor(attempt: Attempt): EffectHandlers {
  return {
    sync_channel: attempt,
    sync_card: attempt,
    sync_announcement: attempt,
    post_update_to_announcement: attempt,
    post_timeline_messages: attempt,
    post_postmortem: attempt,
    brief_new_lead: attempt,
    post_lead_message: attempt,
    refresh_lead_message: attempt,
    post_prompt: attempt,
    refresh_prompt: attempt,
    sync_triage_reply: attempt,
    post_handoff_message: attempt,
    refresh_handoff_message: attempt,
    publish_home: attempt,
  };
}

export class Paused extends Error {}
export class Transient extends Error {}
export class Terminal extends Error {}

const classify = (error: unknown): DeliveryFailure => {
  if (error instanceof Paused) return { kind: 'paused', forMs: 1_000, reason: 'paused' };
  if (error instanceof Terminal) return { kind: 'terminal', reason: 'terminal' };
  return { kind: 'transient', reason: error instanceof Error ? error.message : String(error), retryAfterMs: null };
};

function recordingLog() {
  const buried: string[] = [];
  const loopErrors: unknown[] = [];
  const delivered: number[] = [];
  const lost: string[] = [];
  const renewErrors: unknown[] = [];
  const log: EffectLog = {
    delivered: (row) => void delivered.push(row.id),
    retrying: () => undefined,
    buried: (row, reason) => buried.push(`${row.kind}:${reason}`),
    lost: (row, reason) => lost.push(`${row.id}:${reason}`),
    renewFailed: (_row, error) => renewErrors.push(error),
    loopFailed: (error) => loopErrors.push(error),
  };
  return { log, buried, loopErrors, delivered, lost, renewErrors };
}

export const until = async (check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/**
 * Outbox delivery loops over the test file's harness (`current`), started and stopped per test: after each test its
 * loops stop and its database closes. Called once per file, as the file's own afterEach: test files share one module
 * graph per worker, so a hook registered when this module loads would run for the first file alone.
 */
export function effectDeliveryBench(current: () => Harness) {
  const deliveries: EffectDelivery[] = [];
  afterEach(async () => {
    for (const d of deliveries.splice(0)) await d.stop(100);
    await (current() as Harness | undefined)?.db.destroy();
  });

  function startDelivery(store: OutboxQueue, attempt: Attempt, options: Partial<DeliveryOptions> = {}, clock: Harness['clock'] | typeof systemClock = current().clock) {
    const recorded = recordingLog();
    const delivery = new EffectDelivery(store, handlersFor(attempt), clock, recorded.log, classify, { ...DEFAULT_DELIVERY, pollMs: 50, owner: `worker-${deliveries.length}`, ...options });
    deliveries.push(delivery);
    delivery.start();
    return { delivery, ...recorded };
  }

  async function enqueue(...effects: Effect[]): Promise<void> {
    const harness = current();
    for (const effect of effects) await harness.store.enqueue(effect, harness.clock.now());
  }

  return { deliveries, startDelivery, enqueue };
}
