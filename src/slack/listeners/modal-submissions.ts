import type { AckFn, App, ViewResponseAction, ViewSubmitAction } from '@slack/bolt';
import type { AppError } from '../../app/app-error.js';
import { resolveIncident } from '../../app/change-status.js';
import type { FormKind } from '../../app/access-ports.js';
import { submitDeclareForm } from '../../app/declare-incident.js';
import type { Target } from '../../app/mutate-incident.js';
import { handOverLead } from '../../app/hand-over-lead.js';
import { postStatusUpdate } from '../../app/post-status-update.js';
import { setImpact } from '../../app/record-activity.js';
import type { Incident } from '../../domain/incident.js';
import type { Result } from '../../domain/result.js';
import { userMessage } from '../../i18n/index.js';
import { FORM_VIEW, INPUT, VIEW } from '../ids.js';
import { checkPerson } from '../user-directory.js';
import type { ListenerDeps } from './listener-deps.js';
import { inputOf, submissionOf, type ViewSubmission } from './payloads.js';

/** Which input a failure belongs to, so Slack shows the message under that field; others go on the first input. */
function fieldOf(error: AppError, fallback: string): string {
  if (error.code === 'title_missing') return INPUT.title;
  if (error.code === 'unknown_severity' || error.code === 'same_severity') return INPUT.severity;
  if (error.code === 'text_too_long' || error.code === 'text_missing' || error.code === 'text_invisible') {
    const byField: Record<string, string> = {
      title: INPUT.title,
      impact: INPUT.impact,
      update: INPUT.text,
      reason: INPUT.summary,
      summary: INPUT.summary,
      cause: INPUT.cause,
    };
    return byField[error.field] ?? fallback;
  }
  if (error.code === 'unknown_user' || error.code === 'bot_user' || error.code === 'already_commander') return INPUT.user;
  if (error.code === 'invalid_time' || error.code === 'time_in_future') return INPUT.impactStart;
  return fallback;
}

/**
 * Modal submissions run their use case before acking: the record is local and fast, and a refusal can then be
 * shown right in the form, next to the field, with the form still open. Each form is applied to what the bot
 * stored when it opened it (the use case checks the token), never to what the view claims.
 */
export function registerModalSubmissions(app: App, deps: ListenerDeps): void {
  const { useCases, locale } = deps;

  const finish = async (ack: AckFn<ViewResponseAction>, outcome: Result<Incident, AppError>, field: string): Promise<void> => {
    if (outcome.ok || outcome.error.code === 'already_submitted') await ack();
    else await ack({ response_action: 'errors', errors: { [fieldOf(outcome.error, field)]: userMessage(outcome.error, locale) } });
  };

  app.view<ViewSubmitAction>(VIEW.declare, async ({ ack, body }) => {
    const input = submissionOf(body, 'declare');
    if (!input) return ack();
    const { submission } = input;
    const outcome = await submitDeclareForm(useCases, input.control, {
      title: inputOf(submission, INPUT.title)?.value ?? '',
      impact: inputOf(submission, INPUT.impact)?.value ?? '',
      severity: inputOf(submission, INPUT.severity)?.selected_option?.value ?? null,
      commanderId: inputOf(submission, INPUT.commander)?.selected_user ?? submission.user.id,
      declaredBy: submission.user.id,
      isPrivate: (inputOf(submission, INPUT.private)?.selected_options ?? []).some((o) => o.value === 'private'),
    });
    await finish(ack, outcome, INPUT.title);
  });

  /** An incident form: the incident is the one stored with the form, for the person it was opened for. */
  const incidentForm = (form: FormKind, field: string, apply: (target: Target, submission: ViewSubmission) => Promise<Result<Incident, AppError>>): void => {
    app.view<ViewSubmitAction>(FORM_VIEW[form], async ({ ack, body }) => {
      const input = submissionOf(body, form);
      if (!input) return ack();
      const target: Target = { ref: null, channelId: null, subcommand: form, actorId: input.submission.user.id, control: input.control };
      await finish(ack, await apply(target, input.submission), field);
    });
  };

  const text = (submission: ViewSubmission, block: string): string | null => {
    const value = inputOf(submission, block)?.value ?? '';
    return value.trim() === '' ? null : value;
  };

  incidentForm('resolve', INPUT.summary, (target, submission) =>
    resolveIncident(useCases, target, { summary: text(submission, INPUT.summary), cause: text(submission, INPUT.cause), impactStarted: text(submission, INPUT.impactStart) }),
  );
  incidentForm('update', INPUT.text, (target, submission) => postStatusUpdate(useCases, target, { text: inputOf(submission, INPUT.text)?.value ?? '' }));
  incidentForm('impact', INPUT.impact, (target, submission) => setImpact(useCases, target, { impact: inputOf(submission, INPUT.impact)?.value ?? '' }));

  app.view<ViewSubmitAction>(VIEW.lead, async ({ ack, body, client }) => {
    const input = submissionOf(body, 'lead');
    if (!input) return ack();
    const newLeadId = inputOf(input.submission, INPUT.user)?.selected_user ?? '';
    const problem = await checkPerson(client, newLeadId);
    if (problem) {
      await ack({ response_action: 'errors', errors: { [INPUT.user]: userMessage(problem, locale) } });
      return;
    }
    const target: Target = { ref: null, channelId: null, subcommand: 'lead', actorId: input.submission.user.id, control: input.control };
    await finish(ack, await handOverLead(useCases, target, { newLeadId }), INPUT.user);
  });
}
