import type { Milestones } from '../incident.js';

export type MilestoneName = keyof Milestones;

/**
 * The four durations of a postmortem, each between two named milestones and nothing else. A missing milestone makes
 * the duration unknown: it is never estimated from a neighbour.
 */
export const DURATIONS = [
  { id: 'detect', from: 'impactStartedAt', to: 'detectedAt' },
  { id: 'acknowledge', from: 'detectedAt', to: 'acknowledgedAt' },
  { id: 'mitigate', from: 'detectedAt', to: 'mitigatedAt' },
  { id: 'resolve', from: 'detectedAt', to: 'resolvedAt' },
] as const satisfies ReadonlyArray<{ id: string; from: MilestoneName; to: MilestoneName }>;

export type DurationId = (typeof DURATIONS)[number]['id'];

export interface MeasuredDuration {
  readonly id: DurationId;
  readonly from: MilestoneName;
  readonly to: MilestoneName;
  /** Null when either milestone is missing. Negative when the end came first (e.g. detected before impact). */
  readonly ms: number | null;
}

export function measureDurations(milestones: Milestones): MeasuredDuration[] {
  return DURATIONS.map(({ id, from, to }) => {
    const start = milestones[from];
    const end = milestones[to];
    return { id, from, to, ms: start === null || end === null ? null : end.getTime() - start.getTime() };
  });
}
