import type { App } from '@slack/bolt';
import { changeSeverity } from '../../app/change-severity.js';
import { markMitigated } from '../../app/change-status.js';
import type { Target } from '../../app/mutate-incident.js';
import { userMessage } from '../../i18n/index.js';
import { leadModal, resolveModal, updateModal } from '../blocks/modals.js';
import { ACTION } from '../ids.js';
import type { ListenerDeps } from './listener-deps.js';
import { blockActionSchema } from './payloads.js';

/** The summary card's controls do exactly what the matching `/incident` subcommands do. */
export function registerCardActions(app: App, deps: ListenerDeps): void {
  const { useCases, t, locale } = deps;

  const parse = (body: unknown): { userId: string; triggerId: string; target: Target; value: string } | null => {
    const parsed = blockActionSchema.safeParse(body);
    if (!parsed.success) return null;
    const action = parsed.data.actions[0];
    if (!action) return null;
    const value = action.selected_option?.value ?? action.value ?? '';
    // Buttons carry the incident number; the select carries the severity, so its incident comes from the channel.
    const ref = /^\d+$/.test(action.value ?? '') ? Number(action.value) : null;
    const target = { ref, channelId: parsed.data.channel?.id ?? null, subcommand: 'status' };
    return { userId: parsed.data.user.id, triggerId: parsed.data.trigger_id, target, value };
  };

  app.action(ACTION.severity, async ({ ack, body, respond }) => {
    await ack();
    const input = parse(body);
    if (!input) return;
    const outcome = await changeSeverity(useCases, { ...input.target, subcommand: 'severity' }, { actorId: input.userId, severity: input.value });
    if (!outcome.ok) await respond({ response_type: 'ephemeral', replace_original: false, text: userMessage(outcome.error, locale) });
  });

  app.action(ACTION.mitigated, async ({ ack, body, respond }) => {
    await ack();
    const input = parse(body);
    if (!input) return;
    const outcome = await markMitigated(useCases, { ...input.target, subcommand: 'mitigated' }, { actorId: input.userId, note: null });
    if (!outcome.ok) await respond({ response_type: 'ephemeral', replace_original: false, text: userMessage(outcome.error, locale) });
  });

  const openModal = (actionId: string, build: (incidentNumber: number) => Parameters<typeof app.client.views.open>[0]['view']): void => {
    app.action(actionId, async ({ ack, body, client }) => {
      await ack();
      const input = parse(body);
      if (!input || input.target.ref === null) return;
      await client.views.open({ trigger_id: input.triggerId, view: build(input.target.ref) });
    });
  };
  openModal(ACTION.postUpdate, (incidentNumber) => updateModal({ incidentNumber, t }));
  openModal(ACTION.resolve, (incidentNumber) => resolveModal({ incidentNumber, summary: null, timeZone: deps.useCases.postmortem.timeZone, t }));
  openModal(ACTION.handOverLead, (incidentNumber) => leadModal({ incidentNumber, t }));
}
