import { describe, expect, it } from 'vitest';
import { effectDeliveryBench, post, Transient, until, type Harness } from '../../test/support/effect-delivery.js';
import { queuedEffects } from '../../test/support/outbox.js';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import { DEFAULT_DELIVERY, retryDelayMs } from './deliver-effects.js';
import { effectKey, type Effect } from './outbox.js';

let harness: Harness;
const { startDelivery, enqueue } = effectDeliveryBench(() => harness);

describe('outbox delivery', () => {
  it('runs the rows of one target in order; a failure holds back only that target', async () => {
    harness = await useCaseDeps();
    const delivered: string[] = [];
    let failOnce = true;
    await enqueue(post(1), post(2), { kind: 'post_prompt', incidentNumber: 1, promptId: 1 }, post(3));
    const { delivery } = startDelivery(harness.store, async (effect) => {
      const key = effectKey(effect);
      if (key === 'prompt:1' && failOnce) {
        failOnce = false;
        throw new Transient('slack is down');
      }
      delivered.push(key);
    });
    await delivery.idle();
    // prompt:1 failed: its second row waits behind it; the others went on.
    expect(delivered).toEqual(['prompt:2', 'prompt:3']);
    harness.clock.advance(retryDelayMs(0, null));
    delivery.kick();
    await delivery.idle();
    expect(delivered).toEqual(['prompt:2', 'prompt:3', 'prompt:1', 'prompt:1']);
    expect(await queuedEffects(harness.store)).toHaveLength(0);
  });

  it('a hung target delays no other target', async () => {
    harness = await useCaseDeps();
    let release: () => void = () => undefined;
    const hung = new Promise<void>((resolve) => (release = resolve));
    const delivered: string[] = [];
    await enqueue(post(1));
    const { delivery } = startDelivery(harness.store, async (effect) => {
      if (effectKey(effect) === 'prompt:1') await hung;
      delivered.push(effectKey(effect));
    });
    await until(() => delivered.length === 0);
    const enqueuedAt = Date.now();
    await enqueue(post(2));
    delivery.kick();
    await until(() => delivered.includes('prompt:2'), 1_000);
    expect(Date.now() - enqueuedAt).toBeLessThan(DEFAULT_DELIVERY.pollMs);
    release();
    await until(() => delivered.includes('prompt:1'));
  });

  it('500 failing rows at the head of the outbox hide no new target', async () => {
    harness = await useCaseDeps();
    await enqueue(...Array.from({ length: 500 }, (_, i) => post(1_000 + i)));
    const delivered: string[] = [];
    const { delivery } = startDelivery(harness.store, async (effect) => {
      if (effect.kind === 'post_prompt' && effect.promptId >= 1_000) throw new Transient('slack is down');
      delivered.push(effectKey(effect));
    });
    await delivery.idle();
    expect(await harness.store.outboxStats(harness.clock.now())).toMatchObject({ queued: 500 });
    await enqueue(post(1));
    delivery.kick();
    await delivery.idle();
    expect(delivered).toEqual(['prompt:1']);
  });

  it('a reconciling effect is stored once while queued, but again while it runs (it may have rendered too early)', async () => {
    harness = await useCaseDeps();
    const sync: Effect = { kind: 'sync_triage_reply', groupId: 7 };
    await enqueue(sync, sync, sync);
    expect(await queuedEffects(harness.store)).toHaveLength(1);
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const { delivery } = startDelivery(harness.store, async () => {
      runs += 1;
      if (runs === 1) await blocked;
    });
    await until(() => runs === 1);
    await enqueue(sync, sync);
    expect((await queuedEffects(harness.store)).map((r) => r.state)).toEqual(['running', 'queued']);
    release();
    await until(() => runs === 2);
    await delivery.idle();
    expect(runs).toBe(2);
  });
});
