/** Wall-clock dates in a configured IANA time zone, both ways. Pure: the zone and "now" are inputs. */

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function partsOf(date: Date, timeZone: string): WallClock & { offset: string } {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) parts[part.type] = part.value;
  // `longOffset` reads "GMT+09:00", or just "GMT" at offset zero.
  const offset = (parts.timeZoneName ?? 'GMT').replace(/^GMT/, '') || '+00:00';
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), offset };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2026-11-23 14:05 +09:00` (or `… UTC` when the zone is UTC): a full date nobody has to convert in their head. */
export function formatZoned(date: Date, timeZone: string): string {
  const p = partsOf(date, timeZone);
  const suffix = timeZone === 'UTC' || timeZone === 'Etc/UTC' ? 'UTC' : p.offset;
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)} ${suffix}`;
}

/** One zone's formatter for many dates: a text is per minute (offsets change on minute boundaries), so reuse it. */
export function zonedFormatter(timeZone: string): (date: Date) => string {
  const byMinute = new Map<number, string>();
  return (date) => {
    const minute = Math.floor(date.getTime() / 60_000);
    let text = byMinute.get(minute);
    if (text === undefined) {
      text = formatZoned(date, timeZone);
      byMinute.set(minute, text);
    }
    return text;
  };
}

/** Minutes the zone is ahead of UTC at that instant. */
function offsetMinutes(date: Date, timeZone: string): number {
  const p = partsOf(date, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(date.getTime() / 60_000) * 60_000) / 60_000);
}

function instantOf(wall: WallClock, timeZone: string): Date {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // Two passes settle the offset even when the first guess lands on the other side of a DST change.
  let guess = naive - offsetMinutes(new Date(naive), timeZone) * 60_000;
  guess = naive - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/;
const TIME_ONLY = /^(\d{1,2}):(\d{2})$/;

/**
 * What a responder types for "when did impact start": `14:05` (the latest such time not after now) or
 * `2026-11-23 14:05`, read in the configured zone. Null when it is not one of those or not a real time.
 */
export function parseLocalDateTime(text: string, timeZone: string, now: Date): Date | null {
  const trimmed = text.trim();
  const full = DATE_TIME.exec(trimmed);
  const timeOnly = full ? null : TIME_ONLY.exec(trimmed);
  if (!full && !timeOnly) return null;
  const today = partsOf(now, timeZone);
  const wall: WallClock = full
    ? { year: Number(full[1]), month: Number(full[2]), day: Number(full[3]), hour: Number(full[4]), minute: Number(full[5]) }
    : { year: today.year, month: today.month, day: today.day, hour: Number(timeOnly?.[1]), minute: Number(timeOnly?.[2]) };
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > 31 || wall.hour > 23 || wall.minute > 59) return null;
  // Reject dates that roll over (Feb 30th): the calendar must give back the same day.
  const calendar = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  if (calendar.getUTCDate() !== wall.day) return null;
  const at = instantOf(wall, timeZone);
  if (timeOnly && at.getTime() > now.getTime()) return new Date(at.getTime() - 86_400_000);
  return at;
}
