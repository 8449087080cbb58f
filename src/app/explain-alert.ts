import { err, ok, type Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import type { AlertGroup, StoredAlert } from './ports.js';

export interface AlertExplanation {
  readonly alert: StoredAlert;
  readonly group: AlertGroup | undefined;
  readonly groupWindowMs: number;
}

/** How one stored alert was parsed, which group it joined and why, and what the rules made of that group. */
export async function explainAlert(deps: UseCaseDeps, message: { channelId: string; ts: string | null }): Promise<Result<AlertExplanation, AppError>> {
  const alert = message.ts === null ? await deps.store.latestAlertIn(message.channelId) : await deps.store.alertByMessage(message.channelId, message.ts);
  if (!alert) return err({ code: 'alert_not_found' });
  const group = alert.groupId === null ? undefined : await deps.store.getGroup(alert.groupId);
  return ok({ alert, group, groupWindowMs: deps.triage.groupWindowMs });
}
