import type { UseCaseDeps } from '../app/deps.js';
import { checkLease } from '../app/held-lease.js';
import type { StoredEvent } from './inbox.js';
import { ingestNotification } from '../app/ingest-notification.js';
import type { AlertSourceSettings } from '../config.js';
import { triageAlertChannelEvents } from './slack/alert-channel-events.js';
import { incomingNotification, isStoredNotification } from './webhooks/stored-notification.js';

/** Hands a stored Events API body to the Slack app's listeners as if it had just arrived (already acknowledged). */
export type ProcessSlackEvent = (body: Record<string, unknown>) => Promise<void>;

/**
 * Reads stored events of one key in order: a webhook notification goes to triage as it was read; an alert channel's
 * messages go to triage in batches (one transaction per run of posts); everything else goes through the Bolt app's
 * listeners as if it had just arrived (already acknowledged). A listener that fails makes this throw, so the drain
 * retries the event; a batch whose claim may be another replica's by now reads no further (see HeldLease).
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
      checkLease();
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
