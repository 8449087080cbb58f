import { z } from 'zod';
import type { Effect } from '../app/outbox.js';
import { LEAD_MESSAGE_PARTS } from '../domain/lead-handoff.js';
import { HANDOFF_PARTS } from '../domain/oncall/handoff.js';

const incident = { incidentNumber: z.number() };

const effectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sync_channel'), ...incident }),
  z.object({ kind: z.literal('sync_card'), ...incident }),
  z.object({ kind: z.literal('sync_announcement'), ...incident }),
  z.object({ kind: z.literal('post_update_to_announcement'), ...incident, text: z.string(), by: z.string() }),
  z.object({ kind: z.literal('post_timeline_messages'), ...incident }),
  z.object({ kind: z.literal('post_postmortem'), ...incident, draftId: z.number() }),
  z.object({ kind: z.literal('brief_new_lead'), ...incident, userId: z.string(), by: z.string() }),
  z.object({ kind: z.literal('post_lead_message'), ...incident, handoffId: z.number(), part: z.enum(LEAD_MESSAGE_PARTS) }),
  z.object({ kind: z.literal('refresh_lead_message'), ...incident, handoffId: z.number(), part: z.enum(LEAD_MESSAGE_PARTS) }),
  z.object({ kind: z.literal('post_prompt'), ...incident, promptId: z.number() }),
  z.object({ kind: z.literal('refresh_prompt'), ...incident, promptId: z.number() }),
  z.object({ kind: z.literal('sync_triage_reply'), groupId: z.number() }),
  z.object({ kind: z.literal('post_handoff_message'), handoffId: z.number(), part: z.enum(HANDOFF_PARTS) }),
  z.object({ kind: z.literal('refresh_handoff_message'), handoffId: z.number(), part: z.enum(HANDOFF_PARTS) }),
  z.object({ kind: z.literal('publish_home'), userId: z.string() }),
]) satisfies z.ZodType<Effect>;

/** Outbox payloads were written by us, but one from another version may not parse: say why, never throw. */
export function parseEffect(payload: string): { effect: Effect; error: null } | { effect: null; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch (error) {
    return { effect: null, error: error instanceof Error ? error.message : String(error) };
  }
  const parsed = effectSchema.safeParse(json);
  return parsed.success ? { effect: parsed.data, error: null } : { effect: null, error: z.prettifyError(parsed.error).replace(/\s+/g, ' ') };
}
