import { z } from 'zod';
import type { IncomingAlert } from '../../app/ingest-alert.js';
import type { AlertEdit } from '../../app/revise-alert.js';
import type { Alert } from '../../domain/alerts/alert.js';
import { alertFromMessage } from '../../domain/alerts/from-message.js';
import type { AlertMessage } from '../../domain/triage/alert.js';
import { parseAlertMessage } from '../../domain/triage/parsers/index.js';

/** A message as Slack shows it: integration posts arrive as `bot_message` (or with a bot_id); people's have no subtype. */
const messageBody = {
  ts: z.string(),
  /** `tombstone` is what Slack leaves of a deleted message that has thread replies (a triage reply, say). */
  subtype: z.string().optional(),
  thread_ts: z.string().optional(),
  user: z.string().optional(),
  text: z.string().default(''),
  attachments: z.array(z.unknown()).default([]),
  blocks: z.array(z.unknown()).default([]),
  username: z.string().optional(),
  bot_id: z.string().optional(),
  bot_profile: z.object({ name: z.string().optional() }).optional(),
};

export const alertPostSchema = z.object({
  ...messageBody,
  channel: z.string(),
  subtype: z.enum(['bot_message']).optional(),
});

export type AlertPost = z.infer<typeof alertPostSchema>;

/** `message_changed`: `ts` is when it changed; `message` is the message as it is now. */
export const alertEditSchema = z.object({
  subtype: z.literal('message_changed'),
  channel: z.string(),
  ts: z.string(),
  message: z.object(messageBody),
});

/** `message_deleted`: `ts` is when it was deleted; `deleted_ts` names the message. */
export const alertDeletionSchema = z.object({
  subtype: z.literal('message_deleted'),
  channel: z.string(),
  ts: z.string(),
  deleted_ts: z.string(),
});

type MessageBody = z.infer<z.ZodObject<typeof messageBody>>;

export function alertMessageOf(post: MessageBody): AlertMessage {
  return {
    text: post.text,
    attachments: post.attachments,
    blocks: post.blocks,
    username: post.username ?? post.bot_profile?.name ?? null,
    botId: post.bot_id ?? null,
  };
}

/** A thread reply is conversation about an alert, not an alert. */
export const isTopLevel = (message: { ts: string; thread_ts?: string | undefined }): boolean =>
  message.thread_ts === undefined || message.thread_ts === message.ts;

/** What a message in an alert channel says, as the one Alert triage takes: read by the tool parsers, then converted. */
export function readAlertMessage(message: AlertMessage): Alert {
  return alertFromMessage(parseAlertMessage(message));
}

/** A message posted in an alert channel, as Slack showed it and as stored. */
export interface AlertPostInput {
  readonly channelId: string;
  readonly ts: string;
  readonly at: Date;
  readonly message: AlertMessage;
  /** The message as Slack sent it, kept verbatim. */
  readonly raw: string;
}

/** A post handed through the door: read, with its text for rules and its raw form for replay. */
export const incomingFromPost = (post: AlertPostInput): IncomingAlert => ({
  channelId: post.channelId,
  at: post.at,
  alert: readAlertMessage(post.message),
  text: post.message.text,
  message: { ts: post.ts, raw: post.raw },
});

/** An edit handed through the door: the message read again as it is now. */
export const editFromPost = (post: AlertPostInput): AlertEdit => ({
  channelId: post.channelId,
  ts: post.ts,
  at: post.at,
  alert: readAlertMessage(post.message),
  text: post.message.text,
  raw: post.raw,
});

/** A stored raw `message` event (or edited message) back into what the parsers read (used by replay); null if it is not one. */
export function alertMessageFromRaw(raw: string): AlertMessage | null {
  try {
    const parsed = z.object(messageBody).safeParse(JSON.parse(raw));
    return parsed.success ? alertMessageOf(parsed.data) : null;
  } catch {
    return null;
  }
}
