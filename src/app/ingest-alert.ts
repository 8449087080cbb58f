import { isIdentified, type Alert } from '../domain/alerts/alert.js';
import { promotedByRule } from '../domain/triage/placement.js';
import { decideTriage } from '../domain/triage/rules.js';
import type { UseCaseDeps } from './deps.js';
import { InstanceBatch } from './place-instance.js';
import { placeInGroups, type Placed } from './place-message.js';
import type { IncidentRecords } from './ports.js';

/**
 * An alert as a door hands it over (a message in an alert channel, a webhook notification), as plain values: triage
 * takes only this, whichever door it came by.
 */
export interface IncomingAlert {
  /** Where its group lives: the alert channel of the message, or the channel of the webhook's source. */
  readonly channelId: string;
  readonly at: Date;
  readonly alert: Alert;
  /** What a rule's `text` pattern reads besides the alert itself: the whole text of the message it was read from. */
  readonly text: string;
  /**
   * The Slack message it was read from, kept verbatim so a later parser or rule set can replay it; null when it came
   * by webhook (there is no message: the bot posts its group's message itself).
   */
  readonly message: { readonly ts: string; readonly raw: string } | null;
}

/** Not stored (a repeat of a message already stored), or stored and placed (see `Placed`). */
export type IngestOutcome = { stored: false } | Placed;

/** The alert with any rule that makes a person's statement an alert applied, and the rule that decided. */
function readWithRules(deps: UseCaseDeps, incoming: IncomingAlert) {
  const decision = decideTriage(incoming.alert, incoming.text, deps.triage.rules);
  return { decision, alert: promotedByRule(incoming.alert, decision) };
}

/**
 * One alert, in the caller's transaction: a message is stored first (with its raw payload and why it was read so);
 * then the alert is placed by its instance when the tool identifies one (in `batch`, which the caller finishes), else
 * by what its message says.
 */
export async function ingestWithin(deps: UseCaseDeps, records: IncidentRecords, incoming: IncomingAlert, batch: InstanceBatch): Promise<IngestOutcome> {
  const { alert, decision } = readWithRules(deps, incoming);
  const { channelId, at, message } = incoming;
  let alertId: number | null = null;
  if (message) {
    alertId = await records.insertAlert({ channelId, messageTs: message.ts, receivedAt: at, raw: message.raw, parsed: alert });
    if (alertId === null) return { stored: false };
  }
  if (isIdentified(alert)) return batch.place({ channelId, at, alert, decision, messageTs: message?.ts ?? null });
  if (message && alertId !== null) return placeInGroups(deps, records, { alertId, channelId, ts: message.ts, at, alert, decision });
  return { stored: true, groupId: null, newGroup: false, action: null, declaredIncident: null, storedOnly: 'no message and no instance to count it by' } satisfies Placed;
}

/** After a batch: wake the outbox when a group changed, and count what was stored by its source and way in. */
export function afterIngest(deps: UseCaseDeps, incomings: readonly IncomingAlert[], outcomes: readonly IngestOutcome[]): void {
  if (outcomes.some((o) => o.stored && o.groupId !== null)) deps.effectsQueued();
  const stored = incomings.filter((_, i) => outcomes[i]?.stored);
  const messages = stored.filter((incoming) => incoming.message !== null).map((incoming) => incoming.alert.source);
  const webhooks = stored.filter((incoming) => incoming.message === null).map((incoming) => incoming.alert.source);
  if (messages.length > 0) deps.alertsRead(messages, 'slack');
  if (webhooks.length > 0) deps.alertsRead(webhooks, 'webhook');
}

/**
 * Alerts of one channel in the order they arrived, stored and placed in one transaction: a storm read from the inbox
 * costs one commit per batch, not one per alert. The group's Slack message is re-rendered at most every few seconds.
 */
export async function ingestAlerts(deps: UseCaseDeps, incomings: readonly IncomingAlert[]): Promise<IngestOutcome[]> {
  const outcomes = await deps.store.transaction(async (records) => {
    const batch = new InstanceBatch(deps, records);
    const placed: IngestOutcome[] = [];
    for (const incoming of incomings) placed.push(await ingestWithin(deps, records, incoming, batch));
    await batch.finish();
    return placed;
  });
  afterIngest(deps, incomings, outcomes);
  return outcomes;
}

export async function ingestAlert(deps: UseCaseDeps, incoming: IncomingAlert): Promise<IngestOutcome> {
  const [outcome] = await ingestAlerts(deps, [incoming]);
  return outcome ?? { stored: false };
}
