import { afterEach, describe, expect, it } from 'vitest';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import { declareIncident } from './declare-incident.js';
import { EffectDelivery, retryDelayMs } from './deliver-effects.js';
import { postStatusUpdate } from './post-status-update.js';
import { effectKey, type Effect, type EffectHandlers } from './ports.js';

let harness: Awaited<ReturnType<typeof useCaseDeps>>;
afterEach(async () => harness?.db.destroy());

function recordingHandlers(failFirst: Set<string>) {
  const delivered: Effect[] = [];
  const attempt = async (effect: Effect) => {
    if (failFirst.delete(`${effect.kind}:${effectKey(effect)}`)) throw new Error('slack is down');
    delivered.push(effect);
  };
  const handlers: EffectHandlers = { sync_incident: attempt, broadcast_update: attempt, brief_new_lead: attempt, post_prompt: attempt, refresh_prompt: attempt, sync_triage_reply: attempt, post_handoff_message: attempt, refresh_handoff_message: attempt, post_timeline_messages: attempt, post_postmortem: attempt };
  return { handlers, delivered };
}

const quietLog = { delivered: () => undefined, failed: () => undefined };

describe('outbox delivery', () => {
  it('retries a failed effect later and holds back the same incident until it succeeds', async () => {
    harness = await useCaseDeps();
    for (const title of ['one', 'two']) {
      await declareIncident(harness.deps, { title, impact: 'users see errors', severity: 'sev4', commanderId: 'U1', declaredBy: 'U1', isPrivate: false, idempotencyKey: null });
    }
    await postStatusUpdate(harness.deps, { ref: 1, channelId: null, subcommand: 'update', actorId: 'U1' }, { text: 'update' });
    const { handlers, delivered } = recordingHandlers(new Set(['sync_incident:incident:1']));
    const delivery = new EffectDelivery(harness.store, handlers, harness.clock, quietLog, () => null, 60_000);
    delivery.kick();
    await delivery.idle();
    // Incident 1's sync failed: its update waits; incident 2 is not held up.
    expect(delivered).toEqual([{ kind: 'sync_incident', incidentNumber: 2 }]);
    harness.clock.advance(retryDelayMs(0, null));
    delivery.kick();
    await delivery.idle();
    expect(delivered.slice(1).map((e) => e.kind)).toEqual(['sync_incident', 'broadcast_update']);
    expect(await harness.store.countPending()).toBe(0);
    await delivery.stop();
  });

  it('waits at least as long as Slack asked (Retry-After)', () => {
    expect(retryDelayMs(0, 30_000)).toBe(30_000);
    expect(retryDelayMs(3, null)).toBe(8_000);
    expect(retryDelayMs(50, null)).toBe(300_000);
  });
});
