import { nextRotationStep, type RotationStep } from '../../domain/oncall/handoff.js';
import type { Rotation } from '../../domain/oncall/rotation.js';
import type { UseCaseDeps } from '../deps.js';
import type { IncidentRecords } from '../ports.js';
import { raiseLeadHandoffs } from './raise-lead-handoffs.js';
import { EVERY_HOME, queueHomes } from '../home/home-audience.js';
import { handoffPeople, scheduleOf, type RotationChoice } from './rotations.js';

export interface RotationRunReport {
  readonly reminded: number;
  readonly posted: number;
  readonly ackReminded: number;
}

/** A step of a rotation, applied with its Slack effects in one transaction (the handoff row is the run-once mark). */
async function apply(deps: UseCaseDeps, records: IncidentRecords, choice: RotationChoice, step: Exclude<RotationStep, { kind: 'idle' }>): Promise<void> {
  const now = deps.clock.now();
  const name = choice.rotation.name;
  switch (step.kind) {
    case 'remind': {
      const people = await handoffPeople(records, choice, step.dueAt, now);
      const handoff = await records.insertHandoff(
        { rotation: name, dueAt: step.dueAt, trigger: 'scheduled', late: false, notes: null, notesBy: null, remindedAt: now, ...people },
        now,
      );
      await records.enqueue({ kind: 'post_handoff_message', handoffId: handoff.id, part: 'reminder' }, now);
      return;
    }
    case 'post': {
      if (step.skip) await records.updateHandoff(step.skip.id, { skipped: true });
      const { outgoingId, incomingId, shiftIndex } = await handoffPeople(records, choice, step.dueAt, now);
      let id = step.record?.id;
      if (id === undefined) {
        // Notes written before a superseded handoff still belong to the person handing over.
        const notes = step.skip?.outgoingId === outgoingId ? { notes: step.skip.notes, notesBy: step.skip.notesBy } : { notes: null, notesBy: null };
        const handoff = await records.insertHandoff({ rotation: name, dueAt: step.dueAt, trigger: 'scheduled', late: step.late, outgoingId, incomingId, shiftIndex, postedAt: now, ...notes }, now);
        id = handoff.id;
      } else {
        await records.updateHandoff(id, { outgoingId, incomingId, shiftIndex, late: step.late, postedAt: now });
        await records.enqueue({ kind: 'refresh_handoff_message', handoffId: id, part: 'reminder' }, now);
      }
      await records.enqueue({ kind: 'post_handoff_message', handoffId: id, part: 'post' }, now);
      records.happened({ kind: 'shift_handoff_posted', rotation: name });
      await raiseLeadHandoffs(deps, records, { outgoingId, incomingId });
      // The incoming person's Home also waits for the acknowledgement.
      await queueHomes(records, EVERY_HOME, now);
      return;
    }
    case 'remind_ack': {
      await records.updateHandoff(step.record.id, { ackRemindedAt: now });
      records.happened({ kind: 'shift_handoff_late', rotation: name });
      await records.enqueue({ kind: 'post_handoff_message', handoffId: step.record.id, part: 'ack_reminder_incoming' }, now);
      await records.enqueue({ kind: 'post_handoff_message', handoffId: step.record.id, part: 'ack_reminder_outgoing' }, now);
      return;
    }
  }
}

/**
 * The on-call half of the scheduler tick: for each rotation, do whatever its stored handoffs say is due (reminder
 * before a handoff, the handoff post, the acknowledgement reminder), each step in its own transaction.
 */
export async function runRotations(deps: UseCaseDeps): Promise<RotationRunReport> {
  const report = { reminded: 0, posted: 0, ackReminded: 0 };
  for (const rotation of deps.oncall.rotations) await runRotation(deps, rotation, report);
  return report;
}

async function runRotation(deps: UseCaseDeps, rotation: Rotation, report: { reminded: number; posted: number; ackReminded: number }): Promise<void> {
  const choice = { rotation, schedule: scheduleOf(deps, rotation) };
  // A handful of steps per tick at most (e.g. post, then its ack reminder after downtime); the rest waits a second.
  for (let i = 0; i < 4; i += 1) {
    const kind = await deps.store.transaction(async (records) => {
      const now = deps.clock.now();
      // Another replica is stepping this rotation right now: it takes the step, this one looks again next tick.
      const trackedSince = await records.claimRotation(rotation.name, now);
      if (trackedSince === null) return 'idle';
      const latest = (await records.latestHandoff(rotation.name)) ?? null;
      const lastPosted = (await records.lastPostedHandoff(rotation.name)) ?? null;
      const step = nextRotationStep(rotation, choice.schedule, { latest, lastPosted, trackedSince }, now);
      if (step.kind !== 'idle') await apply(deps, records, choice, step);
      return step.kind;
    });
    if (kind === 'idle') return;
    deps.effectsQueued();
    if (kind === 'remind') report.reminded += 1;
    else if (kind === 'post') report.posted += 1;
    else report.ackReminded += 1;
  }
}
