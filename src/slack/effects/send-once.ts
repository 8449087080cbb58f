import { z } from 'zod';
import { SendUnverified } from '../../app/outbox.js';
import type { SendRecords } from '../../app/slack-send-ports.js';
import type { Clock } from '../../domain/clock.js';
import type { Block } from '../blocks/format.js';
import type { PacedWebClient } from '../paced-client.js';
import { slackErrorCode } from '../slack-errors.js';
import type { ChannelJoins } from './channel-joins.js';

export interface OutgoingMessage {
  readonly channel: string;
  readonly thread_ts?: string;
  readonly text: string;
  readonly blocks?: Block[];
  readonly unfurl_links?: boolean;
  readonly unfurl_media?: boolean;
}

/** Where the record keeps that a try of this send started (before Slack is called), so a retry knows to look first. */
export interface SendMark {
  /** when an earlier try started and no result was recorded; null when none did */
  readonly startedAt: Date | null;
  markStarted(at: Date): Promise<void>;
}

/** What the message carries in its metadata, so that a post whose answer was lost is recognised. */
export interface SendTag {
  readonly eventType: string;
  readonly payload: Readonly<Record<string, string | number>>;
}

export interface SendOnceDeps {
  readonly client: PacedWebClient;
  readonly clock: Clock;
  readonly joins: ChannelJoins;
}

const tagged = z.object({
  ts: z.string(),
  metadata: z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()) }),
});

/** Slack's history pages: its default size, so a busy channel is read in several calls rather than one large one. */
const PAGE = 100;
/** Past this many pages of messages since the send started, the lookup gives up for now instead of reading on. */
const MAX_PAGES = 50;

const carries = (message: unknown, tag: SendTag): string | null => {
  const parsed = tagged.safeParse(message);
  if (!parsed.success || parsed.data.metadata.event_type !== tag.eventType) return null;
  const payload = parsed.data.metadata.event_payload;
  return Object.entries(tag.payload).every(([k, v]) => payload[k] === v) ? parsed.data.ts : null;
};

/**
 * The ts of the message carrying `tag`, posted by an earlier try that started at `since`, or null. A top-level post
 * is looked for in the channel's history since a minute before `since`, a reply in its whole thread; either is read
 * page by page to its end, however busy the channel was meanwhile.
 */
async function findTagged(client: PacedWebClient, message: OutgoingMessage, tag: SendTag, since: Date): Promise<string | null> {
  const { channel, thread_ts: thread } = message;
  const oldest = (since.getTime() / 1000 - 60).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const paging = { channel, include_all_metadata: true, limit: PAGE, ...(cursor ? { cursor } : {}) };
    const answer = thread === undefined ? await client.conversations.history({ ...paging, oldest }) : await client.conversations.replies({ ...paging, ts: thread });
    for (const m of answer.messages ?? []) {
      const ts = carries(m, tag);
      if (ts !== null) return ts;
    }
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  throw new SendUnverified(`more than ${MAX_PAGES * PAGE} messages in ${channel} since the send started; not read to the end`, null);
}

/**
 * Looks for the post of an earlier try. A lookup Slack refuses (not in the channel, a scope, a channel gone) says
 * nothing about whether that post landed: it never becomes a dead letter that could leave the post missing.
 */
async function earlierPost(deps: SendOnceDeps, message: OutgoingMessage, tag: SendTag, since: Date): Promise<string | null> {
  try {
    await deps.joins.ensureMember(message.channel);
    return await findTagged(deps.client, message, tag, since);
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === null) throw error;
    // Removed from a channel it joins on its own: the next try joins again, then looks.
    if (code === 'not_in_channel') deps.joins.forget(message.channel);
    throw new SendUnverified(`could not look for an earlier post in ${message.channel}: Slack answered ${code}`, code);
  }
}

/**
 * Posts a message once, across crashes, timeouts and answers lost after Slack did the work: a start mark goes into
 * the record before the call and `tag` into the message's metadata; when a retry finds the mark, it looks for the
 * post before posting again. The bot joins a channel it posts to on its own first (see ChannelJoins), so it can
 * read there. Every send-once post of the bot goes through here; the caller records the result.
 */
export async function sendOnce(deps: SendOnceDeps, send: { mark: SendMark; tag: SendTag }, message: OutgoingMessage): Promise<{ channel: string; ts: string }> {
  const { client, clock } = deps;
  if (send.mark.startedAt !== null) {
    const found = await earlierPost(deps, message, send.tag, send.mark.startedAt);
    if (found !== null) return { channel: message.channel, ts: found };
  } else {
    await deps.joins.ensureMember(message.channel);
  }
  // The turn is taken before the mark, so a pause never leaves a mark behind for a post that was never tried.
  await client.reserve('chat.postMessage', message.channel);
  if (send.mark.startedAt === null) await send.mark.markStarted(clock.now());
  const posted = await client.chat.postMessage({ ...message, metadata: { event_type: send.tag.eventType, event_payload: send.tag.payload } }).catch((error: unknown) => {
    // Removed from a channel it joins on its own: not a dead letter, the next try joins again.
    if (slackErrorCode(error) === 'not_in_channel' && deps.joins.forget(message.channel)) throw new Error(`the bot was removed from ${message.channel}; it joins again on the next try`);
    throw error;
  });
  if (!posted.ts) throw new Error('chat.postMessage answered without a ts');
  return { channel: posted.channel ?? message.channel, ts: posted.ts };
}

const SEND_EVENT = 'incident_bot_send';

/** A send named by a key in the record's table of sends (slack_sends): its mark, and whether it already landed. */
export async function keyedSend(store: SendRecords, key: string): Promise<{ mark: SendMark; sent: { channel: string; ts: string } | null }> {
  const earlier = await store.slackSend(key);
  return {
    mark: { startedAt: earlier?.startedAt ?? null, markStarted: (at) => store.markSendStarted(key, at) },
    sent: earlier?.ts && earlier.channelId ? { channel: earlier.channelId, ts: earlier.ts } : null,
  };
}

/** `sendOnce` for a send named by a key, its result kept in the table of sends. */
export async function postOnce(deps: SendOnceDeps & { store: SendRecords }, key: string, message: OutgoingMessage): Promise<{ channel: string; ts: string }> {
  const { mark, sent } = await keyedSend(deps.store, key);
  if (sent !== null) return sent;
  const posted = await sendOnce(deps, { mark, tag: { eventType: SEND_EVENT, payload: { key } } }, message);
  await deps.store.recordSent(key, posted.channel, posted.ts);
  return posted;
}
