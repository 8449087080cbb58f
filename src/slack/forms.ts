import type { types } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { UseCaseDeps } from '../app/deps.js';
import { noteFormView } from '../app/controls.js';
import { escapeOutgoingMarkup } from './outgoing-markup.js';

/** Opens the view of a form the bot stored, and records Slack's id for it: only that view may submit the form. */
export async function openForm(client: WebClient, deps: UseCaseDeps, opening: { triggerId: string; token: string; view: types.ModalView }): Promise<void> {
  const opened = await client.views.open({ trigger_id: opening.triggerId, view: escapeOutgoingMarkup(opening.view, 'view') });
  if (opened.view?.id) await noteFormView(deps, opening.token, opened.view.id);
}
