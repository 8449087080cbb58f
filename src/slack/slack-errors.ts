import { z } from 'zod';

const platformError = z.object({ code: z.literal('slack_webapi_platform_error'), data: z.object({ error: z.string() }) });
const rateLimited = z.object({ code: z.literal('slack_webapi_rate_limited_error'), retryAfter: z.number() });

/** The `error` string of a Slack platform answer (`name_taken`, `already_pinned`…), or null for other failures. */
export function slackErrorCode(error: unknown): string | null {
  const parsed = platformError.safeParse(error);
  return parsed.success ? parsed.data.data.error : null;
}

/** Milliseconds Slack asked us to wait (429 Retry-After), so the outbox retries exactly then. */
export function retryAfterMs(error: unknown): number | null {
  const parsed = rateLimited.safeParse(error);
  return parsed.success ? parsed.data.retryAfter * 1000 : null;
}
