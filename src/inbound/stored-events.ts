import { z } from 'zod';
import type { UseCaseDeps } from '../app/deps.js';
import type { EventIntake } from './event-intake.js';
import type { ArrivedEvent, StoredEvent } from './inbox.js';
import type { Clock } from '../domain/clock.js';
import { ingestNotification } from '../app/ingest-notification.js';
import type { AlertSourceSettings } from '../config.js';
import { triageAlertChannelEvents } from './slack/alert-channel-events.js';
import { incomingNotification, isStoredNotification } from './webhooks/stored-notification.js';

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

/** Hands a stored Events API body to the Slack app's listeners as if it had just arrived (already acknowledged). */
export type ProcessSlackEvent = (body: Record<string, unknown>) => Promise<void>;

/**
 * Reads stored events of one key in order: a webhook notification goes to triage as it was read; an alert channel's
 * messages go to triage in batches (one transaction per run of posts); everything else goes through the Bolt app's
 * listeners as if it had just arrived (already acknowledged).
 */
export function inboxProcessor(
  processSlackEvent: ProcessSlackEvent,
  useCases: UseCaseDeps,
  alertSources: readonly AlertSourceSettings[] = [],
  /** Between two notifications (each may hold many alerts): acknowledging arriving requests comes first. */
  giveWay: (lastMs: number) => Promise<void> = async () => undefined,
): (key: string, events: readonly StoredEvent[]) => Promise<void> {
  const alertChannels = new Set(useCases.triage.alertChannels);
  return async (key, events) => {
    let messages: unknown[] = [];
    const flush = async (): Promise<void> => {
      if (messages.length > 0) await triageAlertChannelEvents(useCases, messages);
      messages = [];
    };
    for (const stored of events) {
      if (isStoredNotification(stored)) {
        await flush();
        const notification = incomingNotification(stored, alertSources);
        const started = performance.now();
        if (notification) await ingestNotification(useCases, notification);
        await giveWay(performance.now() - started);
        continue;
      }
      const body = JSON.parse(stored.body) as Record<string, unknown>;
      const event = body.event as { type?: unknown } | undefined;
      if (alertChannels.has(key) && event?.type === 'message') {
        messages.push(event);
        continue;
      }
      await flush();
      await processSlackEvent(body);
    }
    await flush();
  };
}
