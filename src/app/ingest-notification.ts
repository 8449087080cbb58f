import type { IdentifiedAlert } from '../domain/alerts/alert.js';
import type { UseCaseDeps } from './deps.js';
import { afterIngest, ingestWithin, type IncomingAlert, type IngestOutcome } from './ingest-alert.js';
import { InstanceBatch } from './place-instance.js';

/** A webhook notification as its door read it: the alerts of one of the tool's groups, and how many it left out. */
export interface IncomingNotification {
  /** The channel of the source it came from. */
  readonly channelId: string;
  readonly at: Date;
  readonly alerts: readonly IdentifiedAlert[];
  /** Alerts of the tool's group left out of this notification (its `max_alerts`). */
  readonly truncated: number;
}

/**
 * One notification, in one transaction: each alert moves its instance and group, and every group it touched shows
 * how many alerts the tool left out this time ("+N not sent by Alertmanager").
 */
export async function ingestNotification(deps: UseCaseDeps, notification: IncomingNotification): Promise<IngestOutcome[]> {
  const incomings: IncomingAlert[] = notification.alerts.map((alert) => ({ channelId: notification.channelId, at: notification.at, alert, text: '', message: null }));
  const outcomes = await deps.store.transaction(async (records) => {
    const batch = new InstanceBatch(deps, records);
    await batch.load(notification.channelId, notification.alerts);
    const placed: IngestOutcome[] = [];
    for (const incoming of incomings) placed.push(await ingestWithin(deps, records, incoming, batch));
    await batch.leftOut(new Set(placed.flatMap((o) => (o.stored && o.groupId !== null ? [o.groupId] : []))), notification.truncated);
    await batch.finish();
    return placed;
  });
  afterIngest(deps, incomings, outcomes);
  return outcomes;
}
