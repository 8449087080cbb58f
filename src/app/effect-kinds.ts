import { z } from 'zod';
import { LEAD_MESSAGE_PARTS } from '../domain/lead-handoff.js';
import { HANDOFF_PARTS } from '../domain/oncall/handoff.js';

/**
 * Every kind of Slack side effect, declared once: its payload (the schema the outbox stores and parses back), the
 * Slack target it writes (its key: effects of one key run one at a time, in order; different keys run side by side,
 * so a slow or failing target holds back nobody else), and whether it reconciles (renders the record as it is when
 * it runs, so one queued per target is enough; a running one never absorbs a new change, which queues the next).
 * The Effect type, the payload codec, the dedupe rule and the handler map (src/slack/effects) all follow from this
 * table: adding a kind is one row here and one handler there.
 */
const incident = { incidentNumber: z.number() };

function row<S extends z.ZodObject>(definition: { payload: S; key: (effect: z.infer<S>) => string; reconciles: boolean }) {
  return definition;
}

const KINDS = {
  /** the incident channel exists, has the people it needs, and its topic shows the record */
  sync_channel: row({ payload: z.object(incident), key: (e) => `incident:${e.incidentNumber}:channel`, reconciles: true }),
  /** the pinned summary card shows the record */
  sync_card: row({ payload: z.object(incident), key: (e) => `incident:${e.incidentNumber}:card`, reconciles: true }),
  /** the one announcement in the announce channel shows the record */
  sync_announcement: row({ payload: z.object(incident), key: (e) => `incident:${e.incidentNumber}:announcement`, reconciles: true }),
  /** a status update, posted once in the announcement's thread */
  post_update_to_announcement: row({
    payload: z.object({ ...incident, text: z.string(), by: z.string() }),
    key: (e) => `incident:${e.incidentNumber}:announcement`,
    reconciles: false,
  }),
  /** every timeline event a person made has its line (or update broadcast) in the card's thread */
  post_timeline_messages: row({ payload: z.object(incident), key: (e) => `incident:${e.incidentNumber}:thread`, reconciles: true }),
  post_postmortem: row({ payload: z.object({ ...incident, draftId: z.number() }), key: (e) => `incident:${e.incidentNumber}:thread`, reconciles: false }),
  /** a DM of a lead handoff (briefing, reminder, notice), posted once while it is worth sending */
  post_lead_message: row({
    payload: z.object({ ...incident, handoffId: z.number(), part: z.enum(LEAD_MESSAGE_PARTS) }),
    key: (e) => `lead:${e.handoffId}:${e.part}`,
    reconciles: false,
  }),
  /** that DM shows the handoff as the record has it, to its reader */
  refresh_lead_message: row({
    payload: z.object({ ...incident, handoffId: z.number(), part: z.enum(LEAD_MESSAGE_PARTS) }),
    key: (e) => `lead:${e.handoffId}:${e.part}`,
    reconciles: true,
  }),
  /** queued before migration 011: the briefing of the incident's pending handoff to `userId` */
  brief_new_lead: row({
    payload: z.object({ ...incident, userId: z.string(), by: z.string() }),
    key: (e) => `incident:${e.incidentNumber}:lead:${e.userId}`,
    reconciles: false,
  }),
  post_prompt: row({ payload: z.object({ ...incident, promptId: z.number() }), key: (e) => `prompt:${e.promptId}`, reconciles: false }),
  refresh_prompt: row({ payload: z.object({ ...incident, promptId: z.number() }), key: (e) => `prompt:${e.promptId}`, reconciles: true }),
  sync_triage_reply: row({ payload: z.object({ groupId: z.number() }), key: (e) => `group:${e.groupId}`, reconciles: true }),
  post_handoff_message: row({
    payload: z.object({ handoffId: z.number(), part: z.enum(HANDOFF_PARTS) }),
    key: (e) => `handoff:${e.handoffId}:${e.part}`,
    reconciles: false,
  }),
  refresh_handoff_message: row({
    payload: z.object({ handoffId: z.number(), part: z.enum(HANDOFF_PARTS) }),
    key: (e) => `handoff:${e.handoffId}:${e.part}`,
    reconciles: true,
  }),
  /** the person's App Home shows what needs them now, as the record has it (published only when it changed) */
  publish_home: row({ payload: z.object({ userId: z.string() }), key: (e) => `home:${e.userId}`, reconciles: true }),
};

type Payloads = { [K in keyof typeof KINDS]: z.infer<(typeof KINDS)[K]['payload']> };

export type EffectKind = keyof Payloads;

/** A Slack side effect, stored with the change that causes it and delivered after commit (the outbox). */
export type Effect<K extends EffectKind = EffectKind> = { [P in K]: { kind: P } & Payloads[P] }[K];

interface KindRow<K extends EffectKind> {
  readonly payload: z.ZodType<Payloads[K]>;
  readonly key: (effect: Payloads[K]) => string;
  readonly reconciles: boolean;
}

export const EFFECT_KINDS: { readonly [K in EffectKind]: KindRow<K> } = KINDS;

export const isEffectKind = (kind: string): kind is EffectKind => Object.hasOwn(EFFECT_KINDS, kind);

/** The Slack target an effect writes. */
export function effectKey<K extends EffectKind>(effect: Effect<K>): string {
  const definition: KindRow<K> = EFFECT_KINDS[effect.kind];
  return definition.key(effect);
}

/** Effects that render the record as it is when they run. */
export const isReconciling = (effect: Effect): boolean => EFFECT_KINDS[effect.kind].reconciles;

/** Outbox payloads were written by us, but one from another version may not parse: say why, never throw. */
export function parseEffect(payload: string): { effect: Effect; error: null } | { effect: null; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch (error) {
    return { effect: null, error: error instanceof Error ? error.message : String(error) };
  }
  const kindOf = z.object({ kind: z.string() }).safeParse(json);
  if (!kindOf.success) return { effect: null, error: 'no effect kind' };
  const { kind: name } = kindOf.data;
  if (!isEffectKind(name)) return { effect: null, error: `unknown effect kind ${name}` };
  return parseAs(name, json);
}

function parseAs<K extends EffectKind>(kind: K, json: unknown): { effect: Effect<K>; error: null } | { effect: null; error: string } {
  const parsed = EFFECT_KINDS[kind].payload.safeParse(json);
  if (!parsed.success) return { effect: null, error: z.prettifyError(parsed.error).replace(/\s+/g, ' ') };
  // The row of `kind` parsed it, so it is that kind's payload.
  return { effect: { ...parsed.data, kind } as Effect<K>, error: null };
}
