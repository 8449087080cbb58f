import { err, ok, type Result } from './result.js';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses `30s`, `15m`, `2h`, `1d` (or combinations like `1h30m`) into milliseconds. */
export function parseDuration(text: string): Result<number, { code: 'invalid_duration'; input: string }> {
  const trimmed = text.trim().toLowerCase();
  const pattern = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
  const match = pattern.exec(trimmed);
  if (!match || trimmed === '') return err({ code: 'invalid_duration', input: text });
  const [, d, h, m, s] = match;
  const ms =
    Number(d ?? 0) * UNIT_MS.d + Number(h ?? 0) * UNIT_MS.h + Number(m ?? 0) * UNIT_MS.m + Number(s ?? 0) * UNIT_MS.s;
  if (ms <= 0) return err({ code: 'invalid_duration', input: text });
  return ok(ms);
}

/** Compact human duration, largest two units: `2h 5m`, `45s`, `3d 4h`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const parts: Array<[number, string]> = [
    [Math.floor(total / 86_400), 'd'],
    [Math.floor((total % 86_400) / 3_600), 'h'],
    [Math.floor((total % 3_600) / 60), 'm'],
    [total % 60, 's'],
  ];
  const nonZero = parts.filter(([value]) => value > 0).slice(0, 2);
  if (nonZero.length === 0) return '0s';
  return nonZero.map(([value, unit]) => `${value}${unit}`).join(' ');
}
