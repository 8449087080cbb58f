import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { effectDeliveryBench, Paused, post, Terminal, type Harness } from '../../test/support/effect-delivery.js';
import { queuedEffects } from '../../test/support/outbox.js';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import { DEFAULT_DELIVERY, retryDelayMs } from './deliver-effects.js';
import { EffectAbandoned, EffectBlocked, effectKey, SendUnverified } from './outbox.js';

let harness: Harness;
const { startDelivery, enqueue } = effectDeliveryBench(() => harness);

describe('outbox delivery', () => {
  it('a pause (Slack said 429) is not counted as a failure and the row runs when it ends', async () => {
    harness = await useCaseDeps();
    let calls = 0;
    await enqueue(post(1));
    const { delivery } = startDelivery(harness.store, async () => {
      calls += 1;
      if (calls <= 3) throw new Paused();
    });
    for (let i = 0; i < 3; i += 1) {
      await delivery.idle();
      const [row] = await queuedEffects(harness.store);
      expect(row).toMatchObject({ attempts: 0, nextAttemptAt: new Date(harness.clock.now().getTime() + 1_000) });
      harness.clock.advance(1_000);
      delivery.kick();
    }
    await delivery.idle();
    expect(calls).toBe(4);
    expect(await queuedEffects(harness.store)).toHaveLength(0);
  });

  it('buries a terminal failure as a dead letter and goes on with the next row of that target', async () => {
    harness = await useCaseDeps();
    const delivered: number[] = [];
    await enqueue(post(1), post(1), post(1));
    let first = true;
    const { delivery, buried } = startDelivery(harness.store, async (effect) => {
      if (first) {
        first = false;
        throw new Terminal('is_archived');
      }
      if (effect.kind === 'post_prompt') delivered.push(effect.promptId);
    });
    await delivery.idle();
    expect(buried).toEqual(['post_prompt:terminal']);
    expect(delivered).toEqual([1, 1]);
    expect(await harness.store.outboxStats(harness.clock.now())).toMatchObject({ queued: 0, running: 0, dead: 1 });
  });

  it('buries an effect that says it is abandoned, and waits (uncounted) on one that is blocked', async () => {
    harness = await useCaseDeps();
    await enqueue(post(1), post(2));
    let blocked = 2;
    const { delivery, buried } = startDelivery(harness.store, async (effect) => {
      if (effectKey(effect) === 'prompt:1') throw new EffectAbandoned('the announcement was never posted');
      if (blocked-- > 0) throw new EffectBlocked('no channel yet');
    });
    await delivery.idle();
    expect(buried).toEqual(['post_prompt:the announcement was never posted']);
    expect((await queuedEffects(harness.store))[0]).toMatchObject({ attempts: 0 });
    harness.clock.advance(DEFAULT_DELIVERY.blockedRetryMs);
    delivery.kick();
    await delivery.idle();
    harness.clock.advance(DEFAULT_DELIVERY.blockedRetryMs);
    delivery.kick();
    await delivery.idle();
    expect(await queuedEffects(harness.store)).toHaveLength(0);
  });

  it('retries a send it cannot verify with backoff, counting each try, and never buries it, however often or late', async () => {
    harness = await useCaseDeps();
    await enqueue(post(1));
    let refusals = 8;
    const { delivery, buried } = startDelivery(
      harness.store,
      async () => {
        if (refusals-- > 0) throw new SendUnverified('could not look for an earlier post: Slack answered not_in_channel', 'not_in_channel');
      },
      { maxAttempts: 3, maxAgeMs: 60_000 },
    );
    for (let attempt = 0; attempt < 8; attempt += 1) {
      await delivery.idle();
      const [row] = await queuedEffects(harness.store);
      expect(row).toMatchObject({ attempts: attempt + 1, nextAttemptAt: new Date(harness.clock.now().getTime() + retryDelayMs(attempt, null)) });
      harness.clock.advance(retryDelayMs(attempt, null));
      delivery.kick();
    }
    await delivery.idle();
    expect(buried).toEqual([]);
    expect(await harness.store.outboxStats(harness.clock.now())).toMatchObject({ queued: 0, running: 0, dead: 0 });
  });

  it('buries a row whose payload does not parse, and the loop lives on', async () => {
    harness = await useCaseDeps();
    await sql`insert into outbox (kind, payload, attempts, next_attempt_at, created_at, target_key, state) values ('sync_incident', '{"kind":"sync_incident"', 0, ${harness.clock.now().toISOString()}, ${harness.clock.now().toISOString()}, 'incident:9', 'queued')`.execute(harness.db);
    await enqueue(post(1));
    const delivered: string[] = [];
    const { delivery, buried, loopErrors } = startDelivery(harness.store, async (effect) => void delivered.push(effectKey(effect)));
    await delivery.idle();
    expect(buried).toHaveLength(1);
    expect(buried[0]).toMatch(/^sync_incident:payload does not parse/);
    expect(delivered).toEqual(['prompt:1']);
    expect(loopErrors).toEqual([]);
  });
});

describe('retry timing', () => {
  it('backs off 1 s, 2 s, 4 s … up to 5 minutes, never sooner than Slack asked', () => {
    expect(retryDelayMs(0, 30_000)).toBe(30_000);
    expect(retryDelayMs(3, null)).toBe(8_000);
    expect(retryDelayMs(50, null)).toBe(300_000);
  });
});
