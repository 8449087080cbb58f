/**
 * "Fast-forward 15 minutes" moves the playground clock, not the bot: the bot's one-second scheduler tick reads the
 * clock and finds whatever came due. A jump straight over a shift handoff would make the bot post it late (as after
 * downtime) and skip its reminder, so the clock stops at each reminder and handoff on the way and waits until the
 * bot has posted it, as it would have happened in real time. (Recorded is not enough: a post still in flight when the
 * clock jumps minutes ahead outlives its outbox lease, and another delivery worker takes the row over.)
 */
import type { Store } from '../../src/app/ports.js';
import type { Rotation } from '../../src/domain/oncall/rotation.js';
import { cronSchedule } from '../../src/domain/oncall/schedule.js';
import type { OffsetClock } from '../offset-clock.js';

export interface ClockStop {
  readonly at: number;
  readonly what: string;
  /** true once the bot has done what was due at `at` */
  readonly done: () => Promise<boolean>;
}

/** The handoff reminders and handoffs of every rotation that fall after `from` and no later than `to`. */
export function rotationStops(rotations: readonly Rotation[], store: Pick<Store, 'latestHandoff' | 'lastPostedHandoff' | 'handoffMessage'>, from: number, to: number): ClockStop[] {
  const inSlack = async (handoffId: number, part: 'reminder' | 'post'): Promise<boolean> => ((await store.handoffMessage(handoffId, part))?.ts ?? null) !== null;
  const stops: ClockStop[] = [];
  for (const rotation of rotations) {
    const schedule = cronSchedule(rotation.handoffCron, rotation.timezone);
    for (let due = schedule.next(new Date(from)); due !== null && due.getTime() - rotation.remindBeforeMs <= to; due = schedule.next(due)) {
      const dueAt = due.getTime();
      const remindAt = dueAt - rotation.remindBeforeMs;
      if (rotation.remindBeforeMs > 0 && remindAt > from) {
        stops.push({
          at: remindAt,
          what: `${rotation.name} handoff reminder`,
          done: async () => {
            const latest = await store.latestHandoff(rotation.name);
            return latest !== undefined && latest.dueAt.getTime() >= dueAt && latest.remindedAt !== null && (await inSlack(latest.id, 'reminder'));
          },
        });
      }
      if (dueAt <= to) {
        stops.push({
          at: dueAt,
          what: `${rotation.name} handoff`,
          done: async () => {
            const posted = await store.lastPostedHandoff(rotation.name);
            return posted !== undefined && posted.dueAt.getTime() >= dueAt && (await inSlack(posted.id, 'post'));
          },
        });
      }
    }
  }
  return stops.sort((a, b) => a.at - b.at);
}

export interface FastForwardDeps {
  readonly clock: OffsetClock;
  readonly stops: (from: number, to: number) => ClockStop[];
  /** how long to wait for the bot at one stop before moving on anyway */
  readonly stopTimeoutMs: number;
  readonly onStuck: (stop: ClockStop) => void;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Ends `byMs` further ahead of real time than it started, whatever real time the stops took. */
export async function fastForward(deps: FastForwardDeps, byMs: number): Promise<void> {
  const from = deps.clock.nowMs();
  const target = from + byMs;
  const aheadAfter = deps.clock.offsetMs + byMs;
  for (const stop of deps.stops(from, target)) {
    deps.clock.advanceTo(stop.at);
    const deadline = Date.now() + deps.stopTimeoutMs;
    while (!(await stop.done())) {
      if (Date.now() > deadline) {
        deps.onStuck(stop);
        break;
      }
      await pause(100);
    }
  }
  deps.clock.runAhead(aheadAfter);
}
