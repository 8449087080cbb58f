import type { App } from '@slack/bolt';
import { acknowledgeGroup, alertGroup, dismissGroup, muteGroup } from '../../app/triage-actions.js';
import { userMessage } from '../../i18n/index.js';
import { triageAlertChannelEvent } from '../alert-channel-events.js';
import { declareModal } from '../blocks/modals.js';
import { ACTION } from '../ids.js';
import type { ListenerDeps } from './listener-deps.js';
import { clickOf, ephemeral } from './payloads.js';

/** Messages of alert channels (posts, edits, deletions) are triaged; the triage reply's buttons act on their group. */
export function registerAlertChannel(app: App, deps: ListenerDeps): void {
  const { useCases, t, locale } = deps;

  app.event('message', async ({ event }) => triageAlertChannelEvent(useCases, event));

  // Triage values are `<groupId>` or `<groupId>:<mute ms>`.
  const groupAction = (body: unknown): { userId: string; triggerId: string; groupId: number; value: string } | null => {
    const click = clickOf(body);
    const groupId = Number(click?.value.split(':')[0]);
    return click && Number.isInteger(groupId) ? { ...click, groupId } : null;
  };

  app.action(ACTION.triageDeclare, async ({ ack, body, client, respond }) => {
    await ack();
    const input = groupAction(body);
    if (!input) return;
    const group = await alertGroup(useCases, input.groupId);
    if (!group.ok) return void (await respond(ephemeral(userMessage(group.error, locale))));
    const { first } = group.value;
    const view = declareModal({
      title: `${first.name}${first.service ? ` · ${first.service}` : ''}`,
      callerId: input.userId,
      severities: useCases.severities,
      t,
      alertGroupId: group.value.id,
      severity: group.value.suggestedSeverity,
      impact: first.summary,
    });
    await client.views.open({ trigger_id: input.triggerId, view });
  });

  app.action(ACTION.triageAcknowledge, async ({ ack, body, respond }) => {
    await ack();
    const input = groupAction(body);
    if (!input) return;
    const outcome = await acknowledgeGroup(useCases, input.groupId, input.userId);
    if (!outcome.ok) await respond(ephemeral(userMessage(outcome.error, locale)));
  });

  app.action(ACTION.triageMute, async ({ ack, body }) => {
    await ack();
    const input = groupAction(body);
    const ms = Number(input?.value.split(':')[1]);
    if (!input || !Number.isFinite(ms) || ms <= 0) return;
    await muteGroup(useCases, input.groupId, Math.min(ms, 24 * 3_600_000));
  });

  app.action(ACTION.triageDismiss, async ({ ack, body, respond }) => {
    await ack();
    const input = groupAction(body);
    if (!input) return;
    const outcome = await dismissGroup(useCases, input.groupId, input.userId);
    if (!outcome.ok) await respond(ephemeral(userMessage(outcome.error, locale)));
  });
}
