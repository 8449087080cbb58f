import { err, ok, type Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import type { AlertGroup, AlertGroupPatch } from './ports.js';

export const MUTE_CHOICES_MS = [30 * 60_000, 60 * 60_000, 4 * 3_600_000] as const;

type GroupOutcome = Promise<Result<AlertGroup, AppError>>;

/** Changes a group and re-renders its triage reply right away (a person is watching the button they pressed). */
async function changeGroup(deps: UseCaseDeps, groupId: number, decide: (group: AlertGroup, now: Date) => Result<AlertGroupPatch, AppError>): GroupOutcome {
  const outcome = await deps.store.transaction(async (records): Promise<Result<AlertGroup, AppError>> => {
    const now = deps.clock.now();
    const group = await records.getGroup(groupId);
    if (!group) return err({ code: 'alert_group_not_found', groupId });
    const patch = decide(group, now);
    if (!patch.ok) return patch;
    await records.updateGroup(groupId, patch.value);
    await records.enqueue({ kind: 'sync_triage_reply', groupId }, now);
    return ok({ ...group, ...patch.value });
  });
  if (outcome.ok) deps.effectsQueued();
  return outcome;
}

/** Someone is on it: records who and when (the group's time to acknowledge). */
export const acknowledgeGroup = (deps: UseCaseDeps, groupId: number, userId: string): GroupOutcome =>
  changeGroup(deps, groupId, (group, now) =>
        // A tool's earlier acknowledgement (PagerDuty, Zabbix) keeps its time: that is when someone first took it.
    group.acknowledgedBy !== null ? err({ code: 'group_already_acknowledged', by: group.acknowledgedBy }) : ok({ acknowledgedBy: userId, acknowledgedAt: group.acknowledgedAt ?? now }),
  );

/** Later alerts of the group are still stored and counted, but nothing is posted until the mute ends. */
export const muteGroup = (deps: UseCaseDeps, groupId: number, durationMs: number): GroupOutcome =>
  changeGroup(deps, groupId, (_group, now) => ok({ mutedUntil: new Date(now.getTime() + durationMs) }));

export const dismissGroup = (deps: UseCaseDeps, groupId: number, userId: string): GroupOutcome =>
  changeGroup(deps, groupId, (group) => (group.incidentNumber !== null ? err({ code: 'group_has_incident', incidentNumber: group.incidentNumber }) : ok({ dismissedBy: userId })));

export async function alertGroup(deps: UseCaseDeps, groupId: number): GroupOutcome {
  const group = await deps.store.getGroup(groupId);
  return group ? ok(group) : err({ code: 'alert_group_not_found', groupId });
}
