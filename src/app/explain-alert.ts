import { err, ok, type Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import { explainGroup, groupSeenBy, type GroupExplanation } from './explain-group.js';
import type { AlertGroup, StoredAlert } from './triage-ports.js';

export interface AlertExplanation {
  readonly alert: StoredAlert;
  readonly group: AlertGroup | undefined;
  readonly groupWindowMs: number;
}

/** A message read in the alert channel, or the bot's own message of a group of webhook instances. */
export type Explanation = { readonly of: 'message'; readonly message: AlertExplanation } | { readonly of: 'group'; readonly group: GroupExplanation };

/** Slack's ts ("1795600800.000100") as text that sorts in posting order (as a number it would lose microseconds). */
const slackOrder = (ts: string): string => ts.padStart(24, '0');

/** The bot's message of a webhook group when it is the one asked about (or, with no link, the newest of the two). */
async function instanceGroupAsked(deps: UseCaseDeps, message: { channelId: string; ts: string | null }, alert: StoredAlert | undefined): Promise<AlertGroup | undefined> {
  if (message.ts !== null) return deps.store.instanceGroupByMessage(message.channelId, message.ts);
  const group = await deps.store.latestInstanceGroupIn(message.channelId);
  if (!group?.replyTs || !alert) return group;
  return slackOrder(group.replyTs) > slackOrder(alert.messageTs) ? group : undefined;
}

/**
 * How one stored alert was parsed, which group it joined and why, and what the rules made of that group. Alert text
 * can hold secrets, so only members of the channel it was posted in see it (to anyone else it does not exist; while
 * Slack cannot say, nobody does). The incident a group led to is left out when `actorId` may not see it. The bot's
 * own message of a group of webhook instances is no stored alert: the group is explained instead.
 */
export async function explainAlert(
  deps: UseCaseDeps,
  actorId: string,
  message: { channelId: string; ts: string | null },
): Promise<Result<Explanation, AppError>> {
  const member = await deps.membership.checkMember(message.channelId, actorId);
  if (member === 'unknown') return err({ code: 'access_unknown', number: null });
  if (member === 'not_member') return err({ code: 'alert_not_found' });
  const alert = message.ts === null ? await deps.store.latestAlertIn(message.channelId) : await deps.store.alertByMessage(message.channelId, message.ts);
  const instanceGroup = await instanceGroupAsked(deps, message, alert);
  if (instanceGroup) return ok({ of: 'group', group: await explainGroup(deps, actorId, instanceGroup) });
  if (!alert) return err({ code: 'alert_not_found' });
  const group = alert.groupId === null ? undefined : await deps.store.getGroup(alert.groupId);
  const seen = group && (await groupSeenBy(deps, actorId, group)).group;
  return ok({ of: 'message', message: { alert, group: seen, groupWindowMs: deps.triage.groupWindowMs } });
}
