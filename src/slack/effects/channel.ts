import type { EffectHandlers } from '../../app/outbox.js';
import type { ViewRefs } from '../../app/slack-send-ports.js';
import { channelNameCandidates } from '../../domain/channel-name.js';
import type { Incident } from '../../domain/incident.js';
import { renderTopic } from '../blocks/summary-card.js';
import { slackErrorCode } from '../slack-errors.js';
import { incidentOf, type EffectDeps } from './deps.js';
import { keyedSend } from './send-once.js';

const NAME_REJECTED = new Set(['invalid_name_specials', 'invalid_name', 'invalid_name_maxlength', 'invalid_name_punctuation']);
const INVITE_SKIPPABLE = new Set(['user_not_found', 'cant_invite_self', 'cant_invite', 'user_is_restricted', 'user_is_ultra_restricted', 'user_disabled', 'already_in_channel']);

/**
 * The incident channel: created once (a create whose answer was lost is found by its name, not created again as
 * `-2`), with the people it needs invited and the topic showing severity, status and commander.
 */
export function channelEffects(deps: EffectDeps & { channelPrefix: string }): Pick<EffectHandlers, 'sync_channel'> {
  const { client, store, clock, log, t, severities, botUserId } = deps;

  /** A channel we created for this send, found by name after an answer went missing. */
  async function ownChannelNamed(name: string, since: Date): Promise<{ id: string; name: string } | null> {
    let cursor: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      const listed = await client.conversations.list({ types: 'public_channel,private_channel', exclude_archived: true, limit: 1000, ...(cursor ? { cursor } : {}) });
      const found = listed.channels?.find((c) => c.name === name && c.creator === botUserId && (c.created ?? 0) * 1000 >= since.getTime() - 60_000);
      if (found?.id) return { id: found.id, name };
      cursor = listed.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return null;
  }

  async function createChannel(incident: Incident): Promise<string> {
    const key = `channel:${incident.number}`;
    const { mark } = await keyedSend(store, key);
    const earlier = mark.startedAt;
    await client.reserve('conversations.create');
    if (earlier === null) await mark.markStarted(clock.now());
    for (let attempt = 1; attempt <= 50; attempt += 1) {
      const suffix = attempt === 1 ? '' : String(attempt);
      for (const name of channelNameCandidates(deps.channelPrefix, incident.number, incident.title, suffix)) {
        let id: string | null = null;
        let createdName = name;
        try {
          const created = await client.conversations.create({ name, is_private: incident.isPrivate });
          id = created.channel?.id ?? null;
          createdName = created.channel?.name ?? name;
          if (id === null) throw new Error('conversations.create answered without a channel id');
        } catch (error) {
          const code = slackErrorCode(error);
          if (code !== null && NAME_REJECTED.has(code)) continue;
          if (code !== 'name_taken') throw error;
          const ours = earlier ? await ownChannelNamed(name, earlier) : null;
          if (ours === null) break;
          id = ours.id;
        }
        await store.saveViewRefs(incident.number, { channelId: id, channelName: createdName });
        await store.recordSent(key, id, createdName);
        log.info({ incident: incident.number, channel: id, name: createdName }, 'incident channel created');
        return id;
      }
    }
    throw new Error(`no free channel name for incident ${incident.number}`);
  }

  async function invite(incident: Incident, channelId: string, invited: readonly string[]): Promise<void> {
    // A proposed new lead is invited at once, so they can read the channel before acknowledging.
    const wanted = [...new Set([incident.declaredBy, incident.commanderId, incident.pendingLead?.userId ?? null, ...incident.responders])].filter(
      (u): u is string => u !== null && u !== botUserId && !invited.includes(u),
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

  async function syncTopic(incident: Incident, channelId: string, refs: ViewRefs): Promise<void> {
    const topic = renderTopic({ ...incident, channelId }, severities, t);
    if (refs.topic === topic) return;
    await client.conversations.setTopic({ channel: channelId, topic });
    await store.saveViewRefs(incident.number, { topic });
  }

  return {
    async sync_channel({ incidentNumber }) {
      const incident = await incidentOf(store, incidentNumber);
      const refs = await store.viewRefs(incidentNumber);
      if (!refs) return;
      const channelId = refs.channelId ?? (await createChannel(incident));
      await invite(incident, channelId, refs.invited);
      await syncTopic(incident, channelId, refs);
    },
  };
}
