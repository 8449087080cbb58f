import type { WebClient } from '@slack/web-api';
import { z } from 'zod';

const tagged = z.object({
  ts: z.string(),
  metadata: z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()) }),
});

/**
 * The bot's messages in a thread that carry `eventType` metadata, by the key `keyOf` reads from their payload. Used
 * after a crash may have hidden a successful post: find it instead of posting twice.
 */
export async function taggedReplies(
  client: WebClient,
  thread: { channel: string; ts: string },
  eventType: string,
  keyOf: (payload: Record<string, unknown>) => string | null,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let cursor: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const replies = await client.conversations.replies({ channel: thread.channel, ts: thread.ts, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) });
    for (const message of replies.messages ?? []) {
      const parsed = tagged.safeParse(message);
      if (!parsed.success || parsed.data.metadata.event_type !== eventType) continue;
      const key = keyOf(parsed.data.metadata.event_payload);
      if (key !== null) found.set(key, parsed.data.ts);
    }
    cursor = replies.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return found;
}

/**
 * The ts of the bot's top-level message tagged `eventType` whose payload `matches`, posted since a minute before
 * `since` (when the interrupted send started), or null: the post a crash may have hidden, found instead of repeated.
 */
export async function findTaggedPost(
  client: WebClient,
  channel: string,
  since: Date,
  eventType: string,
  matches: (payload: Record<string, unknown>) => boolean,
): Promise<string | null> {
  const oldest = (since.getTime() / 1000 - 60).toFixed(6);
  const history = await client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 100 });
  for (const message of history.messages ?? []) {
    const parsed = tagged.safeParse(message);
    if (parsed.success && parsed.data.metadata.event_type === eventType && matches(parsed.data.metadata.event_payload)) return parsed.data.ts;
  }
  return null;
}
