import type { App, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AppError } from '../../app/app-error.js';
import { changeSeverity } from '../../app/change-severity.js';
import { explainAlert } from '../../app/explain-alert.js';
import { declineIncident, markMitigated, reopenIncident } from '../../app/change-status.js';
import { incidentDetail, listOpenIncidents } from '../../app/incident-queries.js';
import { handOverLead } from '../../app/hand-over-lead.js';
import type { Target } from '../../app/mutate-incident.js';
import { openDeclareForm, openIncidentForm } from '../../app/open-forms.js';
import { postStatusUpdate } from '../../app/post-status-update.js';
import { generatePostmortem, incidentStats } from '../../app/postmortem.js';
import { addFollowUp, addNote } from '../../app/record-notes.js';
import { parseIncidentCommand, type IncidentCommand } from '../../domain/command.js';
import { incidentRef, type Incident } from '../../domain/incident.js';
import { assertNever, type Result } from '../../domain/result.js';
import { renderIncidentList, renderStatusForCaller } from '../blocks/messages.js';
import { renderFollowUpList } from '../blocks/follow-ups.js';
import { ownFollowUps } from '../../app/home/home-of.js';
import { renderAlertExplanation } from '../blocks/alert-explanation.js';
import { renderGroupExplanation } from '../blocks/group-explanation.js';
import { renderOnCall } from '../blocks/oncall.js';
import { formatZoned } from '../../domain/zoned-time.js';
import { whoIsOnCall } from '../../app/oncall/oncall-queries.js';
import { overrideShift } from '../../app/oncall/override-shift.js';
import { startHandoff } from '../../app/oncall/start-handoff.js';
import { renderStats } from '../blocks/postmortem.js';
import { declareModal, resolveModal } from '../blocks/modals.js';
import { severityLabel } from '../blocks/summary-card.js';
import type { Block } from '../blocks/format.js';
import { checkPerson } from '../user-directory.js';
import { openForm } from '../forms.js';
import { escapeOutgoingMarkup } from '../outgoing-markup.js';
import { renderRefusal } from '../blocks/refusal.js';
import type { ListenerDeps } from './listener-deps.js';
import { slashCommandSchema } from './payloads.js';

interface Request {
  readonly userId: string;
  readonly channelId: string;
  readonly triggerId: string;
  readonly client: WebClient;
}

type Reply = { text: string; blocks?: Block[] };

/** `/incident …`: ack at once, then parse, run one use case, and answer the caller ephemerally. */
export function registerIncidentCommand(app: App, deps: ListenerDeps): void {
  app.command('/incident', async ({ ack, body, respond, client }) => {
    await ack();
    const parsed = slashCommandSchema.safeParse(body);
    if (!parsed.success) {
      deps.log.warn({ issues: parsed.error.issues.length }, 'malformed slash command payload');
      return;
    }
    const { user_id: userId, channel_id: channelId, text, trigger_id: triggerId } = parsed.data;
    const here = await deps.useCases.store.getIncidentByChannel(channelId);
    const command = parseIncidentCommand(text, {
      inIncidentChannel: here !== undefined,
      rotationNames: deps.useCases.oncall.rotations.map((r) => r.name),
    });
    const reply = command.ok
      ? await run(command.command, { userId, channelId, triggerId, client }, deps)
      : renderRefusal(command.error, deps.locale);
    if (reply) await answer(respond, reply);
  });
}

async function answer(respond: RespondFn, reply: Reply): Promise<void> {
  await respond(escapeOutgoingMarkup({ response_type: 'ephemeral' as const, replace_original: false, text: reply.text, ...(reply.blocks ? { blocks: reply.blocks } : {}) }, 'message'));
}

function confirm(outcome: Result<Incident, AppError>, deps: ListenerDeps, say: (incident: Incident) => string): Reply {
  return outcome.ok ? { text: `✅ ${say(outcome.value)}` } : renderRefusal(outcome.error, deps.locale);
}

async function run(command: IncidentCommand, request: Request, deps: ListenerDeps): Promise<Reply | null> {
  const { useCases, t, locale } = deps;
  const actor = request.userId;
  const target = (ref: number | null, subcommand: string): Target => ({ ref, channelId: request.channelId, subcommand, actorId: actor });
  const statusText = (incident: Incident): string => t.done.status(incidentRef(incident.number), t.status[incident.status]);

  switch (command.kind) {
    case 'help':
      return { text: t.help };
    case 'declare': {
      const opened = await openDeclareForm(useCases, { userId: actor, fromGroup: null, title: command.title });
      if (!opened.ok) return renderRefusal(opened.error, locale);
      const view = declareModal({ title: opened.value.title, callerId: actor, severities: useCases.severities, t, form: opened.value.token });
      await openForm(request.client, useCases, { triggerId: request.triggerId, token: opened.value.token, view });
      return null;
    }
    case 'list':
      return renderIncidentList(await listOpenIncidents(useCases, actor), useCases.severities, useCases.clock.now(), t);
    case 'status': {
      const detail = await incidentDetail(useCases, target(command.ref, 'status'));
      if (!detail.ok) return renderRefusal(detail.error, locale);
      return renderStatusForCaller({
        incident: detail.value.incident,
        openFollowUps: detail.value.followUps.filter((f) => !f.done).length,
        severities: useCases.severities,
        now: useCases.clock.now(),
        t,
      });
    }
    case 'update':
      return confirm(await postStatusUpdate(useCases, target(command.ref, 'update'), { text: command.text }), deps, (i) =>
        t.done.update(incidentRef(i.number)),
      );
    case 'severity':
      return confirm(await changeSeverity(useCases, target(command.ref, 'severity'), { severity: command.severity }), deps, (i) =>
        t.done.severity(incidentRef(i.number), severityLabel(i.severity, useCases.severities, t)),
      );
    case 'mitigated':
      return confirm(await markMitigated(useCases, target(command.ref, 'mitigated'), { note: command.note }), deps, statusText);
    case 'resolve': {
      // Resolving asks for the resolution and cause first; refused early if it could not be resolved anyway.
      const opened = await openIncidentForm(useCases, target(command.ref, 'resolve'), 'resolve');
      if (!opened.ok) return renderRefusal(opened.error, locale);
      const view = resolveModal({ form: opened.value.token, summary: command.note, timeZone: useCases.postmortem.timeZone, t });
      await openForm(request.client, useCases, { triggerId: request.triggerId, token: opened.value.token, view });
      return null;
    }
    case 'reopen':
      return confirm(await reopenIncident(useCases, target(command.ref, 'reopen'), { reason: command.reason }), deps, statusText);
    case 'decline':
      return confirm(await declineIncident(useCases, target(command.ref, 'decline'), { reason: command.reason }), deps, statusText);
    case 'lead': {
      const problem = await checkPerson(request.client, command.userId);
      if (problem) return renderRefusal(problem, locale);
      return confirm(await handOverLead(useCases, target(command.ref, 'lead'), { newLeadId: command.userId }), deps, (i) =>
        t.done.lead(incidentRef(i.number), `<@${command.userId}>`),
      );
    }
    case 'note':
      return confirm(await addNote(useCases, target(command.ref, 'note'), { text: command.text }), deps, (i) =>
        t.done.note(incidentRef(i.number)),
      );
    case 'followup': {
      if (command.ownerId !== null) {
        const problem = await checkPerson(request.client, command.ownerId);
        if (problem) return renderRefusal(problem, locale);
      }
      return confirm(
        await addFollowUp(useCases, target(command.ref, 'followup'), { text: command.text, ownerId: command.ownerId }),
        deps,
        (i) => t.done.followUp(incidentRef(i.number)),
      );
    }
    case 'followups':
      return renderFollowUpList(await ownFollowUps(useCases, actor), t);
    case 'postmortem': {
      const generated = await generatePostmortem(useCases, target(command.ref, 'postmortem'));
      if (!generated.ok) return renderRefusal(generated.error, locale);
      const { version } = generated.value.draft;
      return { text: `✅ ${t.draft.posting(incidentRef(generated.value.incident.number), version, version > 1 ? version - 1 : null)}` };
    }
    case 'stats':
      return renderStats(await incidentStats(useCases, actor, command.periodMs), command.periodMs, t);
    case 'oncall':
      return renderOnCall(await whoIsOnCall(useCases), t);
    case 'oncall_override': {
      const problem = await checkPerson(request.client, command.userId);
      if (problem) return renderRefusal(problem, locale);
      const outcome = await overrideShift(useCases, { ...command, channelId: request.channelId, actorId: actor });
      if (!outcome.ok) return renderRefusal(outcome.error, locale);
      const tz = useCases.oncall.rotations.find((r) => r.name === outcome.value.rotationName)?.timezone ?? 'UTC';
      return { text: `✅ ${t.oncall.overrideDone(`<@${command.userId}>`, outcome.value.rotationName, formatZoned(outcome.value.override.until, tz))}` };
    }
    case 'handoff': {
      const outcome = await startHandoff(useCases, { rotation: command.rotation, channelId: request.channelId, actorId: actor, notes: command.notes });
      if (!outcome.ok) return renderRefusal(outcome.error, locale);
      const { rotation, outgoingId, incomingId } = outcome.value;
      return { text: `✅ ${t.oncall.handoffStarted(rotation, `<@${outgoingId}>`, `<@${incomingId}>`)}` };
    }
    case 'triage_explain': {
      const explained = await explainAlert(useCases, actor, command.message ?? { channelId: request.channelId, ts: null });
      if (!explained.ok) return renderRefusal(explained.error, locale);
      return explained.value.of === 'group' ? renderGroupExplanation(explained.value.group, t) : renderAlertExplanation(explained.value.message, t);
    }
    default:
      return assertNever(command);
  }
}
