import { describe, expect, it } from 'vitest';
import { formatZoned, parseLocalDateTime } from './zoned-time.js';

describe('dates in the configured time zone', () => {
  const at = new Date('2026-11-23T05:05:30Z');

  it.each([
    ['Asia/Seoul', '2026-11-23 14:05 +09:00'],
    ['UTC', '2026-11-23 05:05 UTC'],
    ['Europe/London', '2026-11-23 05:05 +00:00'],
    ['America/St_Johns', '2026-11-23 01:35 -03:30'],
  ])('writes full dates with the offset: %s', (zone, text) => {
    expect(formatZoned(at, zone)).toBe(text);
  });

  it('reads a bare time as the latest such time not after now, and a full date as given, in the zone', () => {
    expect(parseLocalDateTime('14:05', 'Asia/Seoul', at)?.toISOString()).toBe('2026-11-23T05:05:00.000Z');
    expect(parseLocalDateTime('14:06', 'Asia/Seoul', at)?.toISOString()).toBe('2026-11-22T05:06:00.000Z');
    expect(parseLocalDateTime(' 2026-11-22 23:59 ', 'Asia/Seoul', at)?.toISOString()).toBe('2026-11-22T14:59:00.000Z');
    expect(parseLocalDateTime('2026-11-22T09:00', 'UTC', at)?.toISOString()).toBe('2026-11-22T09:00:00.000Z');
  });

  it('gets the offset right on both sides of a DST change', () => {
    expect(parseLocalDateTime('2026-03-29 01:30', 'Europe/Berlin', at)?.toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(parseLocalDateTime('2026-03-29 03:30', 'Europe/Berlin', at)?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it.each(['yesterday', '25:00', '14:60', '2026-02-30 10:00', '2026-13-01 10:00', '1405', ''])('refuses %j', (text) => {
    expect(parseLocalDateTime(text, 'UTC', at)).toBeNull();
  });
});
