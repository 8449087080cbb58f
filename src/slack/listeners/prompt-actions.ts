import type { App } from '@slack/bolt';
import { z } from 'zod';
import { answerPrompt } from '../../app/answer-prompt.js';
import { acknowledgeLead, declineLead } from '../../app/hand-over-lead.js';
import { openIncidentForm } from '../../app/open-forms.js';
import { parseAnswer } from '../../domain/prompts.js';
import { impactModal, updateModal } from '../blocks/modals.js';
import { openForm } from '../forms.js';
import { ACTION } from '../ids.js';
import { renderRefusal } from '../blocks/refusal.js';
import type { ListenerDeps } from './listener-deps.js';
import { answerPress } from './answer-press.js';
import { clickOf, ephemeral, homeOrMessageClickOf, idClickOf } from './payloads.js';

const answerValue = z.string().regex(/^\d+:.+$/);

/** Buttons on the bot's prompts: answer the question, describe impact, acknowledge or decline a lead handoff. */
export function registerPromptActions(app: App, deps: ListenerDeps): void {
  const { useCases, t, locale } = deps;

  app.action(new RegExp(`^${ACTION.promptAnswer.replace('.', '\\.')}:`), async ({ ack, body, respond, client }) => {
    await ack();
    const click = clickOf(body);
    const value = answerValue.safeParse(click?.value);
    if (!click || !value.success) return;
    const [id = '', ...rest] = value.data.split(':');
    const answer = parseAnswer(rest.join(':'));
    if (answer === null) return;
    const outcome = await answerPrompt(useCases, { promptId: Number(id), answer, actorId: click.userId, press: click.press });
    if (!outcome.ok) return void (await respond(ephemeral(renderRefusal(outcome.error, locale))));
    if (outcome.value.opens === 'update_form') {
      const target = { ref: outcome.value.incident.number, channelId: null, subcommand: 'update', actorId: click.userId };
      const opened = await openIncidentForm(useCases, target, 'update');
      if (!opened.ok) return void (await respond(ephemeral(renderRefusal(opened.error, locale))));
      await openForm(client, useCases, { triggerId: click.triggerId, token: opened.value.token, view: updateModal({ form: opened.value.token, t }) });
    }
  });

  app.action(ACTION.promptImpact, async ({ ack, body, client, respond }) => {
    await ack();
    const click = idClickOf(body);
    if (!click) return;
    const target = { ref: click.id, channelId: click.press.channelId, subcommand: 'impact', actorId: click.userId, control: click.press };
    const opened = await openIncidentForm(useCases, target, 'impact');
    if (!opened.ok) return void (await respond(ephemeral(renderRefusal(opened.error, locale))));
    await openForm(client, useCases, { triggerId: click.triggerId, token: opened.value.token, view: impactModal({ form: opened.value.token, t }) });
  });

  // Acknowledge and Decline on a lead handoff's briefing or reminder, or on the proposed commander's App Home. The
  // outbox then edits every message of the handoff from the record (for both people), so nothing is replaced here:
  // an answer never races the edit.
  for (const [actionId, answer] of [
    [ACTION.acknowledgeLead, acknowledgeLead],
    [ACTION.declineLead, declineLead],
  ] as const) {
    app.action(actionId, async ({ ack, body, respond, client }) => {
      await ack();
      const click = homeOrMessageClickOf(body);
      if (!click) return;
      const channelId = click.press.kind === 'press' ? click.press.channelId : null;
      const outcome = await answer(useCases, { ref: click.id, channelId, subcommand: 'lead', actorId: click.userId, control: click.press });
      await answerPress(deps, { respond, client }, click, outcome.ok ? null : renderRefusal(outcome.error, locale));
    });
  }
}
