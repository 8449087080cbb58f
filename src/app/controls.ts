import { randomBytes } from 'node:crypto';
import { err, ok, type Result } from '../domain/result.js';
import type { BotMessage, ControlRecords, FormKind, IssuedForm } from './access-ports.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';
import type { HomeRecords } from './home/home-ports.js';

/**
 * Buttons and forms are honoured only on what the bot itself posted or opened: a press names the message it came
 * from, which must be one the record holds; a submission carries a token the bot stored when it opened the form,
 * for that person and that kind of form. What the request claims beyond that (a number in a button value or in
 * private_metadata) must agree with the record, or the request is refused.
 */

/** A button press, as Slack reports where it happened. */
export interface Press {
  readonly kind: 'press';
  readonly channelId: string;
  readonly messageTs: string;
}

/**
 * A button press on a person's App Home: Slack names the view, not a message. It is honoured only from the view the
 * bot published for the person pressing, and only by the listeners of buttons a Home shows (a handoff's answers).
 */
export interface HomePress {
  readonly kind: 'home_press';
  readonly viewId: string;
}

/** A form submission: which form it says it is, the token it carries, and Slack's view id. */
export interface Submission {
  readonly kind: 'form';
  readonly form: FormKind;
  readonly token: string | null;
  readonly viewId: string;
}

export type Control = Press | HomePress | Submission;

const unknownButton: AppError = { code: 'control_not_recognised', what: 'button' };
const unknownForm: AppError = { code: 'control_not_recognised', what: 'form' };

type MessageOf<K extends BotMessage['kind']> = Extract<BotMessage, { kind: K }>;

type PressRecords = Pick<ControlRecords, 'botMessageAt'> & Pick<HomeRecords, 'homeViewOwner'>;

async function homeAt(records: PressRecords, viewId: string): Promise<BotMessage | undefined> {
  const userId = await records.homeViewOwner(viewId);
  return userId === undefined ? undefined : { kind: 'home', userId };
}

/** The bot's message (or Home) a press came from, if it is one of these `kinds` and `fits` what the press claims. */
export async function pressedMessage<K extends BotMessage['kind']>(
  records: PressRecords,
  press: Press | HomePress,
  kinds: readonly K[],
  fits: (message: MessageOf<K>) => boolean = () => true,
): Promise<Result<MessageOf<K>, AppError>> {
  const message = press.kind === 'home_press' ? await homeAt(records, press.viewId) : await records.botMessageAt(press.channelId, press.messageTs);
  const isKind = (m: BotMessage | undefined): m is MessageOf<K> => m !== undefined && (kinds as readonly string[]).includes(m.kind);
  return isKind(message) && fits(message) ? ok(message) : err(unknownButton);
}

/** Messages that belong to one incident. */
export const INCIDENT_MESSAGES = ['summary_card', 'prompt', 'lead_message'] as const;

/** The form a submission belongs to: opened by the bot, of this kind, for this person, in this view. */
export async function submittedForm(records: Pick<ControlRecords, 'getForm'>, submission: Submission, userId: string): Promise<Result<IssuedForm, AppError>> {
  const form = submission.token === null ? undefined : await records.getForm(submission.token);
  const fits = form !== undefined && form.form === submission.form && form.userId === userId && (form.viewId === null || form.viewId === submission.viewId);
  return fits ? ok(form) : err(unknownForm);
}

/**
 * The incident a press or a submission is about, from the record. A Home is not one incident's: its buttons carry
 * the number (`ref`), honoured because the Home is the presser's own.
 */
export async function incidentOfControl(records: ControlRecords & PressRecords, control: Control, userId: string, ref: number | null): Promise<Result<number, AppError>> {
  if (control.kind === 'form') {
    const form = await submittedForm(records, control, userId);
    if (!form.ok) return form;
    return form.value.incidentNumber === null ? err(unknownForm) : ok(form.value.incidentNumber);
  }
  if (control.kind === 'home_press') {
    const home = await pressedMessage(records, control, ['home'], (m) => m.userId === userId);
    if (!home.ok) return home;
    return ref === null ? err(unknownButton) : ok(ref);
  }
  const message = await pressedMessage(records, control, INCIDENT_MESSAGES);
  return message.ok ? ok(message.value.incidentNumber) : message;
}

/** Stores a form about to be opened for `userId`; its token goes into the view's private_metadata. */
export async function issueForm(
  deps: Pick<UseCaseDeps, 'store' | 'clock'>,
  form: { form: FormKind; userId: string; incidentNumber?: number | null; alertGroupId?: number | null; handoffId?: number | null },
): Promise<string> {
  const token = randomBytes(18).toString('base64url');
  await deps.store.insertForm({
    token,
    form: form.form,
    userId: form.userId,
    incidentNumber: form.incidentNumber ?? null,
    alertGroupId: form.alertGroupId ?? null,
    handoffId: form.handoffId ?? null,
    viewId: null,
    openedAt: deps.clock.now(),
  });
  return token;
}

/** Slack's id for the view a form was opened in: from then on only that view may submit it. */
export async function noteFormView(deps: Pick<UseCaseDeps, 'store'>, token: string, viewId: string): Promise<void> {
  await deps.store.setFormView(token, viewId);
}
