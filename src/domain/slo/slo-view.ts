/**
 * What the bot says about one SLO's group: its objective and window, the fastest tier firing, how fast the budget burns,
 * how much is left, how long a budget lasts at that rate, and the severity that suggests. Numbers come from Prometheus
 * when it answered, else from the alerts' labels, else from the configured SLO.
 */
import type { Labels } from '../alerts/alert.js';
import { budgetLeftAt, burnRate, DAY_MS, exhaustionMs, fastestTier, HOUR_MS, thresholdOf, TIERS_FASTEST_FIRST, WORKBOOK_WINDOWS, type SloTier } from './burn-rate.js';
import { definitionFor, type SloDefinition } from './definition.js';
import { sloAlertOf, type SloAlert, type SloGenerator } from './slo-alert.js';
import { suggestSeverity, type SloSeverityPolicy, type SloSuggestion } from './suggestion.js';

/** What Prometheus records for one SLO now (the series Sloth and Pyrra write), as read by the adapter. */
export interface BudgetReading {
  readonly objective: number | null;
  readonly periodMs: number | null;
  /** Sloth's `slo:period_error_budget_remaining:ratio`. */
  readonly budgetLeft: number | null;
  /** Pyrra's `pyrra_availability` (the SLI over the whole window), from which the budget left follows. */
  readonly availability: number | null;
  /** Error ratio by window (ms), the worst series of each. */
  readonly errorRatios: ReadonlyMap<number, number>;
}

/** One alert of the group, as its latest report left it. */
export interface SloAlertState {
  readonly alert: { readonly name: string; readonly labels: Labels; readonly annotations: Labels };
  readonly firing: boolean;
}

export interface SloBurn {
  /** Times the rate the SLO allows. */
  readonly rate: number;
  /** The window it is measured over (the tier's long window); null when not known. */
  readonly windowMs: number | null;
  /** True when only the alert's threshold is known: the burn is at least this. */
  readonly atLeast: boolean;
}

export interface SloView {
  readonly generator: SloGenerator;
  readonly id: string;
  readonly title: string;
  readonly service: string | null;
  readonly objective: number | null;
  readonly periodMs: number | null;
  /** The fastest tier firing; null when none fires (or the labels do not say). */
  readonly tier: SloTier | null;
  /** Tiers that fired in this group and fire no more while a slower one still does. */
  readonly quietTiers: readonly SloTier[];
  readonly burn: SloBurn | null;
  readonly budgetLeft: number | null;
  /** How long a whole budget lasts at this burn (the workbook's time to exhaustion). */
  readonly exhaustionMs: number | null;
  readonly suggestion: SloSuggestion | null;
  /** True when Prometheus answered: the numbers are measured, not read off the alert. */
  readonly measured: boolean;
}

const THIRTY_DAYS = 30 * DAY_MS;

/** The long window a tier is measured over (the workbook's; a page of unknown speed by the fast one's). */
function windowsOf(tier: SloTier): { longMs: number } {
  const window = WORKBOOK_WINDOWS.find((w) => w.tier === (tier === 'page' ? 'fast-page' : tier));
  return { longMs: window?.longMs ?? HOUR_MS };
}

/**
 * A page whose speed the labels do not tell (Sloth joins its two page windows in one alert, Grafana SLO too), told by
 * the burn Prometheus measures over the workbook's windows: fast when both 1 h and 5 m are above the fast threshold,
 * slow when both 6 h and 30 m are above the slow one. An alert whose labels name no tier at all (a notification that
 * joins two tiers keeps only their common labels) gets the fastest tier the measured burn meets.
 */
function refinedTier(tier: SloTier | null, rateOver: (ms: number) => number | null, periodMs: number): SloTier | null {
  if (tier !== 'page' && tier !== null) return tier;
  for (const window of WORKBOOK_WINDOWS.filter((w) => tier === null || w.tier !== 'ticket')) {
    const threshold = thresholdOf(window, periodMs);
    const long = rateOver(window.longMs);
    const short = rateOver(window.shortMs);
    if (long !== null && short !== null && long >= threshold && short >= threshold) return window.tier;
  }
  return tier;
}

export interface SloViewInput {
  readonly alerts: readonly SloAlertState[];
  readonly reading: BudgetReading | null;
  readonly definitions: readonly SloDefinition[];
  readonly policy: SloSeverityPolicy;
}

/** The view of a group's SLO alerts, or null when none of them is an SLO alert. */
export function describeSlo({ alerts, reading, definitions, policy }: SloViewInput): SloView | null {
  const read = alerts.flatMap((state) => {
    const slo = sloAlertOf(state.alert);
    return slo ? [{ slo, firing: state.firing }] : [];
  });
  const [first] = read;
  if (!first) return null;
  const definition = definitionFor(first.slo, definitions);
  const objective = reading?.objective ?? read.map((r) => r.slo.objective).find((o) => o !== null) ?? definition?.objective ?? null;
  const periodMs = reading?.periodMs ?? read.map((r) => r.slo.periodMs).find((p) => p !== null) ?? definition?.periodMs ?? null;
  const rateOver = (ms: number): number | null => {
    const ratio = reading?.errorRatios.get(ms);
    return ratio === undefined || objective === null || objective >= 1 ? null : burnRate(ratio, objective);
  };

  const tierOf = (slo: SloAlert, firing: boolean): SloTier | null => (firing ? refinedTier(slo.tier, rateOver, periodMs ?? THIRTY_DAYS) : slo.tier);
  const firing = read.filter((r) => r.firing).map((r) => ({ ...r, tier: tierOf(r.slo, true) }));
  const tier = fastestTier(firing.flatMap((r) => (r.tier === null ? [] : [r.tier])));
  const firingTiers = new Set(firing.map((r) => r.tier));
  // Only a faster tier that stopped is news while a slower one fires (a slow tier quiet under a fast one is not).
  const faster = (t: SloTier): boolean => tier !== null && TIERS_FASTEST_FIRST.indexOf(t) < TIERS_FASTEST_FIRST.indexOf(tier);
  const quietTiers = [...new Set(read.flatMap((r) => (!r.firing && r.slo.tier !== null && !firingTiers.has(r.slo.tier) && faster(r.slo.tier) ? [r.slo.tier] : [])))];
  const lead = firing.find((r) => r.tier === tier)?.slo ?? first.slo;

  const burn = burnOf(lead, tier, rateOver, periodMs ?? THIRTY_DAYS);
  const budgetLeft =
    reading?.budgetLeft ?? (reading?.availability != null && objective !== null && objective < 1 ? budgetLeftAt(reading.availability, objective) : null) ?? lead.budgetLeft;
  const exhaustion = burn && periodMs !== null ? exhaustionMs(burn.rate, periodMs) : lead.exhaustionMs;
  return {
    generator: lead.generator,
    id: lead.id,
    title: definition?.displayName ?? lead.title,
    service: lead.service ?? definition?.service ?? null,
    objective,
    periodMs,
    tier,
    quietTiers: tier === null ? [] : quietTiers,
    burn,
    budgetLeft,
    exhaustionMs: exhaustion,
    suggestion: suggestSeverity(tier, { budgetLeft, exhaustionMs: exhaustion }, policy),
    measured: reading !== null && (burn?.atLeast === false || reading.budgetLeft !== null || reading.availability !== null),
  };
}

/**
 * The burn over the tier's long window, measured when Prometheus answered; else what the alert reports; else the
 * threshold it fires at (Pyrra's factor, or the workbook's for a tier the labels tell), as a lower bound.
 */
function burnOf(slo: SloAlert, tier: SloTier | null, rateOver: (ms: number) => number | null, periodMs: number): SloBurn | null {
  const longMs = slo.longMs ?? (tier === null ? null : windowsOf(tier).longMs);
  // A ticket fires on 1 d or on 3 d: whichever Prometheus has.
  const windows = longMs === null ? [] : tier === 'ticket' && slo.longMs === null ? [longMs, 3 * DAY_MS] : [longMs];
  for (const windowMs of windows) {
    const rate = rateOver(windowMs);
    if (rate !== null) return { rate, windowMs, atLeast: false };
  }
  if (slo.burnRate !== null) return { rate: slo.burnRate, windowMs: slo.longMs, atLeast: false };
  if (slo.threshold !== null) return { rate: slo.threshold, windowMs: slo.longMs, atLeast: true };
  if (tier === 'fast-page' || tier === 'slow-page') {
    const window = WORKBOOK_WINDOWS.find((w) => w.tier === tier);
    return window ? { rate: thresholdOf(window, periodMs), windowMs: window.longMs, atLeast: true } : null;
  }
  return null;
}
