import type { App, types } from '@slack/bolt';
import { changeSeverity } from '../../app/change-severity.js';
import { markMitigated } from '../../app/change-status.js';
import type { Target } from '../../app/mutate-incident.js';
import { openIncidentForm, type IncidentForm } from '../../app/open-forms.js';
import { leadModal, resolveModal, updateModal } from '../blocks/modals.js';
import { openForm } from '../forms.js';
import { ACTION } from '../ids.js';
import { renderRefusal } from '../blocks/refusal.js';
import type { ListenerDeps } from './listener-deps.js';
import { clickOf, ephemeral } from './payloads.js';

/** The summary card's controls do exactly what the matching `/incident` subcommands do. */
export function registerCardActions(app: App, deps: ListenerDeps): void {
  const { useCases, t, locale } = deps;

  // The card is found from the message pressed; a number a button carries must agree with it.
  const parse = (body: unknown, subcommand: string): { triggerId: string; target: Target; value: string } | null => {
    const click = clickOf(body);
    if (!click) return null;
    const ref = /^\d+$/.test(click.value) ? Number(click.value) : null;
    return { triggerId: click.triggerId, value: click.value, target: { ref, channelId: click.press.channelId, subcommand, actorId: click.userId, control: click.press } };
  };

  app.action(ACTION.severity, async ({ ack, body, respond }) => {
    await ack();
    const input = parse(body, 'severity');
    if (!input) return;
    const outcome = await changeSeverity(useCases, { ...input.target, ref: null }, { severity: input.value });
    if (!outcome.ok) await respond(ephemeral(renderRefusal(outcome.error, locale)));
  });

  app.action(ACTION.mitigated, async ({ ack, body, respond }) => {
    await ack();
    const input = parse(body, 'mitigated');
    if (!input) return;
    const outcome = await markMitigated(useCases, input.target, { note: null });
    if (!outcome.ok) await respond(ephemeral(renderRefusal(outcome.error, locale)));
  });

  const openModal = (actionId: string, form: IncidentForm, build: (token: string) => types.ModalView): void => {
    app.action(actionId, async ({ ack, body, client, respond }) => {
      await ack();
      const input = parse(body, form);
      if (!input) return;
      const opened = await openIncidentForm(useCases, input.target, form);
      if (!opened.ok) return void (await respond(ephemeral(renderRefusal(opened.error, locale))));
      await openForm(client, useCases, { triggerId: input.triggerId, token: opened.value.token, view: build(opened.value.token) });
    });
  };
  openModal(ACTION.postUpdate, 'update', (form) => updateModal({ form, t }));
  openModal(ACTION.resolve, 'resolve', (form) => resolveModal({ form, summary: null, timeZone: deps.useCases.postmortem.timeZone, t }));
  openModal(ACTION.handOverLead, 'lead', (form) => leadModal({ form, t }));
}
