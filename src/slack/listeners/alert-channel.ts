import type { App } from '@slack/bolt';
import { acknowledgeGroup, dismissGroup, muteGroup, type GroupPress } from '../../app/triage-actions.js';
import { openDeclareForm } from '../../app/open-forms.js';
import { triageAlertChannelEvent } from '../../inbound/slack/alert-channel-events.js';
import { declareModal } from '../blocks/modals.js';
import { ACTION } from '../ids.js';
import { openForm } from '../forms.js';
import { renderRefusal } from '../blocks/refusal.js';
import type { ListenerDeps } from './listener-deps.js';
import { clickOf, ephemeral } from './payloads.js';

/** Messages of alert channels (posts, edits, deletions) are triaged; the triage reply's buttons act on their group. */
export function registerAlertChannel(app: App, deps: ListenerDeps): void {
  const { useCases, t, locale } = deps;

  app.event('message', async ({ event }) => triageAlertChannelEvent(useCases, event));

  // Triage values are `<groupId>` or `<groupId>:<mute ms>`; the press must come from that group's triage reply.
  const groupAction = (body: unknown): (GroupPress & { triggerId: string; value: string }) | null => {
    const click = clickOf(body);
    const groupId = Number(click?.value.split(':')[0]);
    return click && Number.isInteger(groupId) ? { groupId, userId: click.userId, press: click.press, triggerId: click.triggerId, value: click.value } : null;
  };

  /** The declare form from a triage reply, opening with `severity` (the SLO suggestion's) or the rule's suggestion. */
  const openDeclare = async (input: GroupPress & { triggerId: string }, respond: (message: ReturnType<typeof ephemeral>) => Promise<unknown>, client: Parameters<typeof openForm>[0], severity: string | null) => {
    const opened = await openDeclareForm(useCases, { userId: input.userId, fromGroup: input });
    if (!opened.ok) return void (await respond(ephemeral(renderRefusal(opened.error, locale))));
    const { token, group, title } = opened.value;
    const view = declareModal({
      title,
      callerId: input.userId,
      severities: useCases.severities,
      t,
      form: token,
      severity: severity ?? group?.suggestedSeverity ?? null,
      ...(group ? { impact: group.first.summary } : {}),
    });
    await openForm(client, useCases, { triggerId: input.triggerId, token, view });
  };

  app.action(ACTION.triageDeclare, async ({ ack, body, client, respond }) => {
    await ack();
    const input = groupAction(body);
    if (input) await openDeclare(input, respond, client, null);
  });

  // "Declare as SEV2": a suggestion only; the form opens with it and the person declares (or changes it).
  app.action(ACTION.triageDeclareAs, async ({ ack, body, client, respond }) => {
    await ack();
    const input = groupAction(body);
    const severity = input?.value.split(':')[1] ?? '';
    if (input) await openDeclare(input, respond, client, useCases.severities.some((s) => s.id === severity) ? severity : null);
  });

  app.action(ACTION.triageAcknowledge, async ({ ack, body, respond }) => {
    await ack();
    const input = groupAction(body);
    if (!input) return;
    const outcome = await acknowledgeGroup(useCases, input);
    if (!outcome.ok) await respond(ephemeral(renderRefusal(outcome.error, locale)));
  });

  app.action(ACTION.triageMute, async ({ ack, body, respond }) => {
    await ack();
    const input = groupAction(body);
    const ms = Number(input?.value.split(':')[1]);
    if (!input || !Number.isFinite(ms) || ms <= 0) return;
    const outcome = await muteGroup(useCases, input, Math.min(ms, 24 * 3_600_000));
    if (!outcome.ok) await respond(ephemeral(renderRefusal(outcome.error, locale)));
  });

  app.action(ACTION.triageDismiss, async ({ ack, body, respond }) => {
    await ack();
    const input = groupAction(body);
    if (!input) return;
    const outcome = await dismissGroup(useCases, input);
    if (!outcome.ok) await respond(ephemeral(renderRefusal(outcome.error, locale)));
  });
}
