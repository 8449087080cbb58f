import { TZDate } from '@date-fns/tz';
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

/** `2026-11-02T10:00` read as a wall-clock time in `timezone`. */
export function localTimeToInstant(local: string, timezone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) return new Date(Number.NaN);
  const [, y = 0, mo = 1, d = 1, h = 0, mi = 0, s] = match.map(Number);
  const calendar = new Date(Date.UTC(y, mo - 1, d));
  // 2026-02-31 is not a day; Date would quietly roll it into March.
  if (calendar.getUTCMonth() !== mo - 1 || calendar.getUTCDate() !== d || h > 23 || mi > 59) return new Date(Number.NaN);
  return new Date(new TZDate(y, mo - 1, d, h, mi, s === undefined || Number.isNaN(s) ? 0 : s, timezone).getTime());
}
