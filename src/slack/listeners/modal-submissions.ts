import type { AckFn, App, ViewResponseAction, ViewSubmitAction } from '@slack/bolt';
import type { AppError } from '../../app/app-error.js';
import { resolveIncident } from '../../app/change-status.js';
import { declareIncident } from '../../app/declare-incident.js';
import { handOverLead } from '../../app/hand-over-lead.js';
import { postStatusUpdate } from '../../app/post-status-update.js';
import { setImpact } from '../../app/record-activity.js';
import type { Incident } from '../../domain/incident.js';
import type { Result } from '../../domain/result.js';
import { userMessage } from '../../i18n/index.js';
import { INPUT, VIEW } from '../ids.js';
import { checkPerson } from '../user-directory.js';
import type { ListenerDeps } from './listener-deps.js';
import { declareMetadata, incidentMetadata, inputOf, viewSubmissionSchema, type ViewSubmission } from './payloads.js';

/** Which input a failure belongs to, so Slack shows the message under that field; others go on the first input. */
function fieldOf(error: AppError, fallback: string): string {
  if (error.code === 'title_missing') return INPUT.title;
  if (error.code === 'unknown_severity' || error.code === 'same_severity') return INPUT.severity;
  if (error.code === 'text_too_long' || error.code === 'text_missing') {
    const byField: Record<string, string> = { title: INPUT.title, impact: INPUT.impact, update: INPUT.text, reason: INPUT.summary };
    return byField[error.field] ?? fallback;
  }
  if (error.code === 'unknown_user' || error.code === 'bot_user' || error.code === 'already_commander') return INPUT.user;
  if (error.code === 'invalid_time' || error.code === 'time_in_future') return INPUT.impactStart;
  return fallback;
}

/**
 * Modal submissions run their use case before acking: the record is local and fast, and a refusal can then be
 * shown right in the form, next to the field, with the form still open.
 */
export function registerModalSubmissions(app: App, deps: ListenerDeps): void {
  const { useCases, locale } = deps;

  const finish = async (ack: AckFn<ViewResponseAction>, outcome: Result<Incident, AppError>, field: string): Promise<void> => {
    if (outcome.ok || outcome.error.code === 'already_submitted') await ack();
    else await ack({ response_action: 'errors', errors: { [fieldOf(outcome.error, field)]: userMessage(outcome.error, locale) } });
  };

  const parse = (body: unknown): { submission: ViewSubmission; incident: number | null } | null => {
    const parsed = viewSubmissionSchema.safeParse(body);
    if (!parsed.success) return null;
    const metadata = incidentMetadata.safeParse(parsed.data.view.private_metadata);
    return { submission: parsed.data, incident: metadata.success ? metadata.data.incident : null };
  };

  app.view<ViewSubmitAction>(VIEW.declare, async ({ ack, body }) => {
    const input = parse(body);
    if (!input) return ack();
    const { submission } = input;
    const outcome = await declareIncident(useCases, {
      title: inputOf(submission, INPUT.title)?.value ?? '',
      impact: inputOf(submission, INPUT.impact)?.value ?? '',
      severity: inputOf(submission, INPUT.severity)?.selected_option?.value ?? null,
      commanderId: inputOf(submission, INPUT.commander)?.selected_user ?? submission.user.id,
      declaredBy: submission.user.id,
      isPrivate: (inputOf(submission, INPUT.private)?.selected_options ?? []).some((o) => o.value === 'private'),
      idempotencyKey: submission.view.id,
      alertGroupId: declareMetadata.parse(submission.view.private_metadata).alertGroup ?? null,
    });
    await finish(ack, outcome, INPUT.title);
  });

  const target = (incident: number, subcommand: string) => ({ ref: incident, channelId: null, subcommand });

  app.view<ViewSubmitAction>(VIEW.resolve, async ({ ack, body }) => {
    const input = parse(body);
    if (!input || input.incident === null) return ack();
    const text = (block: string): string | null => {
      const value = inputOf(input.submission, block)?.value?.trim() ?? '';
      return value === '' ? null : value;
    };
    const outcome = await resolveIncident(useCases, target(input.incident, 'resolve'), {
      actorId: input.submission.user.id,
      summary: text(INPUT.summary),
      cause: text(INPUT.cause),
      impactStarted: text(INPUT.impactStart),
    });
    await finish(ack, outcome, INPUT.summary);
  });

  app.view<ViewSubmitAction>(VIEW.update, async ({ ack, body }) => {
    const input = parse(body);
    if (!input || input.incident === null) return ack();
    const outcome = await postStatusUpdate(useCases, target(input.incident, 'update'), {
      actorId: input.submission.user.id,
      text: inputOf(input.submission, INPUT.text)?.value ?? '',
    });
    await finish(ack, outcome, INPUT.text);
  });

  app.view<ViewSubmitAction>(VIEW.impact, async ({ ack, body }) => {
    const input = parse(body);
    if (!input || input.incident === null) return ack();
    const outcome = await setImpact(useCases, target(input.incident, 'impact'), {
      actorId: input.submission.user.id,
      impact: inputOf(input.submission, INPUT.impact)?.value ?? '',
    });
    await finish(ack, outcome, INPUT.impact);
  });

  app.view<ViewSubmitAction>(VIEW.lead, async ({ ack, body, client }) => {
    const input = parse(body);
    if (!input || input.incident === null) return ack();
    const newLeadId = inputOf(input.submission, INPUT.user)?.selected_user ?? '';
    const problem = await checkPerson(client, newLeadId);
    if (problem) {
      await ack({ response_action: 'errors', errors: { [INPUT.user]: userMessage(problem, locale) } });
      return;
    }
    const outcome = await handOverLead(useCases, target(input.incident, 'lead'), { actorId: input.submission.user.id, newLeadId });
    await finish(ack, outcome, INPUT.user);
  });
}
