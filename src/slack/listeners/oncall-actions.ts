import type { App, ViewSubmitAction } from '@slack/bolt';
import { acknowledgeHandoff, openHandoffNotesForm, writeHandoffNotes } from '../../app/oncall/answer-handoff.js';
import { userMessage } from '../../i18n/index.js';
import { handoffNotesModal } from '../blocks/modals.js';
import { openForm } from '../forms.js';
import { ACTION, INPUT, VIEW } from '../ids.js';
import { renderRefusal } from '../blocks/refusal.js';
import type { ListenerDeps } from './listener-deps.js';
import { answerPress } from './answer-press.js';
import { ephemeral, homeOrMessageClickOf, idClickOf, inputOf, submissionOf } from './payloads.js';

/** Buttons and the notes form of shift handoffs. */
export function registerOncallActions(app: App, deps: ListenerDeps): void {
  const { useCases, locale } = deps;

  // On the handoff post, or on the incoming person's App Home.
  app.action(ACTION.handoffAcknowledge, async ({ ack, body, respond, client }) => {
    await ack();
    const click = homeOrMessageClickOf(body);
    if (!click) return;
    const outcome = await acknowledgeHandoff(useCases, { handoffId: click.id, userId: click.userId, press: click.press });
    await answerPress(deps, { respond, client }, click, outcome.ok ? null : renderRefusal(outcome.error, locale));
  });

  app.action(ACTION.handoffNotes, async ({ ack, body, respond, client }) => {
    await ack();
    const click = idClickOf(body);
    if (!click) return;
    const opened = await openHandoffNotesForm(useCases, { handoffId: click.id, userId: click.userId, press: click.press });
    if (!opened.ok) return void (await respond(ephemeral(renderRefusal(opened.error, locale))));
    const { handoff, token } = opened.value;
    await openForm(client, useCases, { triggerId: click.triggerId, token, view: handoffNotesModal({ form: token, notes: handoff.notes, t: deps.t }) });
  });

  app.view<ViewSubmitAction>(VIEW.handoffNotes, async ({ ack, body }) => {
    const input = submissionOf(body, 'handoff_notes');
    if (!input) return ack();
    const notes = inputOf(input.submission, INPUT.notes)?.value ?? '';
    const outcome = await writeHandoffNotes(useCases, input.control, input.submission.user.id, notes);
    if (outcome.ok) return ack();
    await ack({ response_action: 'errors', errors: { [INPUT.notes]: userMessage(outcome.error, locale) } });
  });
}
