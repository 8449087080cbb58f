import type { Incident } from '../domain/incident.js';
import { alertIncidentTitle } from '../domain/alert-title.js';
import { canTransition, validateTitle } from '../domain/lifecycle.js';
import { err, ok, type Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import { issueForm, pressedMessage } from './controls.js';
import type { UseCaseDeps } from './deps.js';
import { findIncident, type Target } from './mutate-incident.js';
import type { AlertGroup } from './triage-ports.js';
import type { GroupPress } from './triage-actions.js';

/**
 * Opening a form is asking to change something: the same checks as the change itself, done before the form
 * shows, and the form stored for the person it opens for (its token goes into the view).
 */

export type IncidentForm = 'resolve' | 'update' | 'lead' | 'impact';

/** A form about one incident, for someone who may change it. Resolving is refused up front if it could not happen. */
export async function openIncidentForm(deps: UseCaseDeps, target: Target, form: IncidentForm): Promise<Result<{ incident: Incident; token: string }, AppError>> {
  const found = await findIncident(deps, target, 'change');
  if (!found.ok) return found;
  const { status, number } = found.value;
  if (form === 'resolve') {
    if (status === 'resolved') return err({ code: 'already_in_status', status });
    if (!canTransition(status, 'resolved')) return err({ code: 'invalid_transition', from: status, to: 'resolved' });
  }
  return ok({ incident: found.value, token: await issueForm(deps, { form, userId: target.actorId, incidentNumber: number }) });
}

/**
 * The declare form: from `/incident declare [title]`, or from an alert group's triage reply (the group is stored with
 * it). `title` is what the form opens with: a person's title is checked first (one too long is refused, not cut); an
 * alert group's is the bot's own, shortened visibly if need be.
 */
export async function openDeclareForm(
  deps: UseCaseDeps,
  input: { userId: string; fromGroup: GroupPress | null; title?: string },
): Promise<Result<{ token: string; group: AlertGroup | null; title: string }, AppError>> {
  if (input.fromGroup === null) {
    const typed = input.title?.trim() ?? '';
    const title = typed === '' ? ok('') : validateTitle(typed);
    if (!title.ok) return title;
    return ok({ token: await issueForm(deps, { form: 'declare', userId: input.userId }), group: null, title: title.value });
  }
  const { groupId, press } = input.fromGroup;
  const reply = await pressedMessage(deps.store, press, ['triage_reply'], (m) => m.groupId === groupId);
  if (!reply.ok) return reply;
  const group = await deps.store.getGroup(groupId);
  if (!group) return err({ code: 'alert_group_not_found', groupId });
  return ok({ token: await issueForm(deps, { form: 'declare', userId: input.userId, alertGroupId: group.id }), group, title: alertIncidentTitle(group.first) });
}
