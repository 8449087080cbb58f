import type { EffectHandlers } from '../../app/outbox.js';
import { triedSinceLastHandoff } from '../../domain/lead-briefing.js';
import { renderLeadBriefing } from '../blocks/messages.js';
import { incidentOf, type EffectDeps } from './deps.js';
import { postOnce } from './post-once.js';

/** The DM that asks a proposed commander to take over, with the state of the incident; sent once per request. */
export function leadBriefingEffects(deps: EffectDeps): Pick<EffectHandlers, 'brief_new_lead'> {
  const { client, store, clock, t, severities } = deps;
  return {
    async brief_new_lead(effect, { rowId }) {
      const incident = await incidentOf(store, effect.incidentNumber);
      const followUps = await store.followUps(effect.incidentNumber);
      const tried = triedSinceLastHandoff(await store.timeline(effect.incidentNumber));
      const briefing = renderLeadBriefing({ incident, followUps, tried, by: effect.by, severities, now: clock.now(), t });
      const dm = await client.conversations.open({ users: effect.userId });
      const channel = dm.channel?.id;
      if (!channel) throw new Error(`conversations.open gave no DM channel for ${effect.userId}`);
      const posted = await postOnce(deps, `outbox:${rowId}`, { channel, text: briefing.text, blocks: briefing.blocks });
      // Its Acknowledge button is honoured only on a briefing the record knows.
      await store.recordLeadBriefing({ channelId: posted.channel, ts: posted.ts, incidentNumber: effect.incidentNumber, userId: effect.userId, postedAt: clock.now() });
    },
  };
}
