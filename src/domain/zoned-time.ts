/** Wall-clock dates in a configured IANA time zone, both ways. Pure: the zone and "now" are inputs. */
import { TZDate } from '@date-fns/tz';


interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second?: number;
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

/** A wall-clock time read in a zone; @date-fns/tz settles DST gaps and repeats (a skipped time moves forward). */
function instantOf(wall: WallClock, timeZone: string): Date {
  return new Date(new TZDate(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0, timeZone).getTime());
}

const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const realDay = (wall: WallClock): boolean => {
  // 2026-02-31 is not a day; Date would quietly roll it into March.
  const calendar = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  return calendar.getUTCMonth() === wall.month - 1 && calendar.getUTCDate() === wall.day && wall.hour <= 23 && wall.minute <= 59 && (wall.second ?? 0) <= 59;
};

/** `2026-11-02T10:00[:ss]` (a rotation's `start`) read as wall-clock time in `timeZone`; an invalid date is NaN. */
export function localTimeToInstant(local: string, timeZone: string): Date {
  const m = ISO_LOCAL.exec(local);
  if (!m) return new Date(Number.NaN);
  const wall: WallClock = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? 0) };
  return realDay(wall) ? instantOf(wall, timeZone) : new Date(Number.NaN);
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
  if (!realDay(wall)) return null;
  const at = instantOf(wall, timeZone);
  // A bare time later than now means yesterday (the same wall-clock time, whatever DST did overnight).
  if (timeOnly && at.getTime() > now.getTime()) return instantOf({ ...wall, day: wall.day - 1 }, timeZone);
  return at;
}
