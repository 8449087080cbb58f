import { z } from 'zod';
import type { DeliveryFailure } from '../app/outbox.js';

const platformError = z.object({ code: z.literal('slack_webapi_platform_error'), data: z.object({ error: z.string() }) });
const rateLimited = z.object({ code: z.literal('slack_webapi_rate_limited_error'), retryAfter: z.number() });
const httpError = z.object({ code: z.literal('slack_webapi_http_error'), statusCode: z.number() });
const requestError = z.object({ code: z.literal('slack_webapi_request_error') });

/** The `error` string of a Slack platform answer (`name_taken`, `already_pinned`…), or null for other failures. */
export function slackErrorCode(error: unknown): string | null {
  const parsed = platformError.safeParse(error);
  return parsed.success ? parsed.data.data.error : null;
}

/** Milliseconds Slack asked us to wait (429 Retry-After). */
export function retryAfterMs(error: unknown): number | null {
  const parsed = rateLimited.safeParse(error);
  return parsed.success ? parsed.data.retryAfter * 1000 : null;
}

/** Thrown instead of calling Slack while a method (or a channel's posts) must wait: Slack said so, or we would exceed its limit. */
export class SlackPaused extends Error {
  override readonly name = 'SlackPaused';
  constructor(
    readonly method: string,
    readonly waitMs: number,
    /** true when Slack answered 429; false when our own pacing held the call back */
    readonly fromSlack: boolean,
  ) {
    super(`${method} paused for ${waitMs} ms (${fromSlack ? 'Slack answered 429' : 'pacing to Slack’s limit'})`);
  }
}

/**
 * Slack errors that a later try of the same call may get past. Every other platform error is an answer about the
 * call itself (the channel is archived, the blocks are invalid, the token is revoked…) and will not change by
 * retrying it: the row becomes a dead letter, and a later change of the same target tries afresh.
 */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org', 'ratelimited']);

/** The terminal errors the bot meets most; listed so the table is readable, though any unlisted code is terminal too. */
export const TERMINAL_ERRORS: readonly string[] = [
  'is_archived',
  'channel_not_found',
  'not_in_channel',
  'message_not_found',
  'thread_not_found',
  'cant_update_message',
  'edit_window_closed',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_blocks_too_long',
  'msg_too_long',
  'no_text',
  'invalid_metadata_format',
  'metadata_too_large',
  'restricted_action',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'missing_scope',
];

/** The outbox's one decision about a failed Slack call: wait without blame, retry with backoff, or give up. */
export function classifySlackFailure(error: unknown): DeliveryFailure {
  if (error instanceof SlackPaused) return { kind: 'paused', forMs: error.waitMs, reason: error.message };
  const code = slackErrorCode(error);
  if (code !== null) return TRANSIENT.has(code) ? { kind: 'transient', reason: code, retryAfterMs: null } : { kind: 'terminal', reason: code };
  const wait = retryAfterMs(error);
  if (wait !== null) return { kind: 'paused', forMs: wait, reason: 'Slack answered 429' };
  const http = httpError.safeParse(error);
  if (http.success) {
    const status = http.data.statusCode;
    const retryable = status >= 500 || status === 408 || status === 425;
    return retryable ? { kind: 'transient', reason: `HTTP ${status}`, retryAfterMs: null } : { kind: 'terminal', reason: `HTTP ${status}` };
  }
  const reason = error instanceof Error ? error.message : String(error);
  // Resets, timeouts and our own bugs: worth another try later; the attempt cap buries a row that never succeeds.
  return { kind: 'transient', reason: requestError.safeParse(error).success ? `request failed: ${reason}` : reason, retryAfterMs: null };
}
