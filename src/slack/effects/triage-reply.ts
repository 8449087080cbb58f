import type { Backpressure } from '../../app/backpressure.js';
import type { EffectHandlers } from '../../app/outbox.js';
import { renderTriageReply } from '../blocks/triage-reply.js';
import type { EffectDeps } from './deps.js';
import { postOnce } from './send-once.js';
import { sloShownFor, type SloEffectSettings } from './slo-shown.js';

/**
 * Posts each alert group's message once, then edits it in place: a reply in the thread of its first alert, or, when no
 * message started the group (a webhook), a message of its own in the alert channel.
 */
export function triageReplyEffects(deps: EffectDeps & { groupWindowMs: number; replyEveryMs: number; pressure: Backpressure; slo?: SloEffectSettings | null }): Pick<EffectHandlers, 'sync_triage_reply'> {
  const { client, store, clock, t } = deps;
  return {
    async sync_triage_reply(effect) {
      const group = await store.getGroup(effect.groupId);
      if (!group) return;
      const incident = group.incidentNumber === null ? undefined : await store.getIncident(group.incidentNumber);
      const { pressure } = deps;
      const behind = pressure.behind ? { waiting: pressure.backlog, everyMs: pressure.replyEveryMs(deps.replyEveryMs) } : null;
      const instances = group.tracksInstances ? (await store.instancesOfGroup(group.id, 500)).map((i) => ({ labels: i.alert.labels, firing: i.status === 'firing' })) : [];
      const slo = await sloShownFor(deps.slo, store, group, deps.severities);
      const reply = renderTriageReply({ group, incident: incident ? { channelId: incident.channelId, isPrivate: incident.isPrivate } : null, groupWindowMs: deps.groupWindowMs, now: clock.now(), t, behind, instances, slo });
      if (group.replyTs === null) {
        const thread = group.threadTs === null ? {} : { thread_ts: group.threadTs };
        const posted = await postOnce(deps, `reply:${group.id}`, { channel: group.channelId, ...thread, text: reply.text, blocks: reply.blocks, unfurl_links: false });
        await store.updateGroup(group.id, { replyTs: posted.ts, replyWrittenAt: clock.now() });
      } else {
        await client.chat.update({ channel: group.channelId, ts: group.replyTs, text: reply.text, blocks: reply.blocks });
        await store.updateGroup(group.id, { replyWrittenAt: clock.now() });
      }
    },
  };
}
