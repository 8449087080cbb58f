import type { App } from '@slack/bolt';
import { z } from 'zod';
import { answerPrompt } from '../../app/answer-prompt.js';
import { acknowledgeLead } from '../../app/hand-over-lead.js';
import { incidentRef } from '../../domain/incident.js';
import { parseAnswer } from '../../domain/prompts.js';
import { userMessage } from '../../i18n/index.js';
import { slackDate } from '../blocks/format.js';
import { impactModal, updateModal } from '../blocks/modals.js';
import { ACTION } from '../ids.js';
import type { ListenerDeps } from './listener-deps.js';
import { blockActionSchema, ephemeral, idClickOf } from './payloads.js';

const answerValue = z.string().regex(/^\d+:.+$/);

/** Buttons on the bot's prompts: answer the question, describe impact, acknowledge a lead handoff. */
export function registerPromptActions(app: App, deps: ListenerDeps): void {
  const { useCases, t, locale } = deps;

  app.action(new RegExp(`^${ACTION.promptAnswer.replace('.', '\\.')}:`), async ({ ack, body, respond, client }) => {
    await ack();
    const parsed = blockActionSchema.safeParse(body);
    const value = answerValue.safeParse(parsed.success ? parsed.data.actions[0]?.value : undefined);
    if (!parsed.success || !value.success) return;
    const [id = '', ...rest] = value.data.split(':');
    const answer = parseAnswer(rest.join(':'));
    if (answer === null) return;
    const outcome = await answerPrompt(useCases, { promptId: Number(id), answer, actorId: parsed.data.user.id });
    if (!outcome.ok) {
      await respond(ephemeral(userMessage(outcome.error, locale)));
      return;
    }
    if (outcome.value.opens === 'update_form') {
      await client.views.open({ trigger_id: parsed.data.trigger_id, view: updateModal({ incidentNumber: outcome.value.incident.number, t }) });
    }
  });

  app.action(ACTION.promptImpact, async ({ ack, body, client }) => {
    await ack();
    const click = idClickOf(body);
    if (!click) return;
    await client.views.open({ trigger_id: click.triggerId, view: impactModal({ incidentNumber: click.id, t }) });
  });

  app.action(ACTION.acknowledgeLead, async ({ ack, body, respond }) => {
    await ack();
    const click = idClickOf(body);
    if (!click) return;
    const incidentNumber = click.id;
    const outcome = await acknowledgeLead(useCases, incidentNumber, click.userId);
    if (!outcome.ok) {
      await respond(ephemeral(userMessage(outcome.error, locale)));
      return;
    }
    const text = t.prompt.acknowledged(incidentRef(incidentNumber), slackDate(useCases.clock.now()));
    await respond({ replace_original: true, text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
  });
}
