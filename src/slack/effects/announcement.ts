import { EffectAbandoned, EffectBlocked, type EffectHandlers } from '../../app/outbox.js';
import { renderAnnouncement } from '../blocks/announcement.js';
import { renderUpdateBroadcast } from '../blocks/messages.js';
import { incidentOf, type EffectDeps } from './deps.js';
import { postOnce } from './send-once.js';

/**
 * The one announcement per public incident in the announce channel, edited in place, and status updates in its
 * thread. Its own target: when the announce channel is archived, these become dead letters and nothing else waits.
 */
export function announcementEffects(deps: EffectDeps & { announceChannel: string | null }): Pick<EffectHandlers, 'sync_announcement' | 'post_update_to_announcement'> {
  const { client, store, clock, t, severities, announceChannel } = deps;
  return {
    async sync_announcement({ incidentNumber }) {
      const incident = await incidentOf(store, incidentNumber);
      if (announceChannel === null || incident.isPrivate) return;
      const refs = await store.viewRefs(incidentNumber);
      // The announcement links the incident channel: wait for it.
      if (!refs?.channelId) throw new EffectBlocked(`incident ${incidentNumber} has no channel yet`);
      const announcement = renderAnnouncement({ ...incident, channelId: refs.channelId }, severities, clock.now(), t);
      if (refs.announceTs === null) {
        const posted = await postOnce(deps, `announcement:${incidentNumber}`, { channel: announceChannel, text: announcement.text, blocks: announcement.blocks });
        await store.saveViewRefs(incidentNumber, { announceChannelId: posted.channel, announceTs: posted.ts });
      } else {
        await client.chat.update({ channel: refs.announceChannelId ?? announceChannel, ts: refs.announceTs, text: announcement.text, blocks: announcement.blocks });
      }
    },
    async post_update_to_announcement({ incidentNumber, text, by }, { rowId }) {
      const incident = await incidentOf(store, incidentNumber);
      if (announceChannel === null || incident.isPrivate) return;
      const refs = await store.viewRefs(incidentNumber);
      // The announcement's own sync ran before this (same target, in order): if it left no announcement, it never will.
      if (!refs?.announceTs || !refs.announceChannelId) throw new EffectAbandoned(`incident ${incidentNumber} has no announcement to thread the update under`);
      const message = renderUpdateBroadcast(incident, text, by, t);
      await postOnce(deps, `outbox:${rowId}`, { channel: refs.announceChannelId, thread_ts: refs.announceTs, text: message.text, blocks: message.blocks });
    },
  };
}
