import type { WebClient } from '@slack/web-api';
import type { EffectHandlers, Store } from '../app/ports.js';
import type { Clock } from '../domain/clock.js';
import { THREADED_KINDS } from '../domain/postmortem/event-text.js';
import type { Severity } from '../domain/severity.js';
import type { Catalog } from '../i18n/index.js';
import { renderTimelineMessage } from './blocks/postmortem.js';
import { taggedReplies } from './tagged-messages.js';

const TIMELINE_EVENT = 'incident_bot_timeline';

export interface TimelineMessages extends Pick<EffectHandlers, 'post_timeline_messages'> {
  /** Gives every event that has no Slack message one: the card for the declaration, a thread line for the rest. */
  syncTimelineMessages(incidentNumber: number): Promise<void>;
}

/**
 * Notes, severity and status changes, handoffs and follow-ups made by command or button get one line each in the
 * summary card's thread, so each timeline line of the postmortem links to a message. Exactly once: a line is
 * posted with its event id as metadata, and a send a crash may have hidden is looked up before posting again.
 */
export function createTimelineMessages(deps: { client: WebClient; store: Store; clock: Clock; severities: readonly Severity[]; t: Catalog }): TimelineMessages {
  const { client, store, clock, severities, t } = deps;

  async function syncTimelineMessages(incidentNumber: number): Promise<void> {
    const refs = await store.viewRefs(incidentNumber);
    if (!refs?.channelId || !refs.cardTs) throw new Error(`incident ${incidentNumber} has no card to thread its timeline under yet`);
    const channel = refs.channelId;
    const thread = { channel, ts: refs.cardTs };
    let earlier: Map<string, string> | null = null;
    for (const event of await store.eventsWithoutMessage(incidentNumber, ['declared', ...THREADED_KINDS])) {
      if (event.kind === 'declared') {
        await store.setEventMessage(event.id, { channelId: channel, ts: refs.cardTs });
        continue;
      }
      if (event.sendingAt !== null) {
        earlier ??= await taggedReplies(client, thread, TIMELINE_EVENT, (p) => (typeof p.event_id === 'number' ? String(p.event_id) : null));
        const ts = earlier.get(String(event.id));
        if (ts !== undefined) {
          await store.setEventMessage(event.id, { channelId: channel, ts, threadTs: refs.cardTs });
          continue;
        }
      }
      await store.markEventSending(event.id, clock.now());
      const posted = await client.chat.postMessage({
        channel,
        thread_ts: refs.cardTs,
        text: renderTimelineMessage(event, severities, t),
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: TIMELINE_EVENT, event_payload: { event_id: event.id } },
      });
      if (!posted.ts) throw new Error('chat.postMessage answered without a ts');
      await store.setEventMessage(event.id, { channelId: channel, ts: posted.ts, threadTs: refs.cardTs });
    }
  }

  return {
    syncTimelineMessages,
    post_timeline_messages: (effect) => syncTimelineMessages(effect.incidentNumber),
  };
}
