import { EffectBlocked, type EffectHandlers } from '../../app/outbox.js';
import { THREADED_KINDS } from '../../domain/postmortem/event-text.js';
import { renderUpdateBroadcast } from '../blocks/messages.js';
import { renderTimelineMessage } from '../blocks/postmortem.js';
import { incidentOf, type EffectDeps } from './deps.js';
import { sendOnce } from './send-once.js';

const TIMELINE_EVENT = 'incident_bot_timeline';

export interface TimelineMessages extends Pick<EffectHandlers, 'post_timeline_messages'> {
  /** Gives every event that has no Slack message one: the card for the declaration, a thread line for the rest. */
  syncTimelineMessages(incidentNumber: number): Promise<void>;
}

/**
 * Notes, severity and status changes, handoffs, follow-ups and status updates made by command or button get one
 * message each in the summary card's thread (an update as its broadcast), so each timeline line of the postmortem
 * links to a message. Exactly once (`sendOnce`): a line is posted with its event id as metadata, and a send a crash or
 * a lost answer may have hidden is looked up in the thread before posting again.
 */
export function timelineEffects(deps: EffectDeps): TimelineMessages {
  const { store, severities, t } = deps;

  async function syncTimelineMessages(incidentNumber: number): Promise<void> {
    const refs = await store.viewRefs(incidentNumber);
    if (!refs?.channelId || !refs.cardTs) throw new EffectBlocked(`incident ${incidentNumber} has no card to thread its timeline under yet`);
    const channel = refs.channelId;
    for (const event of await store.eventsWithoutMessage(incidentNumber, ['declared', ...THREADED_KINDS])) {
      if (event.kind === 'declared') {
        await store.setEventMessage(event.id, { channelId: channel, ts: refs.cardTs });
        continue;
      }
      const broadcast = event.kind === 'status_update' ? renderUpdateBroadcast(await incidentOf(store, incidentNumber), event.text ?? '', event.actorId ?? '', t) : null;
      const mark = { startedAt: event.sendingAt, markStarted: (at: Date) => store.markEventSending(event.id, at) };
      const posted = await sendOnce(deps, { mark, tag: { eventType: TIMELINE_EVENT, payload: { event_id: event.id } } }, {
        channel,
        thread_ts: refs.cardTs,
        text: broadcast?.text ?? renderTimelineMessage(event, severities, t),
        ...(broadcast ? { blocks: broadcast.blocks } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
      await store.setEventMessage(event.id, { channelId: channel, ts: posted.ts, threadTs: refs.cardTs });
    }
  }

  return {
    syncTimelineMessages,
    post_timeline_messages: (effect) => syncTimelineMessages(effect.incidentNumber),
  };
}
