import { Cron } from 'croner';

/** When a rotation's handoffs happen: the occurrences of its cron expression in its own time zone. */
export interface HandoffSchedule {
  /** The first handoff strictly after `after`, or null if the expression never fires again. */
  next(after: Date): Date | null;
}

/**
 * croner does the calendar arithmetic (seconds field, names like MON, DST: a time skipped by the spring change fires
 * at the first valid instant after it, a time repeated in autumn fires once).
 */
export function cronSchedule(expression: string, timezone: string): HandoffSchedule {
  const cron = new Cron(expression, { timezone, paused: true });
  return { next: (after) => cron.nextRun(after) };
}

/** Null when croner cannot read the expression; the message says why (for config errors). */
export function cronProblem(expression: string, timezone: string): string | null {
  try {
    new Cron(expression, { timezone, paused: true }).stop();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export { localTimeToInstant } from '../zoned-time.js';
