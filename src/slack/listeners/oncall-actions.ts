import type { App, ViewSubmitAction } from '@slack/bolt';
import { acknowledgeHandoff, writeHandoffNotes } from '../../app/oncall/answer-handoff.js';
import { userMessage } from '../../i18n/index.js';
import { handoffNotesModal } from '../blocks/modals.js';
import { ACTION, INPUT, VIEW } from '../ids.js';
import type { ListenerDeps } from './listener-deps.js';
import { ephemeral, handoffMetadata, idClickOf, inputOf, viewSubmissionSchema } from './payloads.js';

/** Buttons and the notes form of shift handoffs. */
export function registerOncallActions(app: App, deps: ListenerDeps): void {
  const { useCases, locale } = deps;

  app.action(ACTION.handoffAcknowledge, async ({ ack, body, respond }) => {
    await ack();
    const click = idClickOf(body);
    if (!click) return;
    const outcome = await acknowledgeHandoff(useCases, click.id, click.userId);
    if (!outcome.ok) await respond(ephemeral(userMessage(outcome.error, locale)));
  });

  app.action(ACTION.handoffNotes, async ({ ack, body, respond, client }) => {
    await ack();
    const click = idClickOf(body);
    if (!click) return;
    const handoff = await useCases.store.getHandoff(click.id);
    if (!handoff || handoff.outgoingId !== click.userId) {
      const error = handoff ? ({ code: 'not_handoff_outgoing', outgoingId: handoff.outgoingId } as const) : ({ code: 'handoff_not_found' } as const);
      await respond(ephemeral(userMessage(error, locale)));
      return;
    }
    await client.views.open({ trigger_id: click.triggerId, view: handoffNotesModal({ handoffId: handoff.id, notes: handoff.notes, t: deps.t }) });
  });

  app.view<ViewSubmitAction>(VIEW.handoffNotes, async ({ ack, body }) => {
    const parsed = viewSubmissionSchema.safeParse(body);
    const metadata = handoffMetadata.safeParse(parsed.success ? parsed.data.view.private_metadata : '');
    if (!parsed.success || !metadata.success) return ack();
    const notes = inputOf(parsed.data, INPUT.notes)?.value ?? '';
    const outcome = await writeHandoffNotes(useCases, metadata.data.handoff, parsed.data.user.id, notes);
    if (outcome.ok) return ack();
    await ack({ response_action: 'errors', errors: { [INPUT.notes]: userMessage(outcome.error, locale) } });
  });
}
