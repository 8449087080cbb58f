import { readHandoffNotes, type Handoff } from '../../domain/oncall/handoff.js';
import { memberAt } from '../../domain/oncall/rotation.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppError } from '../app-error.js';
import type { UseCaseDeps } from '../deps.js';
import { raiseLeadHandoffs } from './raise-lead-handoffs.js';
import { EVERY_HOME, queueHomes } from '../home/home-audience.js';
import { changeableBy } from '../access.js';
import { chooseRotation, onCallFromRecord } from './rotations.js';

/**
 * `/incident handoff [rotation] [notes]`: hand the shift to the next member now. The rotation moves on from here
 * (the handoff is an anchor), so the next scheduled handoff passes to the member after.
 */
export async function startHandoff(
  deps: UseCaseDeps,
  input: { rotation: string | null; channelId: string; actorId: string; notes: string | null },
): Promise<Result<Handoff, AppError>> {
  const chosen = chooseRotation(deps, input.rotation, input.channelId);
  if (!chosen.ok) return chosen;
  const notes = input.notes === null ? ok(null) : readHandoffNotes(input.notes);
  if (!notes.ok) return notes;
  // Asked of Slack before the transaction: which private incidents the person handing over may invite someone into.
  const invitable = await changeableBy(deps, (await deps.store.listOpenIncidents()).filter((i) => i.isPrivate), input.actorId);
  const outcome = await deps.store.transaction(async (records): Promise<Result<Handoff, AppError>> => {
    const now = deps.clock.now();
    await records.trackRotation(chosen.value.rotation.name, now);
    const current = await onCallFromRecord(records, chosen.value, now, now);
    const shiftIndex = current.shift.shiftIndex + 1;
    const incomingId = memberAt(chosen.value.rotation, shiftIndex);
    if (incomingId === current.userId) return err({ code: 'handoff_to_self', userId: incomingId, rotation: chosen.value.rotation.name });
    // The person covering hands over too: their override ends here, or it would outrank the new shift.
    if (current.override) await records.endOverride(current.override.id, now);
    const handoff = await records.insertHandoff(
      {
        rotation: chosen.value.rotation.name,
        dueAt: now,
        trigger: 'manual',
        shiftIndex,
        outgoingId: current.userId,
        incomingId,
        late: false,
        notes: notes.value,
        notesBy: notes.value === null ? null : input.actorId,
        postedAt: now,
      },
      now,
    );
    await records.enqueue({ kind: 'post_handoff_message', handoffId: handoff.id, part: 'post' }, now);
    records.happened({ kind: 'shift_handoff_posted', rotation: handoff.rotation });
    await raiseLeadHandoffs(deps, records, { outgoingId: current.userId, incomingId }, new Set(invitable.map((i) => i.number)));
    await queueHomes(records, EVERY_HOME, now);
    return ok(handoff);
  });
  if (outcome.ok) deps.effectsQueued();
  return outcome;
}
