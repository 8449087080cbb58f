import type { App } from '@slack/bolt';
import { ingestAlert } from '../../app/ingest-alert.js';
import { slackTsToDate } from '../../app/record-pinned-message.js';
import { reviseAlertMessage, withdrawAlertMessage } from '../../app/revise-alert.js';
import { acknowledgeGroup, alertGroup, dismissGroup, muteGroup } from '../../app/triage-actions.js';
import { userMessage } from '../../i18n/index.js';
import { declareModal } from '../blocks/modals.js';
import { alertDeletionSchema, alertEditSchema, alertMessageOf, alertPostSchema, isTopLevel } from '../alert-message.js';
import { ACTION } from '../ids.js';
import type { ListenerDeps } from './listener-deps.js';
import { clickOf, ephemeral } from './payloads.js';

/**
 * Every top-level message in an alert channel is stored and triaged, and so are its edits and deletions (tools post
 * recoveries by editing their alert); replies in threads are conversation, and the bot's own messages are never read.
 */
export function registerAlertChannel(app: App, deps: ListenerDeps): void {
  const { useCases, t, locale } = deps;
  const channels = new Set(useCases.triage.alertChannels);
  const ours = (message: { user?: string | undefined }): boolean => message.user === useCases.botUserId;

  app.event('message', async ({ event }) => {
    const edit = alertEditSchema.safeParse(event);
    if (edit.success) {
      const { channel, ts, message } = edit.data;
      if (!channels.has(channel) || !isTopLevel(message) || ours(message)) return;
      if (message.subtype === 'tombstone') return void (await withdrawAlertMessage(useCases, { channelId: channel, ts: message.ts, at: slackTsToDate(ts) }));
      await reviseAlertMessage(useCases, { channelId: channel, ts: message.ts, at: slackTsToDate(ts), raw: JSON.stringify({ ...message, channel }), message: alertMessageOf(message) });
      return;
    }
    const deletion = alertDeletionSchema.safeParse(event);
    if (deletion.success) {
      if (channels.has(deletion.data.channel)) await withdrawAlertMessage(useCases, { channelId: deletion.data.channel, ts: deletion.data.deleted_ts, at: slackTsToDate(deletion.data.ts) });
      return;
    }
    const post = alertPostSchema.safeParse(event);
    if (!post.success || !channels.has(post.data.channel) || !isTopLevel(post.data) || ours(post.data)) return;
    const m = post.data;
    await ingestAlert(useCases, { channelId: m.channel, ts: m.ts, at: slackTsToDate(m.ts), raw: JSON.stringify(event), message: alertMessageOf(m) });
  });

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
