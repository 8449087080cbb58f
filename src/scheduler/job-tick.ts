import { schedule, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';

/**
 * The scheduler's heartbeat: every second, run whatever the durable job table says is due. One second because
 * cadences go down to seconds for game days and tests, and a due-job query on an index costs well under a
 * millisecond. The table, not this timer, is the source of truth: a restart loses nothing.
 */
export const TICK_EVERY_SECOND = '* * * * * *';

export function startJobTick(runDue: () => Promise<unknown>, log: Logger, expression = TICK_EVERY_SECOND): { stop(): Promise<void> } {
  let current: Promise<unknown> = Promise.resolve();
  const tick = (): Promise<unknown> => {
    current = runDue().catch((error: unknown) => log.error({ err: error }, 'scheduled jobs failed; will retry next tick'));
    return current;
  };
  const task: ScheduledTask = schedule(expression, tick, { name: 'incident-bot-jobs', noOverlap: true, suppressMissedWarning: true });
  // Work that fell due while the bot was down runs now, not at the next tick.
  void tick();
  return {
    async stop() {
      await task.stop();
      await task.destroy();
      await current;
    },
  };
}
