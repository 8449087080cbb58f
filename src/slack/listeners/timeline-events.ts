import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { noteChannelActivity } from '../../app/record-activity.js';
import { mirrorMessageChange, recordPinnedMessage, slackTsToDate } from '../../app/record-pinned-message.js';
import type { ListenerDeps } from './listener-deps.js';

const pinAdded = z.object({
  user: z.string(),
  channel_id: z.string(),
  item: z.object({ type: z.literal('message'), message: z.object({ ts: z.string(), text: z.string().default(''), user: z.string().optional() }) }),
});

const reactionAdded = z.object({
  user: z.string(),
  reaction: z.literal('pushpin'),
  item: z.object({ type: z.literal('message'), channel: z.string(), ts: z.string() }),
});

const messageChanged = z.object({
  subtype: z.literal('message_changed'),
  channel: z.string(),
  message: z.object({ ts: z.string(), text: z.string().default('') }),
});

const messageDeleted = z.object({ subtype: z.literal('message_deleted'), channel: z.string(), deleted_ts: z.string() });

const plainMessage = z.object({ channel: z.string(), user: z.string(), ts: z.string(), subtype: z.undefined().optional() });

const fetchedMessage = z.object({ ts: z.string(), text: z.string().default(''), user: z.string().optional() });

/** A reaction event names the message but not its text; look it up (top level first, then as a thread reply). */
async function fetchMessage(client: WebClient, channel: string, ts: string): Promise<z.infer<typeof fetchedMessage> | null> {
  const history = await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 });
  const top = fetchedMessage.safeParse(history.messages?.[0]);
  if (top.success && top.data.ts === ts) return top.data;
  const replies = await client.conversations.replies({ channel, ts, limit: 1 });
  const reply = fetchedMessage.safeParse(replies.messages?.find((m) => m.ts === ts));
  return reply.success ? reply.data : null;
}

/** Pinned or :pushpin:-reacted messages in an incident channel join the timeline; edits and deletes follow. */
export function registerTimelineEvents(app: App, deps: ListenerDeps, botUserId: () => string): void {
  const { useCases } = deps;

  app.event('pin_added', async ({ event }) => {
    const parsed = pinAdded.safeParse(event);
    if (!parsed.success || parsed.data.user === botUserId()) return; // the bot pins its own summary card
    const { item, channel_id: channelId, user } = parsed.data;
    await recordPinnedMessage(useCases, { channelId, ts: item.message.ts, text: item.message.text, authorId: item.message.user ?? null, pinnedBy: user });
  });

  app.event('reaction_added', async ({ event, client }) => {
    const parsed = reactionAdded.safeParse(event);
    if (!parsed.success) return;
    const { item, user } = parsed.data;
    if (!(await useCases.store.getIncidentByChannel(item.channel))) return;
    const message = await fetchMessage(client, item.channel, item.ts);
    if (!message) return;
    await recordPinnedMessage(useCases, { channelId: item.channel, ts: item.ts, text: message.text, authorId: message.user ?? null, pinnedBy: user });
  });

  app.event('message', async ({ event }) => {
    const changed = messageChanged.safeParse(event);
    if (changed.success) {
      await mirrorMessageChange(useCases, { channelId: changed.data.channel, ts: changed.data.message.ts, newText: changed.data.message.text });
      return;
    }
    const deleted = messageDeleted.safeParse(event);
    if (deleted.success) {
      await mirrorMessageChange(useCases, { channelId: deleted.data.channel, ts: deleted.data.deleted_ts, newText: null });
      return;
    }
    const message = plainMessage.safeParse(event);
    if (message.success) {
      await noteChannelActivity(useCases, { channelId: message.data.channel, userId: message.data.user, at: slackTsToDate(message.data.ts) });
    }
  });
}
