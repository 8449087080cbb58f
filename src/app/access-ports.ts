import type { LeadMessagePart } from '../domain/lead-handoff.js';
import type { HandoffPart } from '../domain/oncall/handoff.js';

/** A message of the bot's with buttons on it, as the record knows it: a press is only honoured on one of these. */
export type BotMessage =
  | { readonly kind: 'summary_card'; readonly incidentNumber: number }
  | { readonly kind: 'prompt'; readonly incidentNumber: number; readonly promptId: number }
  | { readonly kind: 'lead_message'; readonly incidentNumber: number; readonly handoffId: number; readonly part: LeadMessagePart }
  | { readonly kind: 'triage_reply'; readonly groupId: number }
  | { readonly kind: 'handoff'; readonly handoffId: number; readonly part: HandoffPart }
  /** a person's App Home, as the bot last published it for them */
  | { readonly kind: 'home'; readonly userId: string };

export const FORM_KINDS = ['declare', 'resolve', 'update', 'lead', 'impact', 'handoff_notes'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/** A form (modal) the bot opened for one person, and what it is about. */
export interface IssuedForm {
  readonly token: string;
  readonly form: FormKind;
  readonly userId: string;
  readonly incidentNumber: number | null;
  readonly alertGroupId: number | null;
  readonly handoffId: number | null;
  /** Slack's view id, once known. */
  readonly viewId: string | null;
  readonly openedAt: Date;
}

export interface ControlRecords {
  botMessageAt(channelId: string, ts: string): Promise<BotMessage | undefined>;
  insertForm(form: IssuedForm): Promise<void>;
  getForm(token: string): Promise<IssuedForm | undefined>;
  setFormView(token: string, viewId: string): Promise<void>;
}

/** Whether someone is in a channel, as Slack says; `unknown` when Slack could not say (rate limited, failing, slow). */
export type MemberAnswer = 'member' | 'not_member' | 'unknown';

/** Who is in a channel, as Slack says (a short-lived cache of "yes" may answer), and letting someone in. */
export interface Membership {
  checkMember(channelId: string, userId: string): Promise<MemberAnswer>;
  /** Invites `userId` into the channel (already being in counts); false when Slack refused or could not be reached. */
  letIn(channelId: string, userId: string): Promise<boolean>;
}
