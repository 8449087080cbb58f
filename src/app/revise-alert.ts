import type { Alert } from '../domain/alerts/alert.js';
import { reviseInGroup, withdrawFromGroup } from '../domain/triage/group.js';
import { promotedByRule } from '../domain/triage/placement.js';
import { decideTriage } from '../domain/triage/rules.js';
import { afterGroupChange, alertLine, groupPatchFor } from './alert-groups.js';
import type { UseCaseDeps } from './deps.js';
import { ingestAlert } from './ingest-alert.js';
import { placeInGroups } from './place-message.js';

/** A message of an alert channel edited in Slack (`message_changed`), read again by its door. */
export interface AlertEdit {
  readonly channelId: string;
  readonly ts: string;
  /** The message as it reads now. */
  readonly alert: Alert;
  /** Its whole text, for rules' text patterns. */
  readonly text: string;
  /** The edited message as Slack sent it. */
  readonly raw: string;
  /** When it was edited. */
  readonly at: Date;
}

/** A message of an alert channel deleted in Slack (`message_deleted`). */
export interface AlertDeletion {
  readonly channelId: string;
  readonly ts: string;
  readonly at: Date;
}

export type ReviseOutcome =
  | { readonly revised: false; readonly why: 'deleted' | 'unchanged' }
  | { readonly revised: true; readonly groupId: number | null; readonly newGroup: boolean };

/** What a person or the triage reply sees of a reading: an unfurled link or a new timestamp in the text changes none of it. */
const sameReading = (a: Alert, b: Alert): boolean =>
  a.kind === b.kind && a.status === b.status && a.name === b.name && a.severity === b.severity && a.service === b.service && a.count === b.count && a.summary === b.summary;

/**
 * Tools post a recovery or an acknowledgement by editing their alert (Zabbix, Sentry's Resolve button, PagerDuty): the
 * message is read again and moves its group as a new message of the group would, without being counted twice. A
 * message that was not grouped is placed as if it had just been posted (a question edited into a failure report
 * opens a group); one never stored is ingested.
 */
export async function reviseAlertMessage(deps: UseCaseDeps, edit: AlertEdit): Promise<ReviseOutcome> {
  const decision = decideTriage(edit.alert, edit.text, deps.triage.rules);
  const parsed = promotedByRule(edit.alert, decision);
  const outcome = await deps.store.transaction(async (records): Promise<ReviseOutcome | null> => {
    const stored = await records.alertByMessage(edit.channelId, edit.ts);
    if (!stored) return null;
    if (stored.deletedAt !== null) return { revised: false, why: 'deleted' };
    await records.reviseAlert(stored.id, { raw: edit.raw, parsed, at: edit.at });
    if (sameReading(stored.parsed, parsed)) return { revised: false, why: 'unchanged' };
    const group = stored.groupId === null ? undefined : await records.getGroup(stored.groupId);
    if (!group) {
      const placed = await placeInGroups(deps, records, { alertId: stored.id, channelId: edit.channelId, ts: edit.ts, at: edit.at, alert: parsed, decision });
      return { revised: true, groupId: placed.groupId, newGroup: placed.newGroup };
    }
    const patch = groupPatchFor(group, parsed, reviseInGroup(group.counts, stored.parsed, parsed, edit.at), edit.at);
    await records.updateGroup(group.id, patch);
    await afterGroupChange(deps, records, group, {
      message: { channelId: edit.channelId, ts: edit.ts },
      at: edit.at,
      summary: alertLine(parsed, ' (edited)'),
      sourceKey: `alert:${stored.id}:edit:${edit.at.getTime()}`,
    });
    return { revised: true, groupId: group.id, newGroup: false };
  });
  if (outcome === null) {
    // Edited before the bot ever saw it (posted before the bot joined, or its event was lost): read it as it is now.
    const ingested = await ingestAlert(deps, { channelId: edit.channelId, at: edit.at, alert: edit.alert, text: edit.text, message: { ts: edit.ts, raw: edit.raw } });
    return ingested.stored ? { revised: true, groupId: ingested.groupId, newGroup: ingested.newGroup } : { revised: false, why: 'unchanged' };
  }
  if (outcome.revised && outcome.groupId !== null) deps.effectsQueued();
  return outcome;
}

/** A deleted alert message stays in the record (marked deleted) and stops counting in its group. */
export async function withdrawAlertMessage(deps: UseCaseDeps, deletion: AlertDeletion): Promise<{ withdrawn: boolean; groupId: number | null }> {
  const outcome = await deps.store.transaction(async (records) => {
    const stored = await records.alertByMessage(deletion.channelId, deletion.ts);
    if (!stored || stored.deletedAt !== null) return { withdrawn: false, groupId: null };
    await records.markAlertDeleted(stored.id, deletion.at);
    const group = stored.groupId === null ? undefined : await records.getGroup(stored.groupId);
    if (!group) return { withdrawn: true, groupId: null };
    await records.updateGroup(group.id, { counts: withdrawFromGroup(group.counts, stored.parsed, deletion.at) });
    await afterGroupChange(deps, records, group, null);
    return { withdrawn: true, groupId: group.id };
  });
  if (outcome.groupId !== null) deps.effectsQueued();
  return outcome;
}
