/**
 * The last step before Slack sees the bot's words: mrkdwn that is not meant as markup is escaped (see
 * `escapeStrayMarkup`), in a message's `text` and in every mrkdwn text object of its blocks or view. Plain text is left
 * alone: Slack shows it as written.
 */
import { escapeStrayMarkup } from '../domain/slack-text.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function inBlocks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(inBlocks);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, inner] of Object.entries(value)) out[key] = key === 'text' && value.type === 'mrkdwn' && typeof inner === 'string' ? escapeStrayMarkup(inner) : inBlocks(inner);
  return out;
}

/** A message (chat.*, a response_url answer) or a view payload as Slack should get it. */
export function escapeOutgoingMarkup<T extends object>(payload: T, kind: 'message' | 'view'): T {
  const out = inBlocks(payload) as Json;
  // A message's own `text` is mrkdwn too, unless the message says otherwise.
  if (kind === 'message' && typeof out.text === 'string' && out.mrkdwn !== false) out.text = escapeStrayMarkup(out.text);
  return out as T;
}

/** Web API methods whose arguments carry the bot's words: chat.* messages and views. */
export function escapeMethodArguments(method: string, options: Record<string, unknown>): Record<string, unknown> {
  if (method.startsWith('chat.')) return escapeOutgoingMarkup(options, 'message');
  if (method.startsWith('views.')) return escapeOutgoingMarkup(options, 'view');
  return options;
}
