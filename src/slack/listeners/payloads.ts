import { z } from 'zod';
import type { FormKind } from '../../app/access-ports.js';
import type { HomePress, Press, Submission } from '../../app/controls.js';
import type { ShownHome } from '../../app/home/home-ports.js';
import type { Block } from '../blocks/format.js';
import { escapeOutgoingMarkup } from '../outgoing-markup.js';
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
  /** Where the pressed element is: the message (channel and ts) the bot must have posted. */
  container: z.object({ channel_id: z.string().optional(), message_ts: z.string().optional() }).optional(),
  /** A press on an App Home names the view (the Home the bot published), not a message. */
  view: z.object({ id: z.string(), type: z.string(), hash: z.string().optional() }).optional(),
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
    callback_id: z.string().default(''),
    private_metadata: z.string().default(''),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), stateValue)) }),
  }),
});

export type ViewSubmission = z.infer<typeof viewSubmissionSchema>;

/** Reads one input of a submitted modal (our inputs all use the action id `value`). */
export function inputOf(submission: ViewSubmission, blockId: string): z.infer<typeof stateValue> | undefined {
  return submission.view.state.values[blockId]?.[INPUT_ACTION];
}

/** A modal's private_metadata: the token of the form the bot stored, checked since it comes back through Slack. */
const formMetadata = z.object({ form: z.string().min(1).max(100) });

function formToken(privateMetadata: string): string | null {
  try {
    const parsed = formMetadata.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data.form : null;
  } catch {
    return null;
  }
}

/** A submitted modal and the form it claims to be (checked against the record by the use case). */
export function submissionOf(body: unknown, form: FormKind): { submission: ViewSubmission; control: Submission } | null {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return null;
  const { view } = parsed.data;
  return { submission: parsed.data, control: { kind: 'form', form, token: formToken(view.private_metadata), viewId: view.id } };
}

/** A click on one of our buttons or menus: who clicked, the trigger for opening a modal, the value we set, and where. */
export function clickOf(body: unknown): { userId: string; triggerId: string; value: string; press: Press } | null {
  const parsed = blockActionSchema.safeParse(body);
  const action = parsed.success ? parsed.data.actions[0] : undefined;
  if (!parsed.success || !action) return null;
  const channelId = parsed.data.container?.channel_id ?? parsed.data.channel?.id;
  const messageTs = parsed.data.container?.message_ts;
  if (channelId === undefined || messageTs === undefined) return null;
  return {
    userId: parsed.data.user.id,
    triggerId: parsed.data.trigger_id,
    value: action.selected_option?.value ?? action.value ?? '',
    press: { kind: 'press', channelId, messageTs },
  };
}

/** A click whose value is the id of what it acts on (an incident number, a handoff id). */
export function idClickOf(body: unknown): { userId: string; triggerId: string; id: number; press: Press } | null {
  const click = clickOf(body);
  const id = Number(click?.value);
  return click && click.value !== '' && Number.isInteger(id) ? { ...click, id } : null;
}

/**
 * A click on a button that an App Home shows as well as a message (a handoff's answers): from a message, or from the
 * presser's own Home, which Slack names by its view (and its hash, to tell whether it is the one last published).
 */
export function homeOrMessageClickOf(
  body: unknown,
): { userId: string; triggerId: string; id: number; press: Press | HomePress; home: ShownHome | null } | null {
  const fromMessage = idClickOf(body);
  if (fromMessage) return { ...fromMessage, home: null };
  const parsed = blockActionSchema.safeParse(body);
  const action = parsed.success ? parsed.data.actions[0] : undefined;
  const view = parsed.success ? parsed.data.view : undefined;
  const id = Number(action?.value);
  if (!parsed.success || view?.type !== 'home' || action?.value === undefined || action.value === '' || !Number.isInteger(id)) return null;
  return {
    userId: parsed.data.user.id,
    triggerId: parsed.data.trigger_id,
    id,
    press: { kind: 'home_press', viewId: view.id },
    home: { viewId: view.id, slackHash: view.hash ?? null },
  };
}

/** An answer only the clicker sees, leaving the message clicked as it was. */
export const ephemeral = (reply: string | { text: string; blocks?: Block[] }) => {
  const { text, blocks } = typeof reply === 'string' ? { text: reply, blocks: undefined } : reply;
  return escapeOutgoingMarkup({ response_type: 'ephemeral' as const, replace_original: false, text, ...(blocks ? { blocks } : {}) }, 'message');
};
