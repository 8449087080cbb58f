import { z } from 'zod';
import { INPUT_ACTION } from '../ids.js';

/** The few fields of Slack's payloads we rely on, checked at the edge. */
export const slashCommandSchema = z.object({
  user_id: z.string(),
  channel_id: z.string(),
  text: z.string().default(''),
  trigger_id: z.string(),
});

export const blockActionSchema = z.object({
  user: z.object({ id: z.string() }),
  trigger_id: z.string(),
  channel: z.object({ id: z.string() }).optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        value: z.string().optional(),
        selected_option: z.object({ value: z.string() }).nullish(),
      }),
    )
    .min(1),
});

const stateValue = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_user: z.string().nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});

export const viewSubmissionSchema = z.object({
  user: z.object({ id: z.string() }),
  view: z.object({
    id: z.string(),
    private_metadata: z.string().default(''),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), stateValue)) }),
  }),
});

export type ViewSubmission = z.infer<typeof viewSubmissionSchema>;

/** Reads one input of a submitted modal (our inputs all use the action id `value`). */
export function inputOf(submission: ViewSubmission, blockId: string): z.infer<typeof stateValue> | undefined {
  return submission.view.state.values[blockId]?.[INPUT_ACTION];
}

/** A modal's private_metadata: JSON we wrote ourselves, still checked since it comes back through Slack. */
const privateMetadata = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'private_metadata is not JSON' });
    return z.NEVER;
  }
});

export const incidentMetadata = privateMetadata.pipe(z.object({ incident: z.number().int().positive() }));

/** The declare modal carries the alert group it was opened from, if any. */
export const declareMetadata = privateMetadata.pipe(z.object({ alertGroup: z.number().int().positive().optional() })).catch({});

/** The handoff notes modal carries its handoff. */
export const handoffMetadata = privateMetadata.pipe(z.object({ handoff: z.number().int().positive() }));

/** A click on one of our buttons or menus: who clicked, the trigger for opening a modal, and the value we set. */
export function clickOf(body: unknown): { userId: string; triggerId: string; value: string } | null {
  const parsed = blockActionSchema.safeParse(body);
  const action = parsed.success ? parsed.data.actions[0] : undefined;
  if (!parsed.success || !action) return null;
  return { userId: parsed.data.user.id, triggerId: parsed.data.trigger_id, value: action.selected_option?.value ?? action.value ?? '' };
}

/** A click whose value is the id of what it acts on (an incident number, a handoff id). */
export function idClickOf(body: unknown): { userId: string; triggerId: string; id: number } | null {
  const click = clickOf(body);
  const id = Number(click?.value);
  return click && click.value !== '' && Number.isInteger(id) ? { userId: click.userId, triggerId: click.triggerId, id } : null;
}

/** An answer only the clicker sees, leaving the message clicked as it was. */
export const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, replace_original: false, text });
