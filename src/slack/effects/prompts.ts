import { EffectBlocked, type EffectHandlers } from '../../app/outbox.js';
import type { Prompt } from '../../app/ports.js';
import { renderPrompt } from '../blocks/prompts.js';
import { incidentOf, type EffectDeps } from './deps.js';
import { findTaggedPost } from './tagged-messages.js';

const PROMPT_EVENT = 'incident_bot_prompt';

/**
 * Posts and edits prompt messages. Exactly once: each post carries the prompt id as message metadata, and a send
 * that may have happened before a crash (started, no ts saved) is looked up in the channel before posting again.
 */
export function promptEffects(deps: EffectDeps & { snoozesMs: readonly number[] }): Pick<EffectHandlers, 'post_prompt' | 'refresh_prompt'> {
  const { client, store, clock, severities, snoozesMs, t } = deps;

  async function render(prompt: Prompt) {
    const incident = await incidentOf(store, prompt.incidentNumber);
    return { incident, message: renderPrompt(prompt, incident, { severities, snoozesMs, now: clock.now(), t }) };
  }

  async function conversationOf(prompt: Prompt, incidentChannel: string | null): Promise<string | null> {
    if (prompt.recipientId === null) return incidentChannel;
    const opened = await client.conversations.open({ users: prompt.recipientId });
    return opened.channel?.id ?? null;
  }

  return {
    async post_prompt(effect) {
      const prompt = await store.getPrompt(effect.promptId);
      if (!prompt || prompt.messageTs !== null) return;
      const { incident, message } = await render(prompt);
      // In the incident channel the card comes first: a person opening the channel reads what it is about, then the question.
      if (prompt.recipientId === null && (await store.viewRefs(incident.number))?.cardTs == null) {
        throw new EffectBlocked(`incident ${incident.number} has no card yet for its prompt to follow`);
      }
      const channel = await conversationOf(prompt, incident.channelId);
      if (channel === null) throw new EffectBlocked(`incident ${incident.number} has no channel for its prompt yet`);
      if (prompt.sendStartedAt !== null) {
        const earlier = await findTaggedPost(client, channel, prompt.sendStartedAt, PROMPT_EVENT, (payload) => payload.prompt_id === prompt.id);
        if (earlier !== null) {
          await store.updatePrompt(prompt.id, { channelId: channel, messageTs: earlier });
          return;
        }
      }
      await client.reserve('chat.postMessage', channel);
      await store.updatePrompt(prompt.id, { sendStartedAt: clock.now() });
      const posted = await client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        metadata: { event_type: PROMPT_EVENT, event_payload: { prompt_id: prompt.id } },
      });
      await store.updatePrompt(prompt.id, { channelId: posted.channel ?? channel, messageTs: posted.ts ?? null });
    },
    async refresh_prompt(effect) {
      const prompt = await store.getPrompt(effect.promptId);
      if (!prompt) return;
      // Not posted: the post runs before this (same target, in order) and rendered the state of its time; if it
      // never landed there is nothing to edit.
      if (prompt.messageTs === null || prompt.channelId === null) return;
      const { message } = await render(prompt);
      await client.chat.update({ channel: prompt.channelId, ts: prompt.messageTs, text: message.text, blocks: message.blocks });
    },
  };
}
