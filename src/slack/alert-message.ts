import { z } from 'zod';
import type { AlertMessage } from '../domain/triage/alert.js';

/** Integration posts arrive as `bot_message` (or with a bot_id); people's messages have no subtype. */
export const alertPostSchema = z.object({
  channel: z.string(),
  ts: z.string(),
  subtype: z.enum(['bot_message']).optional(),
  thread_ts: z.string().optional(),
  text: z.string().default(''),
  attachments: z.array(z.unknown()).default([]),
  blocks: z.array(z.unknown()).default([]),
  username: z.string().optional(),
  bot_id: z.string().optional(),
  bot_profile: z.object({ name: z.string().optional() }).optional(),
});

export type AlertPost = z.infer<typeof alertPostSchema>;

export function alertMessageOf(post: AlertPost): AlertMessage {
  return {
    text: post.text,
    attachments: post.attachments,
    blocks: post.blocks,
    username: post.username ?? post.bot_profile?.name ?? null,
    botId: post.bot_id ?? null,
  };
}

/** A stored raw `message` event back into what the parsers read (used by replay); null if it is not one. */
export function alertMessageFromRaw(raw: string): AlertMessage | null {
  try {
    const parsed = alertPostSchema.safeParse(JSON.parse(raw));
    return parsed.success ? alertMessageOf(parsed.data) : null;
  } catch {
    return null;
  }
}
