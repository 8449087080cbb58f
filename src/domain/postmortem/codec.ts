import { z } from 'zod';
import { STATUSES, TIMELINE_KINDS } from '../incident.js';
import { DURATIONS } from './durations.js';
import type { PostmortemDraft } from './draft.js';

const date = z.coerce.date();
const messageRef = z.object({ channelId: z.string(), ts: z.string(), threadTs: z.string().optional() });
const milestone = z.enum(['impactStartedAt', 'detectedAt', 'declaredAt', 'acknowledgedAt', 'mitigatedAt', 'resolvedAt']);

const draftSchema = z.object({
  incidentNumber: z.number().int().positive(),
  version: z.number().int().positive(),
  generatedAt: date,
  title: z.string(),
  severity: z.string().nullable(),
  status: z.enum(STATUSES),
  commanderId: z.string().nullable(),
  participants: z.array(z.string()),
  declaredBy: z.string(),
  impact: z.string(),
  lastUpdate: z.string().nullable(),
  detection: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('alert'), name: z.string(), source: z.string(), at: date, message: messageRef.nullable(), permalink: z.string().nullable() }),
    z.object({ kind: z.literal('manual'), by: z.string(), at: date }),
  ]),
  milestones: z.object({
    impactStartedAt: date.nullable(),
    detectedAt: date.nullable(),
    declaredAt: date,
    acknowledgedAt: date.nullable(),
    mitigatedAt: date.nullable(),
    resolvedAt: date.nullable(),
  }),
  durations: z.array(z.object({ id: z.enum(DURATIONS.map((d) => d.id)), from: milestone, to: milestone, ms: z.number().nullable() })),
  timeline: z.array(
    z.object({
      at: date,
      kind: z.enum(TIMELINE_KINDS),
      actorId: z.string().nullable(),
      text: z.string().nullable(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      message: messageRef.nullable(),
      permalink: z.string().nullable(),
    }),
  ),
  resolution: z.string().nullable(),
  cause: z.string().nullable(),
  whys: z.array(z.string().nullable()),
  actionItems: z.array(z.object({ text: z.string(), ownerId: z.string().nullable(), done: z.boolean() })),
});

/** The stored JSON of a version (and the CLI's `--format json`): the draft as data, dates as ISO strings. */
export const draftToJson = (draft: PostmortemDraft, indent?: number): string => JSON.stringify(draft, null, indent);

/** Stored drafts were written by us, but one from another version must fail loudly rather than post garbage. */
export function draftFromJson(json: string): PostmortemDraft {
  const parsed: PostmortemDraft = draftSchema.parse(JSON.parse(json));
  return parsed;
}
