import type { AppConfig } from '../../src/config.js';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A rotation in `channel` whose one handoff in the test falls `inMs` from now: a daily seconds-level cron at that
 * UTC second, started a minute ago so `members[0]` is on call until then and `members[1]` after.
 */
export function rotationDueIn(
  inMs: number,
  remindBefore: number,
  ackTimeout: number,
  channel: string,
  members: readonly [string, string],
): { config: Partial<AppConfig>; dueAt: number } {
  const due = new Date(Math.ceil((Date.now() + inMs) / 1000) * 1000);
  const start = new Date(Date.now() - 60_000);
  const startLocal = `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}-${pad(start.getUTCDate())}T${pad(start.getUTCHours())}:${pad(start.getUTCMinutes())}`;
  const rotation = {
    name: 'platform',
    channel,
    timezone: 'UTC',
    members: [...members],
    start: startLocal,
    handoffCron: `${due.getUTCSeconds()} ${due.getUTCMinutes()} ${due.getUTCHours()} * * *`,
    remindBefore,
    ackTimeout,
  };
  return { config: { oncall: { rotations: [rotation] } }, dueAt: due.getTime() };
}
