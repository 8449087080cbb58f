/**
 * Alerts whose instance the tool identifies (webhooks): each report moves its instance (instances.ts) and its group's
 * counts; the group's message is the bot's own when no message started it.
 */
import type { IdentifiedAlert } from '../domain/alerts/alert.js';
import { countsAfterInstance, placeInstance, type InstanceStep } from '../domain/alerts/instances.js';
import { fingerprintOf } from '../domain/triage/fingerprint.js';
import { startGroup } from '../domain/triage/group.js';
import type { TriageDecision } from '../domain/triage/rules.js';
import { afterGroupChange, alertLine, declareIfRuled, groupMessage, groupPatchFor, openGroup } from './alert-groups.js';
import type { UseCaseDeps } from './deps.js';
import { storedOnly, type Placed } from './place-message.js';
import type { AlertGroup, IncidentRecords } from './ports.js';

export interface PlacedInstance {
  readonly channelId: string;
  readonly at: Date;
  readonly alert: IdentifiedAlert;
  readonly decision: TriageDecision;
  /** The message it was read from, if any: a group it opens replies in its thread. */
  readonly messageTs: string | null;
}

const STEP_WORDS: Record<InstanceStep, string> = { new: '', again: ' again', resolved: '', seen: '' };

/** The incident timeline's line for a step that changes something; repeats add none. */
function timelineNote(group: AlertGroup, instanceId: number, step: InstanceStep, placed: PlacedInstance) {
  if (step === 'seen') return null;
  return { message: groupMessage(group), at: placed.at, summary: alertLine(placed.alert, STEP_WORDS[step]), sourceKey: `instance:${instanceId}:${step}:${placed.at.getTime()}` };
}

export async function placeIdentified(deps: UseCaseDeps, records: IncidentRecords, placed: PlacedInstance): Promise<Placed> {
  const { alert, at, channelId } = placed;
  const fingerprint = fingerprintOf(alert, deps.triage.groupBy);
  const known = await records.latestInstance(channelId, alert.source, alert.fingerprint);
  const knownGroup = known ? await records.getGroup(known.groupId) : undefined;
  // The newest group of the fingerprint, whatever its age: while any of its instances fire, it is the open occurrence.
  const current = await records.findOpenGroup(fingerprint.key, channelId, new Date(0));
  const placement = placeInstance(alert, {
    known: known ? { groupId: known.groupId, status: known.status, startsAt: known.alert.startsAt, endsAt: known.alert.endsAt } : undefined,
    knownGroup,
    current,
  });
  if (placement.action === 'store') return storedOnly(placement.why);

  if (placement.action === 'open') {
    // A new occurrence supersedes the fingerprint's earlier group however recent: that one has resolved.
    let group = await openGroup(records, { channelId, threadTs: placed.messageTs, alert, fingerprint, counts: startGroup(alert, at), decision: placed.decision, staleBefore: new Date(at.getTime() + 1) });
    const instanceId = await records.insertInstance({ groupId: group.id, channelId, alert, at });
    group = await declareIfRuled(deps, records, group, alert);
    await afterGroupChange(deps, records, group, timelineNote(group, instanceId, 'new', placed));
    return { stored: true, groupId: group.id, newGroup: true, action: group.action, declaredIncident: group.incidentNumber, storedOnly: null };
  }

  const existing = await records.getGroup(placement.groupId);
  if (!existing) return storedOnly('its group is gone');
  const instanceId = placement.row === 'update' && known ? known.id : await records.insertInstance({ groupId: existing.id, channelId, alert, at });
  if (placement.row === 'update' && known) await records.updateInstance(known.id, { alert, at });
  const patch = groupPatchFor(existing, alert, countsAfterInstance(existing.counts, placement.step, at), at);
  await records.updateGroup(existing.id, patch);
  const group = { ...existing, counts: patch.counts ?? existing.counts };
  await afterGroupChange(deps, records, group, timelineNote(group, instanceId, placement.step, placed));
  return { stored: true, groupId: group.id, newGroup: false, action: group.action, declaredIncident: null, storedOnly: null };
}
