/**
 * Error-budget arithmetic as the SRE workbook writes it ("Alerting on SLOs", chapter 5): an SLO of objective `o` over a
 * period allows an error ratio of `1 - o` (its error budget); the burn rate is how many times faster than that the
 * budget is being spent. Objectives are ratios (0.999), periods and windows milliseconds.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The error ratio an SLO allows: 0.001 for 99.9 %. */
export const errorBudget = (objective: number): number => 1 - objective;

/** How many times faster than the SLO allows the budget is spent: an error ratio of 1.44 % at 99.9 % burns at 14.4×. */
export function burnRate(errorRatio: number, objective: number): number {
  return errorRatio / errorBudget(objective);
}

/** The share of a period's budget spent over `windowMs` at a burn rate: 14.4× for an hour of 30 days is 2 %. */
export function budgetSpent(rate: number, windowMs: number, periodMs: number): number {
  return (rate * windowMs) / periodMs;
}

/** The burn rate that spends `share` of a period's budget within `windowMs`: the workbook's alert thresholds. */
export function burnRateSpending(share: number, windowMs: number, periodMs: number): number {
  return (share * periodMs) / windowMs;
}

/**
 * How long a whole period's budget lasts at this burn rate: 30 days at 14.4× is about 2.08 days. This is the workbook's
 * "time to exhaustion" and Pyrra's `exhaustion` label (`window / factor`): it does not depend on how much is left.
 */
export function exhaustionMs(rate: number, periodMs: number): number | null {
  return rate > 0 ? periodMs / rate : null;
}

/** What a tier asks of people: a page wakes someone, a ticket waits for working hours. */
export type SloTier = 'fast-page' | 'page' | 'slow-page' | 'ticket';

/** Fastest first: a group's tier is the first of these that fires. `page` is a page whose speed the labels do not tell. */
export const TIERS_FASTEST_FIRST: readonly SloTier[] = ['fast-page', 'page', 'slow-page', 'ticket'];

export const fastestTier = (tiers: Iterable<SloTier>): SloTier | null => {
  const present = new Set(tiers);
  return TIERS_FASTEST_FIRST.find((tier) => present.has(tier)) ?? null;
};

/** One multiwindow alert of the workbook: both windows above the rate that spends `share` of the budget in `long`. */
export interface BurnWindow {
  readonly tier: Exclude<SloTier, 'page'>;
  readonly longMs: number;
  readonly shortMs: number;
  /** The share of the period's budget spent over the long window when the alert fires. */
  readonly share: number;
}

/**
 * The workbook's recommended parameters (table 5-8), as Sloth generates them for 30 and 28 days
 * (`internal/alert/windows/google-30d.yaml`, `google-28d.yaml`) and Grafana SLO's fast- and slow-burn rules use them:
 * 2 % in 1 h and 5 % in 6 h page, 10 % in 1 d or in 3 d is a ticket.
 */
export const WORKBOOK_WINDOWS: readonly BurnWindow[] = [
  { tier: 'fast-page', longMs: HOUR_MS, shortMs: 5 * 60_000, share: 0.02 },
  { tier: 'slow-page', longMs: 6 * HOUR_MS, shortMs: 30 * 60_000, share: 0.05 },
  { tier: 'ticket', longMs: DAY_MS, shortMs: 2 * HOUR_MS, share: 0.1 },
  { tier: 'ticket', longMs: 3 * DAY_MS, shortMs: 6 * HOUR_MS, share: 0.1 },
];

/** A window's threshold for a period: 14.4, 6, 3, 1 for 30 days; 13.44, 5.6, 2.8, 0.93 for 28 days. */
export const thresholdOf = (window: BurnWindow, periodMs: number): number => burnRateSpending(window.share, window.longMs, periodMs);

/** The share of budget left when the SLI over the whole period is `availability`: 99.937 % at 99.9 % leaves 37 %. */
export function budgetLeftAt(availability: number, objective: number): number {
  return (availability - objective) / errorBudget(objective);
}
