import { readHandoffNotes, type Handoff } from '../../domain/oncall/handoff.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppError } from '../app-error.js';
import type { UseCaseDeps } from '../deps.js';
import { issueForm, pressedMessage, submittedForm, type HomePress, type Press, type Submission } from '../controls.js';
import { queueHomes } from '../home/home-audience.js';

/**
 * Only the incoming person acknowledges, from the handoff's own post or reminder, or from their App Home; the post
 * is edited to say who and when. Pressing twice changes nothing.
 */
export async function acknowledgeHandoff(deps: UseCaseDeps, input: { handoffId: number; userId: string; press: Press | HomePress }): Promise<Result<Handoff, AppError>> {
  const { handoffId, userId } = input;
  const message = await pressedMessage(deps.store, input.press, ['handoff', 'home'], (m) => (m.kind === 'home' ? m.userId === userId : m.handoffId === handoffId));
  if (!message.ok) return message;
  const outcome = await deps.store.transaction(async (records): Promise<Result<Handoff, AppError>> => {
    const handoff = await records.getHandoff(handoffId);
    if (!handoff || handoff.postedAt === null) return err({ code: 'handoff_not_found' });
    if (handoff.incomingId !== userId) return err({ code: 'not_handoff_incoming', incomingId: handoff.incomingId });
    if (handoff.acknowledgedAt !== null) return ok(handoff);
    const now = deps.clock.now();
    await records.updateHandoff(handoff.id, { acknowledgedBy: userId, acknowledgedAt: now });
    records.happened({ kind: 'shift_handoff_acknowledged', rotation: handoff.rotation });
    await records.enqueue({ kind: 'refresh_handoff_message', handoffId: handoff.id, part: 'post' }, now);
    await queueHomes(records, { people: [userId], everyone: false }, now);
    return ok({ ...handoff, acknowledgedBy: userId, acknowledgedAt: now });
  });
  if (outcome.ok) deps.effectsQueued();
  return outcome;
}

/** The notes form, opened from the handoff's reminder DM, for its outgoing person only. */
export async function openHandoffNotesForm(
  deps: UseCaseDeps,
  input: { handoffId: number; userId: string; press: Press },
): Promise<Result<{ handoff: Handoff; token: string }, AppError>> {
  const message = await pressedMessage(deps.store, input.press, ['handoff'], (m) => m.handoffId === input.handoffId);
  if (!message.ok) return message;
  const handoff = await deps.store.getHandoff(input.handoffId);
  if (!handoff) return err({ code: 'handoff_not_found' });
  if (handoff.outgoingId !== input.userId) return err({ code: 'not_handoff_outgoing', outgoingId: handoff.outgoingId });
  return ok({ handoff, token: await issueForm(deps, { form: 'handoff_notes', userId: input.userId, handoffId: handoff.id }) });
}

/**
 * The outgoing person's notes for the incoming one, from the form the bot opened for them; the reminder (and the
 * post, if already out) show them.
 */
export async function writeHandoffNotes(deps: UseCaseDeps, submission: Submission, userId: string, notes: string): Promise<Result<Handoff, AppError>> {
  const form = await submittedForm(deps.store, submission, userId);
  if (!form.ok) return form;
  const handoffId = form.value.handoffId;
  if (handoffId === null) return err({ code: 'control_not_recognised', what: 'form' });
  const read = readHandoffNotes(notes);
  if (!read.ok) return read;
  const text = read.value;
  const outcome = await deps.store.transaction(async (records): Promise<Result<Handoff, AppError>> => {
    const handoff = await records.getHandoff(handoffId);
    if (!handoff) return err({ code: 'handoff_not_found' });
    if (handoff.outgoingId !== userId) return err({ code: 'not_handoff_outgoing', outgoingId: handoff.outgoingId });
    const now = deps.clock.now();
    await records.updateHandoff(handoff.id, { notes: text, notesBy: text === null ? null : userId });
    if (handoff.remindedAt !== null) await records.enqueue({ kind: 'refresh_handoff_message', handoffId: handoff.id, part: 'reminder' }, now);
    if (handoff.postedAt !== null) await records.enqueue({ kind: 'refresh_handoff_message', handoffId: handoff.id, part: 'post' }, now);
    return ok({ ...handoff, notes: text, notesBy: text === null ? null : userId });
  });
  if (outcome.ok) deps.effectsQueued();
  return outcome;
}
