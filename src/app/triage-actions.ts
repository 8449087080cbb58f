import { err, ok, type Result } from '../domain/result.js';
import { withoutHiddenIncident } from './access.js';
import type { AppError } from './app-error.js';
import { pressedMessage, type Press } from './controls.js';
import type { UseCaseDeps } from './deps.js';
import type { AlertGroup, AlertGroupPatch } from './triage-ports.js';

export const MUTE_CHOICES_MS = [30 * 60_000, 60 * 60_000, 4 * 3_600_000] as const;

type GroupOutcome = Promise<Result<AlertGroup, AppError>>;

/** A press on a group's buttons counts only from that group's own triage reply. */
export interface GroupPress {
  readonly groupId: number;
  readonly userId: string;
  readonly press: Press;
}

/** Changes a group and re-renders its triage reply right away (a person is watching the button they pressed). */
async function changeGroup(deps: UseCaseDeps, input: GroupPress, decide: (group: AlertGroup, now: Date) => Result<AlertGroupPatch, AppError>): GroupOutcome {
  const reply = await pressedMessage(deps.store, input.press, ['triage_reply'], (m) => m.groupId === input.groupId);
  if (!reply.ok) return reply;
  const outcome = await deps.store.transaction(async (records): Promise<Result<AlertGroup, AppError>> => {
    const now = deps.clock.now();
    const group = await records.getGroup(input.groupId);
    if (!group) return err({ code: 'alert_group_not_found', groupId: input.groupId });
    const patch = decide(group, now);
    if (!patch.ok) return patch;
    await records.updateGroup(input.groupId, patch.value);
    await records.enqueue({ kind: 'sync_triage_reply', groupId: input.groupId }, now);
    return ok({ ...group, ...patch.value });
  });
  if (outcome.ok) deps.effectsQueued();
  return outcome.ok ? outcome : err(await withoutHiddenIncident(deps, outcome.error, input.userId));
}

/** Someone is on it: records who and when (the group's time to acknowledge). */
export const acknowledgeGroup = (deps: UseCaseDeps, input: GroupPress): GroupOutcome =>
  changeGroup(deps, input, (group, now) =>
    // A tool's earlier acknowledgement (PagerDuty, Zabbix) keeps its time: that is when someone first took it.
    group.acknowledgedBy !== null ? err({ code: 'group_already_acknowledged', by: group.acknowledgedBy }) : ok({ acknowledgedBy: input.userId, acknowledgedAt: group.acknowledgedAt ?? now }),
  );

/** Later alerts of the group are still stored and counted, but nothing is posted until the mute ends. */
export const muteGroup = (deps: UseCaseDeps, input: GroupPress, durationMs: number): GroupOutcome =>
  changeGroup(deps, input, (_group, now) => ok({ mutedUntil: new Date(now.getTime() + durationMs) }));

export const dismissGroup = (deps: UseCaseDeps, input: GroupPress): GroupOutcome =>
  changeGroup(deps, input, (group) => (group.incidentNumber !== null ? err({ code: 'group_has_incident', incidentNumber: group.incidentNumber }) : ok({ dismissedBy: input.userId })));
