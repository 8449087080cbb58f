/**
 * "Fast-forward 15 minutes" moves the playground clock, not the bot: the bot's one-second scheduler tick reads the
 * clock and finds whatever came due. A jump straight to the end would have the bot do everything due on the way at
 * once, at the end, stamped late (a handoff due at 6:31 posted at 6:41). So the clock goes from one piece of due work
 * to the next, in order: it stands at the due time while the scheduler looks and the bot tells Slack (the playground's
 * own slowness is no time on the bot's clock), and moves to the next only once the bot is done.
 */
import type { Store } from '../../src/app/ports.js';
import { nextRotationStepAt } from '../../src/domain/oncall/handoff.js';
import type { Rotation } from '../../src/domain/oncall/rotation.js';
import { cronSchedule } from '../../src/domain/oncall/schedule.js';
import type { OffsetClock } from '../offset-clock.js';

type ScheduleRecords = Pick<Store, 'nextJobDueAt' | 'latestHandoff' | 'lastPostedHandoff' | 'trackRotation'>;

/**
 * When the bot next has scheduled work: a stored job (a prompt, a nudge, a lead handoff reminder) or a step of a
 * rotation (a shift reminder, a handoff, an acknowledgement reminder). At or before now: due now; null: nothing.
 */
export async function nextDueWork(store: ScheduleRecords, rotations: readonly Rotation[], now: Date): Promise<number | null> {
  const times: number[] = [];
  const job = await store.nextJobDueAt();
  if (job !== null) times.push(job.getTime());
  for (const rotation of rotations) {
    const state = {
      latest: (await store.latestHandoff(rotation.name)) ?? null,
      lastPosted: (await store.lastPostedHandoff(rotation.name)) ?? null,
      trackedSince: await store.trackRotation(rotation.name, now),
    };
    const at = nextRotationStepAt(rotation, cronSchedule(rotation.handoffCron, rotation.timezone), state);
    if (at !== null) times.push(at.getTime());
  }
  return times.length === 0 ? null : Math.min(...times);
}

export interface FastForwardDeps {
  readonly clock: OffsetClock;
  /** See `nextDueWork`. */
  readonly nextDueAt: () => Promise<number | null>;
  /** Resolves once the bot's scheduler has looked again (a look begun after the call). */
  readonly ticked: () => Promise<void>;
  /** Resolves once the bot has told Slack everything it has to say now. */
  readonly settled: () => Promise<void>;
  /** how long to wait for the bot at one stop before moving on anyway */
  readonly stopTimeoutMs: number;
  readonly onStuck: (dueAt: number) => void;
}

/** More stops than any jump of the playground's has; a bound in case work keeps falling due at once. */
const MAX_STOPS = 200;

/**
 * How long (real time) the clock stands still for the bot's posts. A post that must wait its turn (Slack's pacing,
 * a 429) waits on the bot's clock, so past this the clock runs on and that post goes out a little later, as it would.
 */
const HOLD_WHILE_POSTING_MS = 2_000;

const within = (work: Promise<void>, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void work.then(
      () => resolve(true),
      () => resolve(false),
    ).finally(() => clearTimeout(timer));
  });

/** Ends `byMs` further ahead of real time than it started, whatever real time the stops took. */
export async function fastForward(deps: FastForwardDeps, byMs: number): Promise<void> {
  const target = deps.clock.nowMs() + byMs;
  const aheadAfter = deps.clock.offsetMs + byMs;
  let previous: number | null = null;
  for (let stop = 0; stop < MAX_STOPS; stop += 1) {
    const due = await deps.nextDueAt();
    if (due === null || due > target) break;
    // Still due after the bot's look at it: the bot is not doing it now; the rest of the jump goes on without it.
    if (due === previous) {
      deps.onStuck(due);
      break;
    }
    previous = due;
    deps.clock.hold(due);
    let looked = false;
    try {
      looked = await within(deps.ticked(), deps.stopTimeoutMs);
      if (looked) await within(deps.settled(), HOLD_WHILE_POSTING_MS);
    } finally {
      deps.clock.release();
    }
    if (!looked || !(await within(deps.settled(), deps.stopTimeoutMs))) {
      deps.onStuck(due);
      break;
    }
  }
  deps.clock.runAhead(aheadAfter);
}
