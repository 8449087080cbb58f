import { z } from 'zod';
import type { Clock } from '../../domain/clock.js';
import type { EventIntake } from '../event-intake.js';
import type { ArrivedEvent } from '../inbox.js';

const eventCallback = z.object({
  type: z.literal('event_callback'),
  event_id: z.string().min(1),
  event: z.looseObject({
    type: z.string(),
    subtype: z.string().optional(),
    channel: z.unknown().optional(),
    channel_id: z.string().optional(),
    item: z.looseObject({ channel: z.string().optional() }).optional(),
  }),
});

/** Where an event belongs: its channel (events of one channel are read in order), else the workspace. */
function keyOf(event: z.infer<typeof eventCallback>['event']): string {
  if (typeof event.channel === 'string') return event.channel;
  return event.channel_id ?? event.item?.channel ?? 'workspace';
}

/**
 * The acknowledged path for the Events API: a checked event is stored in the inbox (group commit) and only then
 * answered 200. Nothing else happens before the 200: reading it is the drain's job.
 */
export function eventIntake(intake: EventIntake, clock: Clock, onStored: () => void): (json: Record<string, unknown>, raw: string) => Promise<boolean> {
  return async (json, raw) => {
    const parsed = eventCallback.safeParse(json);
    if (!parsed.success) return false;
    const { event } = parsed.data;
    const arrived: ArrivedEvent = {
      eventId: parsed.data.event_id,
      key: keyOf(event),
      kind: event.subtype ? `${event.type}.${event.subtype}` : event.type,
      body: raw,
      receivedAt: clock.now(),
    };
    const fresh = await intake.accept(arrived);
    if (fresh) onStored();
    return true;
  };
}
