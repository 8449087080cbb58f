import type { WebClient } from '@slack/web-api';
import type { EffectHandlers, Prompt, Store } from '../app/ports.js';
import type { Clock } from '../domain/clock.js';
import type { Severity } from '../domain/severity.js';
import type { Catalog } from '../i18n/index.js';
import { renderPrompt } from './blocks/prompts.js';
import { findTaggedPost } from './tagged-messages.js';

const PROMPT_EVENT = 'incident_bot_prompt';

/**
 * Posts and edits prompt messages. Exactly once: each post carries the prompt id as message metadata, and a send
 * that may have happened before a crash (started, no ts saved) is looked up in the channel before posting again.
 */
export function createPromptMessages(deps: {
  client: WebClient;
  store: Store;
  clock: Clock;
  severities: readonly Severity[];
  snoozesMs: readonly number[];
  t: Catalog;
}): Pick<EffectHandlers, 'post_prompt' | 'refresh_prompt'> {
  const { client, store, clock, severities, snoozesMs, t } = deps;

  async function render(prompt: Prompt) {
    const incident = await store.getIncident(prompt.incidentNumber);
    if (!incident) throw new Error(`incident ${prompt.incidentNumber} vanished from the record`);
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
      const channel = await conversationOf(prompt, incident.channelId);
      if (channel === null) throw new Error(`incident ${incident.number} has no channel for its prompt yet`);
      if (prompt.sendStartedAt !== null) {
        const earlier = await findTaggedPost(client, channel, prompt.sendStartedAt, PROMPT_EVENT, (payload) => payload.prompt_id === prompt.id);
        if (earlier !== null) {
          await store.updatePrompt(prompt.id, { channelId: channel, messageTs: earlier });
          return;
        }
      }
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
      // Not posted yet: the post (queued earlier, delivered first) will render the latest state itself.
      if (prompt.messageTs === null || prompt.channelId === null) {
        if (prompt.sendStartedAt === null) return;
        throw new Error(`prompt ${prompt.id} is being posted; refresh it afterwards`);
      }
      const { message } = await render(prompt);
      await client.chat.update({ channel: prompt.channelId, ts: prompt.messageTs, text: message.text, blocks: message.blocks });
    },
  };
}
