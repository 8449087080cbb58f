import { onCallAt, type OnCall, type Rotation } from '../../domain/oncall/rotation.js';
import { cronSchedule, type HandoffSchedule } from '../../domain/oncall/schedule.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppError } from '../app-error.js';
import type { OncallConfig, UseCaseDeps } from '../deps.js';
import type { IncidentRecords } from '../ports.js';

export interface RotationChoice {
  readonly rotation: Rotation;
  readonly schedule: HandoffSchedule;
}

export function oncallConfig(rotations: readonly Rotation[]): OncallConfig {
  return { rotations, schedules: new Map(rotations.map((r) => [r.name, cronSchedule(r.handoffCron, r.timezone)])) };
}

export function scheduleOf(deps: Pick<UseCaseDeps, 'oncall'>, rotation: Rotation): HandoffSchedule {
  const schedule = deps.oncall.schedules.get(rotation.name);
  if (!schedule) throw new Error(`rotation ${rotation.name} has no schedule`);
  return schedule;
}

/** The rotation a command means: named, else the one whose channel it was run in, else the only one. */
export function chooseRotation(deps: UseCaseDeps, name: string | null, channelId: string): Result<RotationChoice, AppError> {
  const { rotations } = deps.oncall;
  if (rotations.length === 0) return err({ code: 'no_rotations' });
  const names = rotations.map((r) => r.name);
  const found =
    name !== null
      ? rotations.find((r) => r.name.toLowerCase() === name.toLowerCase())
      : (rotations.find((r) => r.channelId === channelId) ?? (rotations.length === 1 ? rotations[0] : undefined));
  return found ? ok({ rotation: found, schedule: scheduleOf(deps, found) }) : err({ code: 'which_rotation', input: name, names });
}

/** Who is on call at `at`, and the shift index behind it, from the stored handoffs and overrides. */
export async function onCallFromRecord(records: IncidentRecords, choice: RotationChoice, at: Date, now: Date): Promise<OnCall> {
  const anchor = await records.shiftAnchor(choice.rotation.name, at);
  return onCallAt(choice.rotation, choice.schedule, anchor, await records.activeOverrides(choice.rotation.name, now), at);
}

/** Outgoing and incoming people of a scheduled handoff at `dueAt`, and the incoming shift's index. */
export async function handoffPeople(records: IncidentRecords, choice: RotationChoice, dueAt: Date, now: Date) {
  const before = new Date(dueAt.getTime() - 1);
  const anchor = await records.shiftAnchor(choice.rotation.name, before);
  const overrides = await records.activeOverrides(choice.rotation.name, before.getTime() < now.getTime() ? before : now);
  const outgoing = onCallAt(choice.rotation, choice.schedule, anchor, overrides, before);
  const incoming = onCallAt(choice.rotation, choice.schedule, anchor, overrides, dueAt);
  return { outgoingId: outgoing.userId, incomingId: incoming.userId, shiftIndex: incoming.shift.shiftIndex };
}
