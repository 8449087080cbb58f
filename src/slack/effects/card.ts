import { EffectBlocked, type EffectHandlers } from '../../app/outbox.js';
import { renderSummaryCard } from '../blocks/summary-card.js';
import { slackErrorCode } from '../slack-errors.js';
import { incidentOf, type EffectDeps } from './deps.js';
import { postOnce } from './send-once.js';
import { sloShownFor, type SloEffectSettings } from './slo-shown.js';

/** The summary card: posted once and pinned, then edited in place to show the record. */
export function cardEffects(deps: EffectDeps & { slo?: SloEffectSettings | null }): Pick<EffectHandlers, 'sync_card'> {
  const { client, store, clock, t, severities } = deps;
  return {
    async sync_card({ incidentNumber }) {
      const incident = await incidentOf(store, incidentNumber);
      const refs = await store.viewRefs(incidentNumber);
      if (!refs?.channelId) throw new EffectBlocked(`incident ${incidentNumber} has no channel yet`);
      const channel = refs.channelId;
      const openFollowUps = (await store.followUps(incidentNumber)).filter((f) => !f.done).length;
      const slo = deps.slo ? await sloShownFor(deps.slo, store, await store.alertGroupOfIncident(incidentNumber), severities) : null;
      const card = renderSummaryCard({ incident: { ...incident, channelId: channel }, openFollowUps, severities, now: clock.now(), t, slo });
      let cardTs = refs.cardTs;
      if (cardTs === null) {
        cardTs = (await postOnce(deps, `card:${incidentNumber}`, { channel, text: card.text, blocks: card.blocks, unfurl_links: false })).ts;
        await store.saveViewRefs(incidentNumber, { cardTs });
      } else {
        await client.chat.update({ channel, ts: cardTs, text: card.text, blocks: card.blocks });
      }
      if (!refs.cardPinned) {
        try {
          await client.pins.add({ channel, timestamp: cardTs });
        } catch (error) {
          if (slackErrorCode(error) !== 'already_pinned') throw error;
        }
        await store.saveViewRefs(incidentNumber, { cardPinned: true });
      }
    },
  };
}
