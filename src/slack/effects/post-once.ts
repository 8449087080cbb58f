import type { SendRecords } from '../../app/ports.js';
import type { Clock } from '../../domain/clock.js';
import type { Block } from '../blocks/format.js';
import type { PacedWebClient } from '../paced-client.js';
import { findTaggedPost, taggedReplies } from './tagged-messages.js';

const SEND_EVENT = 'incident_bot_send';

export interface OutgoingMessage {
  readonly channel: string;
  readonly thread_ts?: string;
  readonly text: string;
  readonly blocks?: Block[];
  readonly unfurl_links?: boolean;
  readonly unfurl_media?: boolean;
}

/**
 * Posts a message once for `key`, across crashes, timeouts and answers lost after Slack did the work: the key goes
 * into the message's metadata and a start mark into the record before the call; when a mark is found without a
 * result, the post is looked for (in the thread, or the channel's recent history) before posting again.
 */
export async function postOnce(
  deps: { client: PacedWebClient; store: SendRecords; clock: Clock },
  key: string,
  message: OutgoingMessage,
): Promise<{ channel: string; ts: string }> {
  const { client, store, clock } = deps;
  const earlier = await store.slackSend(key);
  if (earlier?.ts && earlier.channelId) return { channel: earlier.channelId, ts: earlier.ts };
  if (earlier) {
    const matches = (payload: Record<string, unknown>): boolean => payload.key === key;
    const found =
      message.thread_ts === undefined
        ? await findTaggedPost(client, message.channel, earlier.startedAt, SEND_EVENT, matches)
        : ((await taggedReplies(client, { channel: message.channel, ts: message.thread_ts }, SEND_EVENT, (p) => (matches(p) ? key : null))).get(key) ?? null);
    if (found !== null) {
      await store.recordSent(key, message.channel, found);
      return { channel: message.channel, ts: found };
    }
  }
  await client.reserve('chat.postMessage', message.channel);
  if (!earlier) await store.markSendStarted(key, clock.now());
  const posted = await client.chat.postMessage({ ...message, metadata: { event_type: SEND_EVENT, event_payload: { key } } });
  if (!posted.ts) throw new Error('chat.postMessage answered without a ts');
  const channel = posted.channel ?? message.channel;
  await store.recordSent(key, channel, posted.ts);
  return { channel, ts: posted.ts };
}
