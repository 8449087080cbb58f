import type { EffectHandlers } from '../../app/outbox.js';
import { triedSinceLastHandoff } from '../../domain/lead-briefing.js';
import { readerOf, worthSending, type LeadHandoff, type LeadMessagePart } from '../../domain/lead-handoff.js';
import { renderLeadMessage } from '../blocks/lead-handoff.js';
import { incidentOf, type EffectDeps } from './deps.js';
import { keyedSend, postOnce } from './send-once.js';

/**
 * The DMs of a lead handoff: the briefing and reminder to the proposed commander, the notice to the current one.
 * Each is posted once per handoff and part (`postOnce`: metadata, a start mark, a lookup after a crash), stored,
 * and re-rendered from the record when the handoff ends, so it says what is true to its reader.
 */
export function leadHandoffEffects(deps: EffectDeps): Pick<EffectHandlers, 'post_lead_message' | 'refresh_lead_message' | 'brief_new_lead'> {
  const { client, store, clock, t, severities } = deps;

  async function render(handoff: LeadHandoff, part: LeadMessagePart) {
    const incident = await incidentOf(store, handoff.incidentNumber);
    const briefing = part === 'briefing';
    const followUps = briefing ? await store.followUps(incident.number) : [];
    const tried = briefing ? triedSinceLastHandoff(await store.timeline(incident.number), 10, handoff.endedAt) : [];
    return renderLeadMessage({ handoff, part, incident, followUps, tried, severities, now: clock.now(), t });
  }

  async function post(handoff: LeadHandoff, part: LeadMessagePart, key: string): Promise<void> {
    if (await store.leadMessage(handoff.id, part)) return;
    // Overtaken before it went out (acknowledged, replaced, withdrawn): nothing to say, unless a send had started.
    if (!worthSending(handoff, part) && (await keyedSend(store, key)).mark.startedAt === null) return;
    const message = await render(handoff, part);
    const dm = await client.conversations.open({ users: readerOf(handoff, part) });
    const channel = dm.channel?.id;
    if (!channel) throw new Error(`conversations.open gave no DM channel for ${readerOf(handoff, part)}`);
    const posted = await postOnce(deps, key, { channel, text: message.text, blocks: message.blocks });
    // Its buttons are honoured only on a message the record knows; and it is edited from here on.
    await store.saveLeadMessage({ handoffId: handoff.id, part, channelId: posted.channel, ts: posted.ts, postedAt: clock.now() });
  }

  return {
    async post_lead_message({ handoffId, part }) {
      const handoff = await store.getLeadHandoff(handoffId);
      if (handoff) await post(handoff, part, `lead:${handoffId}:${part}`);
    },
    async refresh_lead_message({ handoffId, part }) {
      const handoff = await store.getLeadHandoff(handoffId);
      // Not posted: the post runs before this (same target, in order) and rendered the record of its time.
      const sent = await store.leadMessage(handoffId, part);
      if (!handoff || !sent) return;
      const message = await render(handoff, part);
      await client.chat.update({ channel: sent.channelId, ts: sent.ts, text: message.text, blocks: message.blocks });
    },
    async brief_new_lead(effect, { rowId }) {
      // Queued by a version before lead handoffs were stored: brief the pending handoff it meant, under its old key.
      const handoff = await store.pendingLeadHandoff(effect.incidentNumber);
      if (handoff?.toId === effect.userId) await post(handoff, 'briefing', `outbox:${rowId}`);
    },
  };
}
