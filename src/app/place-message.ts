/**
 * Alerts that name no instance (read from a message's text): placed by what they say (placement.ts) into the group of
 * their fingerprint within the window, a new group, the still-firing groups a recovery clears, or nowhere.
 */
import type { Alert } from '../domain/alerts/alert.js';
import { fingerprintOf } from '../domain/triage/fingerprint.js';
import { addToGroup, resolveGroup, startGroup } from '../domain/triage/group.js';
import { placeMessage, type Placement } from '../domain/triage/placement.js';
import type { TriageDecision } from '../domain/triage/rules.js';
import { afterGroupChange, alertLine, declareIfRuled, groupPatchFor, openGroup, windowStart } from './alert-groups.js';
import type { UseCaseDeps } from './deps.js';
import type { AlertGroup } from './triage-ports.js';
import type { IncidentRecords } from './ports.js';

export interface PlacedMessage {
  /** The stored message's row. */
  readonly alertId: number;
  readonly channelId: string;
  readonly ts: string;
  readonly at: Date;
  readonly alert: Alert;
  readonly decision: TriageDecision;
}

/** A stored alert and where it went. */
export interface Placed {
  readonly stored: true;
  /** The group it joined or opened; null when it was only stored (talk, a tool's info post, a repeat …). */
  readonly groupId: number | null;
  readonly newGroup: boolean;
  readonly action: AlertGroup['action'] | null;
  readonly declaredIncident: number | null;
  /** Why it was not grouped, when it was not. */
  readonly storedOnly: string | null;
}

export const storedOnly = (why: string): Placed => ({ stored: true, groupId: null, newGroup: false, action: null, declaredIncident: null, storedOnly: why });

async function placementFor(deps: UseCaseDeps, records: IncidentRecords, message: PlacedMessage, fingerprint: string): Promise<Placement> {
  const { alert } = message;
  if (alert.status === 'info') return placeMessage(alert, { recent: undefined, stillFiring: [] });
  const recent = await records.findOpenGroup(fingerprint, message.channelId, windowStart(deps, message.at));
  const stillFiring =
    alert.status === 'resolved' ? await records.findStillFiringGroups({ channelId: message.channelId, fingerprint, source: alert.source, subject: alert.subject }) : [];
  return placeMessage(alert, { recent, stillFiring });
}

/** Puts a stored message where it belongs, then rules, the incident timeline and the triage reply. */
export async function placeInGroups(deps: UseCaseDeps, records: IncidentRecords, message: PlacedMessage): Promise<Placed> {
  const { alert, at } = message;
  const fingerprint = fingerprintOf(alert, deps.triage.groupBy);
  const placement = await placementFor(deps, records, message, fingerprint.key);
  if (placement.action === 'store') return storedOnly(placement.why);

  let group: AlertGroup | undefined;
  if (placement.action === 'open') {
    group = await openGroup(records, {
      channelId: message.channelId,
      threadTs: message.ts,
      alert,
      fingerprint,
      counts: startGroup(alert, at),
      decision: message.decision,
      staleBefore: windowStart(deps, at),
    });
    if (alert.status === 'acknowledged') await records.updateGroup(group.id, { acknowledgedAt: at, acknowledgedVia: alert.source });
  } else {
    const [first, ...others] = placement.action === 'join' ? [placement.groupId] : placement.groupIds;
    for (const id of others) {
      const other = await records.getGroup(id);
      if (!other) continue;
      await records.updateGroup(id, { counts: resolveGroup(other.counts, at) });
      await afterGroupChange(deps, records, other, null);
    }
    const existing = first === undefined ? undefined : await records.getGroup(first);
    if (!existing) return storedOnly('its group is gone');
    const patch = groupPatchFor(existing, alert, addToGroup(existing.counts, alert, at), at);
    await records.updateGroup(existing.id, patch);
    group = { ...existing, counts: patch.counts ?? existing.counts };
  }
  await records.assignAlert(message.alertId, group.id);

  const newGroup = placement.action === 'open';
  if (newGroup) group = await declareIfRuled(deps, records, group, alert);
  const shownIn = { channelId: message.channelId, ts: message.ts };
  await afterGroupChange(deps, records, group, { message: shownIn, at, summary: alertLine(alert), sourceKey: `alert:${message.alertId}` });
  return { stored: true, groupId: group.id, newGroup, action: group.action, declaredIncident: newGroup && group.incidentNumber !== null ? group.incidentNumber : null, storedOnly: null };
}
