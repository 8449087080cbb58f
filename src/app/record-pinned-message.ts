import type { TimelineEventDraft } from '../domain/incident.js';
import type { UseCaseDeps } from './deps.js';

/** Slack message timestamps are seconds since the epoch; the timeline uses the message's own time. */
export const slackTsToDate = (ts: string): Date => new Date(Math.round(Number(ts) * 1000));

const sourceKey = (ts: string): string => `pin:${ts}`;

export interface PinnedMessage {
  readonly channelId: string;
  readonly ts: string;
  readonly text: string;
  readonly authorId: string | null;
  readonly pinnedBy: string;
}

/** A pinned (or :pushpin:-reacted) message in an incident channel becomes a timeline event, once. */
export async function recordPinnedMessage(deps: UseCaseDeps, message: PinnedMessage): Promise<boolean> {
  const now = deps.clock.now();
  return deps.store.transaction(async (records) => {
    const incident = await records.getIncidentByChannel(message.channelId);
    if (!incident) return false;
    const draft: TimelineEventDraft = {
      kind: 'pinned_message',
      actorId: message.authorId,
      occurredAt: slackTsToDate(message.ts),
      text: message.text,
      data: { pinnedBy: message.pinnedBy },
      message: { channelId: message.channelId, ts: message.ts },
      sourceKey: sourceKey(message.ts),
    };
    return (await records.appendEvents(incident.number, [draft], now)) > 0;
  });
}

/** Edits and deletes of a pinned message are mirrored on its timeline event. */
export async function mirrorMessageChange(
  deps: UseCaseDeps,
  change: { channelId: string; ts: string; newText: string | null },
): Promise<boolean> {
  return deps.store.transaction(async (records) => {
    const incident = await records.getIncidentByChannel(change.channelId);
    if (!incident) return false;
    return change.newText === null
      ? records.removeEvent(incident.number, sourceKey(change.ts))
      : records.updateEventText(incident.number, sourceKey(change.ts), change.newText);
  });
}
