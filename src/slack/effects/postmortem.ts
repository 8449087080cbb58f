import { EffectBlocked, SendUnverified, type EffectHandlers } from '../../app/outbox.js';
import { refreshDraft, type DraftContext } from '../../app/postmortem.js';
import { incidentAudience, queueHomes } from '../../app/home/home-audience.js';
import type { StoredDraft } from '../../app/postmortem-ports.js';
import { incidentRef } from '../../domain/incident.js';
import { draftFromJson } from '../../domain/postmortem/codec.js';
import { renderDraftMessages } from '../blocks/postmortem.js';
import { slackErrorCode } from '../slack-errors.js';
import type { EffectDeps } from './deps.js';
import { sendOnce, type SendMark } from './send-once.js';
import type { TimelineMessages } from './timeline.js';

const DRAFT_EVENT = 'incident_bot_postmortem';
const ALERT_LINK = 'alert_link';
/** The alert channel is gone or closed to the bot: the link is skipped, the draft itself is posted. */
const LINK_SKIPPABLE = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'thread_not_found']);

/**
 * Posts a stored draft version as replies under the incident's summary card, part by part (each within Slack's
 * limits), then links it from the alert group's thread. Each part's ts is saved as it lands, so a retry resumes at
 * the next part; each part is sent once (`sendOnce`: a post a crash may have hidden is found by its metadata, draft
 * id and part, before re-posting).
 */
export function postmortemEffects(deps: EffectDeps & { context: DraftContext; timeline: TimelineMessages }): Pick<EffectHandlers, 'post_postmortem'> {
  const { client, store, clock, context, t, log } = deps;

  /** The draft records which part is being sent, not when: a retry looks through the thread since the draft was made. */
  const markOf = (stored: StoredDraft, key: string, sending: string | null): SendMark => ({
    startedAt: sending === key ? stored.createdAt : null,
    markStarted: () => store.updateDraft(stored.id, { sending: key }),
  });
  const tagOf = (stored: StoredDraft, key: string) => ({ eventType: DRAFT_EVENT, payload: { draft_id: stored.id, part: key } });

  async function postParts(stored: StoredDraft, channel: string, cardTs: string): Promise<string[]> {
    const messages = renderDraftMessages(draftFromJson(stored.json), { timeZone: context.timeZone, t });
    const posted = [...stored.postedTs];
    let sending = stored.sending;
    for (let part = posted.length; part < messages.length; part += 1) {
      const key = `part:${part}`;
      const message = messages[part];
      if (!message) break;
      const mark = markOf(stored, key, sending);
      sending = null;
      const result = await sendOnce(deps, { mark, tag: tagOf(stored, key) }, {
        channel,
        thread_ts: cardTs,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      posted.push(result.ts);
      await store.updateDraft(stored.id, { postedTs: posted, sending: null });
    }
    return posted;
  }

  async function linkFromAlertThread(stored: StoredDraft, channel: string, firstTs: string): Promise<void> {
    const [group, incident] = await Promise.all([store.alertGroupOfIncident(stored.incidentNumber), store.getIncident(stored.incidentNumber)]);
    // A private incident's draft is not advertised where everyone reads.
    if (!group || !incident || incident.isPrivate || stored.alertLinkTs !== null) return;
    // The alert's thread: under the tool's message, or under the bot's own message of a webhook group once posted.
    const threadTs = group.threadTs ?? group.replyTs;
    if (threadTs === null) return;
    const thread = { channel: group.channelId, ts: threadTs };
    try {
      const { permalink } = await client.chat.getPermalink({ channel, message_ts: firstTs });
      const link = permalink ? `<${permalink}|${t.draft.openDraft}>` : `<#${channel}>`;
      const result = await sendOnce(deps, { mark: markOf(stored, ALERT_LINK, stored.sending), tag: tagOf(stored, ALERT_LINK) }, {
        channel: thread.channel,
        thread_ts: thread.ts,
        text: t.draft.alertLink(incidentRef(stored.incidentNumber), stored.version, link),
        unfurl_links: false,
      });
      await store.updateDraft(stored.id, { alertLinkTs: result.ts, sending: null });
    } catch (error) {
      // The alert channel closed to the bot: the link is a courtesy, and the incident's thread must not wait on it.
      const code = error instanceof SendUnverified ? error.code : slackErrorCode(error);
      if (code === null || !LINK_SKIPPABLE.has(code)) throw error;
      log.warn({ incident: stored.incidentNumber, channel: thread.channel, error: code }, 'could not link the postmortem draft from the alert thread');
    }
  }

  return {
    async post_postmortem(effect) {
      let stored = await store.getDraft(effect.draftId);
      if (!stored || stored.postedAt !== null) return;
      const refs = await store.viewRefs(effect.incidentNumber);
      if (!refs?.channelId || !refs.cardTs) throw new EffectBlocked(`incident ${effect.incidentNumber} has no card to post its postmortem under yet`);
      if (stored.postedTs.length === 0 && stored.sending === null) {
        // Nothing posted yet: give every timeline event its message first, then rewrite the draft so it links them.
        await deps.timeline.syncTimelineMessages(effect.incidentNumber);
        const refreshed = await refreshDraft(store, stored.id, clock.now(), context);
        if (!refreshed) return;
        stored = refreshed;
      }
      const posted = await postParts(stored, refs.channelId, refs.cardTs);
      const first = posted[0];
      if (first !== undefined) await linkFromAlertThread((await store.getDraft(stored.id)) ?? stored, refs.channelId, first);
      await store.updateDraft(stored.id, { postedAt: clock.now(), sending: null });
      // A resolved incident's Home line links its draft from now on.
      const incident = await store.getIncident(effect.incidentNumber);
      if (incident?.status === 'resolved') await queueHomes(store, incidentAudience(incident), clock.now());
    },
  };
}
