/**
 * What an attachment colour says. Tools name it (`danger`, `good`, `warning`) or pick their own hex (Sentry #FA4747,
 * Argo CD #E96D76, Grafana #D63232, GitHub #cb2431 …), so hex colours are read by hue rather than from a list.
 */
export type ColourMeaning = 'red' | 'amber' | 'green' | 'blue' | 'grey';

const NAMED: Readonly<Record<string, ColourMeaning>> = { danger: 'red', good: 'green', warning: 'amber' };

function hueSaturationLightness(hex: string): { h: number; s: number; l: number } | null {
  const digits = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex.trim())?.[1];
  if (!digits) return null;
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, s: 0, l };
  const s = d / (1 - Math.abs(2 * l - 1));
  const h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { h: h * 60, s, l };
}

/** `danger`, `#FA4747`, `#e96d76` → red; `good`, `#36a64f` → green; `warning`, `#f4c030` → amber; null when none. */
export function colourMeaning(colour: string): ColourMeaning | null {
  const named = NAMED[colour.trim().toLowerCase()];
  if (named) return named;
  const hsl = hueSaturationLightness(colour);
  if (!hsl) return null;
  const { h, s, l } = hsl;
  if (s < 0.25 || l < 0.12 || l > 0.92) return 'grey';
  if (h >= 335 || h < 15) return 'red';
  if (h < 65) return 'amber';
  if (h < 170) return 'green';
  if (h < 260) return 'blue';
  // Purples and magentas say nothing a reader agrees on.
  return null;
}
