import type { OncallConfig } from '../../app/deps.js';
import { shiftReport } from '../../app/oncall/oncall-queries.js';
import type { EffectHandlers } from '../../app/outbox.js';
import type { Handoff, HandoffPart } from '../../domain/oncall/handoff.js';
import { renderAckReminder, renderHandoffPost, renderHandoffReminder, type HandoffView, type RenderedMessage } from '../blocks/handoff.js';
import type { EffectDeps } from './deps.js';
import { sendOnce } from './send-once.js';

const HANDOFF_EVENT = 'incident_bot_handoff';

/**
 * Posts and edits the messages of a shift handoff (reminder DM, channel post, acknowledgement reminders). Exactly
 * once (`sendOnce`): every post carries (handoff id, part) as metadata, and a send that may have happened before a
 * crash or a lost answer is looked up before posting again.
 */
export function handoffEffects(deps: EffectDeps & { oncall: OncallConfig }): Pick<EffectHandlers, 'post_handoff_message' | 'refresh_handoff_message'> {
  const { client, store, oncall, severities, t, log } = deps;

  async function render(handoff: Handoff, part: HandoffPart): Promise<RenderedMessage | null> {
    const rotation = oncall.rotations.find((r) => r.name === handoff.rotation);
    // A rotation removed from the config since: nothing sensible to post, and retrying would not help.
    if (!rotation) return null;
    // Only the reminder and the post show the shift report; the acknowledgement reminders need no queries.
    const withReport = async (): Promise<HandoffView> => ({ handoff, rotation, report: await shiftReport({ store, oncall }, handoff, handoff.dueAt), severities, t });
    switch (part) {
      case 'reminder':
        return renderHandoffReminder(await withReport());
      case 'post':
        return renderHandoffPost(await withReport());
      case 'ack_reminder_incoming':
        return renderAckReminder({ handoff, rotation, t }, 'incoming');
      case 'ack_reminder_outgoing':
        return renderAckReminder({ handoff, rotation, t }, 'outgoing');
    }
  }

  async function conversationOf(handoff: Handoff, part: HandoffPart): Promise<string | null> {
    const dmTo = (userId: string) => client.conversations.open({ users: userId }).then((r) => r.channel?.id ?? null);
    switch (part) {
      case 'post':
        return oncall.rotations.find((r) => r.name === handoff.rotation)?.channelId ?? null;
      case 'reminder':
      case 'ack_reminder_outgoing':
        return dmTo(handoff.outgoingId);
      case 'ack_reminder_incoming':
        return dmTo(handoff.incomingId);
    }
  }

  return {
    async post_handoff_message({ handoffId, part }) {
      const handoff = await store.getHandoff(handoffId);
      const sent = await store.handoffMessage(handoffId, part);
      if (!handoff || sent?.ts) return;
      const message = await render(handoff, part);
      const channel = await conversationOf(handoff, part);
      if (message === null || channel === null) {
        log.warn({ handoff: handoffId, rotation: handoff.rotation, part }, 'rotation no longer configured; handoff message not sent');
        return;
      }
      const mark = { startedAt: sent?.sendStartedAt ?? null, markStarted: (at: Date) => store.saveHandoffMessage(handoffId, part, { sendStartedAt: at }) };
      const tag = { eventType: HANDOFF_EVENT, payload: { handoff_id: handoffId, part } };
      const posted = await sendOnce(deps, { mark, tag }, { channel, text: message.text, blocks: message.blocks });
      await store.saveHandoffMessage(handoffId, part, { channelId: posted.channel, ts: posted.ts });
    },
    async refresh_handoff_message({ handoffId, part }) {
      const handoff = await store.getHandoff(handoffId);
      const sent = await store.handoffMessage(handoffId, part);
      if (!handoff || !sent) return;
      // Not posted: the post runs before this (same target, in order); if it never landed there is nothing to edit.
      if (sent.ts === null || sent.channelId === null) return;
      const message = await render(handoff, part);
      if (message === null) return;
      await client.chat.update({ channel: sent.channelId, ts: sent.ts, text: message.text, blocks: message.blocks });
    },
  };
}
