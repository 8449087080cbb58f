import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { EffectHandlers, Store } from '../app/ports.js';
import type { Clock } from '../domain/clock.js';
import { channelNameCandidates } from '../domain/channel-name.js';
import { triedSinceLastHandoff } from '../domain/lead-briefing.js';
import type { Incident } from '../domain/incident.js';
import type { Severity } from '../domain/severity.js';
import type { Catalog } from '../i18n/index.js';
import { renderAnnouncement } from './blocks/announcement.js';
import { renderLeadBriefing, renderUpdateBroadcast } from './blocks/messages.js';
import { renderSummaryCard, renderTopic } from './blocks/summary-card.js';
import { createPostmortemMessages } from './postmortem-messages.js';
import { createPromptMessages } from './prompt-messages.js';
import { createTimelineMessages } from './timeline-messages.js';
import { createTriageReplies } from './triage-replies.js';
import { slackErrorCode } from './slack-errors.js';

export interface IncidentViewsConfig {
  readonly channelPrefix: string;
  readonly announceChannel: string | null;
  readonly severities: readonly Severity[];
  readonly botUserId: string;
  readonly snoozesMs: readonly number[];
  readonly groupWindowMs: number;
  /** The zone postmortem drafts write their dates in. */
  readonly timeZone: string;
  readonly t: Catalog;
}

const NAME_REJECTED = new Set(['invalid_name_specials', 'invalid_name', 'invalid_name_maxlength', 'invalid_name_punctuation']);
const INVITE_SKIPPABLE = new Set(['user_not_found', 'cant_invite_self', 'cant_invite', 'user_is_restricted', 'user_is_ultra_restricted', 'user_disabled', 'already_in_channel']);

/**
 * Makes Slack show what the record says: the incident channel, its topic, the pinned summary card and the
 * announcement. Every step is idempotent and saves where it got to, so a retry or a restart resumes, not repeats.
 */
export function createIncidentViews(deps: { client: WebClient; store: Store; clock: Clock; config: IncidentViewsConfig; log: Logger }): Omit<EffectHandlers, 'post_handoff_message' | 'refresh_handoff_message'> {
  const { client, store, clock, config, log } = deps;
  const t = config.t;

  async function load(number: number): Promise<Incident> {
    const incident = await store.getIncident(number);
    if (!incident) throw new Error(`incident ${number} vanished from the record`);
    return incident;
  }

  async function createChannel(incident: Incident): Promise<string> {
    for (let attempt = 1; attempt <= 50; attempt += 1) {
      const suffix = attempt === 1 ? '' : String(attempt);
      for (const name of channelNameCandidates(config.channelPrefix, incident.number, incident.title, suffix)) {
        try {
          const created = await client.conversations.create({ name, is_private: incident.isPrivate });
          const id = created.channel?.id;
          if (!id) throw new Error('conversations.create answered without a channel id');
          await store.saveViewRefs(incident.number, { channelId: id, channelName: created.channel?.name ?? name });
          log.info({ incident: incident.number, channel: id, name }, 'incident channel created');
          return id;
        } catch (error) {
          const code = slackErrorCode(error);
          if (code === 'name_taken') break;
          if (code !== null && NAME_REJECTED.has(code)) continue;
          throw error;
        }
      }
    }
    throw new Error(`no free channel name for incident ${incident.number}`);
  }

  async function invite(incident: Incident, channelId: string, invited: readonly string[]): Promise<void> {
    // A proposed new lead is invited at once, so they can read the channel before acknowledging.
    const wanted = [...new Set([incident.declaredBy, incident.commanderId, incident.pendingLead?.userId ?? null, ...incident.responders])].filter(
      (u): u is string => u !== null && u !== config.botUserId && !invited.includes(u),
    );
    if (wanted.length === 0) return;
    try {
      await client.conversations.invite({ channel: channelId, users: wanted.join(',') });
    } catch (error) {
      const code = slackErrorCode(error);
      if (code === null || !INVITE_SKIPPABLE.has(code)) throw error;
      // One bad user fails the whole call; invite one by one so the others still get in.
      for (const userId of wanted.length > 1 ? wanted : []) {
        try {
          await client.conversations.invite({ channel: channelId, users: userId });
        } catch (single) {
          const singleCode = slackErrorCode(single);
          if (singleCode === null || !INVITE_SKIPPABLE.has(singleCode)) throw single;
          log.warn({ incident: incident.number, user: userId, error: singleCode }, 'could not invite user');
        }
      }
    }
    await store.saveViewRefs(incident.number, { invited: [...invited, ...wanted] });
  }

  async function syncIncident(number: number): Promise<void> {
    const incident = await load(number);
    const refs = await store.viewRefs(number);
    if (!refs) return;
    const channelId = refs.channelId ?? (await createChannel(incident));
    const current = { ...incident, channelId };
    await invite(current, channelId, refs.invited);

    const topic = renderTopic(current, config.severities, t);
    if (refs.topic !== topic) {
      await client.conversations.setTopic({ channel: channelId, topic });
      await store.saveViewRefs(number, { topic });
    }

    const openFollowUps = (await store.followUps(number)).filter((f) => !f.done).length;
    const card = renderSummaryCard({ incident: current, openFollowUps, severities: config.severities, now: clock.now(), t });
    if (refs.cardTs === null) {
      const posted = await client.chat.postMessage({ channel: channelId, text: card.text, blocks: card.blocks, unfurl_links: false });
      if (!posted.ts) throw new Error('chat.postMessage answered without a ts');
      await store.saveViewRefs(number, { cardTs: posted.ts });
      await pin(channelId, posted.ts);
    } else {
      await client.chat.update({ channel: channelId, ts: refs.cardTs, text: card.text, blocks: card.blocks });
    }

    if (config.announceChannel !== null && !incident.isPrivate) {
      const announcement = renderAnnouncement(current, config.severities, clock.now(), t);
      if (refs.announceTs === null) {
        const posted = await client.chat.postMessage({ channel: config.announceChannel, text: announcement.text, blocks: announcement.blocks });
        if (posted.ts) await store.saveViewRefs(number, { announceChannelId: config.announceChannel, announceTs: posted.ts });
      } else {
        await client.chat.update({ channel: refs.announceChannelId ?? config.announceChannel, ts: refs.announceTs, text: announcement.text, blocks: announcement.blocks });
      }
    }
  }

  async function pin(channel: string, ts: string): Promise<void> {
    try {
      await client.pins.add({ channel, timestamp: ts });
    } catch (error) {
      if (slackErrorCode(error) !== 'already_pinned') throw error;
    }
  }

  const timeline = createTimelineMessages({ client, store, clock, severities: config.severities, t });
  const draftContext = { timeZone: config.timeZone, words: t.postmortem, severities: config.severities, botUserId: config.botUserId };

  return {
    ...createPromptMessages({ client, store, clock, severities: config.severities, snoozesMs: config.snoozesMs, t }),
    ...createTriageReplies({ client, store, clock, groupWindowMs: config.groupWindowMs, t }),
    post_timeline_messages: timeline.post_timeline_messages,
    ...createPostmortemMessages({ client, store, clock, context: draftContext, timeline, t, log }),
    sync_incident: (effect) => syncIncident(effect.incidentNumber),
    async broadcast_update(effect) {
      const incident = await load(effect.incidentNumber);
      const refs = await store.viewRefs(effect.incidentNumber);
      if (!refs?.channelId || !refs.cardTs) throw new Error(`incident ${effect.incidentNumber} has no card to thread the update under yet`);
      const message = renderUpdateBroadcast(incident, effect.text, effect.by, t);
      const posted = await client.chat.postMessage({ channel: refs.channelId, thread_ts: refs.cardTs, text: message.text, blocks: message.blocks });
      // The broadcast under the card is the update's message on the timeline (updates are delivered in order).
      const shown = (await store.eventsWithoutMessage(effect.incidentNumber, ['status_update'])).find((e) => e.text === effect.text && e.actorId === effect.by);
      if (shown && posted.ts) await store.setEventMessage(shown.id, { channelId: refs.channelId, ts: posted.ts, threadTs: refs.cardTs });
      if (refs.announceChannelId && refs.announceTs) {
        await client.chat.postMessage({ channel: refs.announceChannelId, thread_ts: refs.announceTs, text: message.text, blocks: message.blocks });
      }
    },
    async brief_new_lead(effect) {
      const incident = await load(effect.incidentNumber);
      const followUps = await store.followUps(effect.incidentNumber);
      const tried = triedSinceLastHandoff(await store.timeline(effect.incidentNumber));
      const briefing = renderLeadBriefing({ incident, followUps, tried, by: effect.by, severities: config.severities, now: clock.now(), t });
      const posted = await client.chat.postMessage({ channel: effect.userId, text: briefing.text, blocks: briefing.blocks });
      // Its Acknowledge button is honoured only on a briefing the record knows.
      if (posted.channel && posted.ts) await store.recordLeadBriefing({ channelId: posted.channel, ts: posted.ts, incidentNumber: effect.incidentNumber, userId: effect.userId, postedAt: clock.now() });
    },
  };
}
