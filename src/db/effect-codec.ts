import { z } from 'zod';
import type { Effect } from '../app/ports.js';
import { HANDOFF_PARTS } from '../domain/oncall/handoff.js';

const effectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sync_incident'), incidentNumber: z.number() }),
  z.object({ kind: z.literal('broadcast_update'), incidentNumber: z.number(), text: z.string(), by: z.string() }),
  z.object({ kind: z.literal('brief_new_lead'), incidentNumber: z.number(), userId: z.string(), by: z.string() }),
  z.object({ kind: z.literal('post_prompt'), incidentNumber: z.number(), promptId: z.number() }),
  z.object({ kind: z.literal('refresh_prompt'), incidentNumber: z.number(), promptId: z.number() }),
  z.object({ kind: z.literal('sync_triage_reply'), groupId: z.number() }),
  z.object({ kind: z.literal('post_handoff_message'), handoffId: z.number(), part: z.enum(HANDOFF_PARTS) }),
  z.object({ kind: z.literal('refresh_handoff_message'), handoffId: z.number(), part: z.enum(HANDOFF_PARTS) }),
  z.object({ kind: z.literal('post_timeline_messages'), incidentNumber: z.number() }),
  z.object({ kind: z.literal('post_postmortem'), incidentNumber: z.number(), draftId: z.number() }),
]);

/** Outbox payloads were written by us, but a payload from an older version must fail loudly, not silently. */
export function parseEffect(payload: string): Effect {
  return effectSchema.parse(JSON.parse(payload));
}
