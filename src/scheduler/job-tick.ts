import { schedule, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';

/**
 * The scheduler's heartbeat: every second, run whatever the durable job table says is due. One second because
 * cadences go down to seconds for game days and tests, and a due-job query on an index costs well under a
 * millisecond. The table, not this timer, is the source of truth: a restart loses nothing.
 */
export const TICK_EVERY_SECOND = '* * * * * *';

export interface JobTick {
  /** Resolves once `count` more ticks have run to their end, each begun after this call (tests wait on it). */
  ticked(count: number): Promise<void>;
  stop(): Promise<void>;
}

export function startJobTick(runDue: () => Promise<unknown>, log: Logger, expression = TICK_EVERY_SECOND): JobTick {
  let current: Promise<unknown> = Promise.resolve();
  let running = false;
  let finished = 0;
  const waiting: { at: number; resolve: () => void }[] = [];
  const tick = (): Promise<unknown> => {
    running = true;
    current = runDue()
      .catch((error: unknown) => log.error({ err: error }, 'scheduled jobs failed; will retry next tick'))
      .finally(() => {
        running = false;
        finished += 1;
        for (const waiter of waiting.filter((w) => w.at <= finished)) {
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.resolve();
        }
      });
    return current;
  };
  const task: ScheduledTask = schedule(expression, tick, { name: 'incident-bot-jobs', noOverlap: true, suppressMissedWarning: true });
  // Work that fell due while the bot was down runs now, not at the next tick.
  void tick();
  return {
    ticked(count) {
      // A tick under way began before this call: it does not count.
      return new Promise((resolve) => waiting.push({ at: finished + count + (running ? 1 : 0), resolve }));
    },
    async stop() {
      await task.stop();
      await task.destroy();
      await current;
      for (const waiter of waiting.splice(0)) waiter.resolve();
    },
  };
}
