import { err, ok, type Result } from '../domain/result.js';
import { accessTo } from './access.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import type { AlertGroup, StoredAlert } from './triage-ports.js';

export interface AlertExplanation {
  readonly alert: StoredAlert;
  readonly group: AlertGroup | undefined;
  readonly groupWindowMs: number;
}

/**
 * How one stored alert was parsed, which group it joined and why, and what the rules made of that group. Alert text
 * can hold secrets, so only members of the channel it was posted in see it (to anyone else it does not exist; while
 * Slack cannot say, nobody does). The incident a group led to is left out when `actorId` may not see it.
 */
export async function explainAlert(
  deps: UseCaseDeps,
  actorId: string,
  message: { channelId: string; ts: string | null },
): Promise<Result<AlertExplanation, AppError>> {
  const member = await deps.membership.checkMember(message.channelId, actorId);
  if (member === 'unknown') return err({ code: 'access_unknown', number: null });
  if (member === 'not_member') return err({ code: 'alert_not_found' });
  const alert = message.ts === null ? await deps.store.latestAlertIn(message.channelId) : await deps.store.alertByMessage(message.channelId, message.ts);
  if (!alert) return err({ code: 'alert_not_found' });
  const group = alert.groupId === null ? undefined : await deps.store.getGroup(alert.groupId);
  const incident = group?.incidentNumber ? await deps.store.getIncident(group.incidentNumber) : undefined;
  const hidden = incident !== undefined && (await accessTo(deps, incident, actorId, 'read')) !== 'allowed';
  return ok({ alert, group: group && hidden ? { ...group, incidentNumber: null } : group, groupWindowMs: deps.triage.groupWindowMs });
}
