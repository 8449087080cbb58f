import { readHandoffNotes, type Handoff } from '../../domain/oncall/handoff.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppError } from '../app-error.js';
import type { UseCaseDeps } from '../deps.js';

/** Only the incoming person acknowledges; the post is edited to say who and when. Pressing twice changes nothing. */
export async function acknowledgeHandoff(deps: UseCaseDeps, handoffId: number, userId: string): Promise<Result<Handoff, AppError>> {
  const outcome = await deps.store.transaction(async (records): Promise<Result<Handoff, AppError>> => {
    const handoff = await records.getHandoff(handoffId);
    if (!handoff || handoff.postedAt === null) return err({ code: 'handoff_not_found' });
    if (handoff.incomingId !== userId) return err({ code: 'not_handoff_incoming', incomingId: handoff.incomingId });
    if (handoff.acknowledgedAt !== null) return ok(handoff);
    const now = deps.clock.now();
    await records.updateHandoff(handoff.id, { acknowledgedBy: userId, acknowledgedAt: now });
    await records.enqueue({ kind: 'refresh_handoff_message', handoffId: handoff.id, part: 'post' }, now);
    return ok({ ...handoff, acknowledgedBy: userId, acknowledgedAt: now });
  });
  if (outcome.ok) deps.effectsQueued();
  return outcome;
}

/** The outgoing person's notes for the incoming one; the reminder (and the post, if already out) show them. */
export async function writeHandoffNotes(deps: UseCaseDeps, handoffId: number, userId: string, notes: string): Promise<Result<Handoff, AppError>> {
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
