import { EffectBlocked, type EffectHandlers } from '../../app/outbox.js';
import type { Prompt } from '../../app/prompt-ports.js';
import { renderPrompt } from '../blocks/prompts.js';
import { incidentOf, type EffectDeps } from './deps.js';
import { sendOnce } from './send-once.js';

const PROMPT_EVENT = 'incident_bot_prompt';

/**
 * Posts and edits prompt messages. Exactly once (`sendOnce`): each post carries the prompt id as message metadata,
 * and a send that may have happened before a crash or a lost answer (started, no ts saved) is looked up first.
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
      const mark = { startedAt: prompt.sendStartedAt, markStarted: (at: Date) => store.updatePrompt(prompt.id, { sendStartedAt: at }) };
      const posted = await sendOnce(deps, { mark, tag: { eventType: PROMPT_EVENT, payload: { prompt_id: prompt.id } } }, { channel, text: message.text, blocks: message.blocks });
      await store.updatePrompt(prompt.id, { channelId: posted.channel, messageTs: posted.ts });
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
