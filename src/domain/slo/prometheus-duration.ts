/**
 * Durations as Prometheus writes them (`model.Duration`): `5m`, `1h4m`, `2d`, `2w`, `4w`, `1y`, `500ms`. Generators put
 * these in alert labels (Pyrra's `long`, `short`, `exhaustion`) and in rule names (`…:burnrate1h4m`).
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  y: 365 * 86_400_000,
  w: 7 * 86_400_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
};

const WHOLE = /^(?:\d+(?:y|w|d|h|ms|m|s))+$/;
const PART = /(\d+)(y|w|d|h|ms|m|s)/g;

/** Milliseconds, or null when the text is not a Prometheus duration. */
export function parsePrometheusDuration(text: string): number | null {
  const trimmed = text.trim();
  if (!WHOLE.test(trimmed)) return null;
  let ms = 0;
  for (const [, value, unit] of trimmed.matchAll(PART)) ms += Number(value) * (UNIT_MS[unit ?? ''] ?? 0);
  return ms > 0 ? ms : null;
}

/** `1h`, `6h`, `30m`, `1d`: as Prometheus writes a duration, largest units first (`1h4m`). */
export function formatPrometheusDuration(ms: number): string {
  let left = Math.round(ms);
  const parts: string[] = [];
  for (const unit of ['y', 'w', 'd', 'h', 'm', 's', 'ms']) {
    const size = UNIT_MS[unit] ?? 1;
    const count = Math.floor(left / size);
    if (count > 0) {
      parts.push(`${count}${unit}`);
      left -= count * size;
    }
  }
  return parts.length === 0 ? '0s' : parts.join('');
}
