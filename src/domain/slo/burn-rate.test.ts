import { describe, expect, it } from 'vitest';
import { budgetSpent, burnRate, burnRateSpending, DAY_MS, exhaustionMs, fastestTier, HOUR_MS, thresholdOf, WORKBOOK_WINDOWS } from './burn-rate.js';
import { formatPrometheusDuration, parsePrometheusDuration } from './prometheus-duration.js';

const THIRTY_DAYS = 30 * DAY_MS;
const TWENTY_EIGHT_DAYS = 28 * DAY_MS;

describe("the SRE workbook's error-budget arithmetic", () => {
  it('burns at 14.4× for an error ratio of 1.44 % at 99.9 %', () => {
    expect(burnRate(0.0144, 0.999)).toBeCloseTo(14.4, 10);
    expect(burnRate(0.001, 0.999)).toBeCloseTo(1, 10);
    expect(burnRate(0, 0.999)).toBe(0);
  });

  it('spends 2 % of a 30-day budget per hour at 14.4×, and 5 % in 6 hours at 6×', () => {
    expect(budgetSpent(14.4, HOUR_MS, THIRTY_DAYS)).toBeCloseTo(0.02, 10);
    expect(budgetSpent(6, 6 * HOUR_MS, THIRTY_DAYS)).toBeCloseTo(0.05, 10);
    expect(budgetSpent(1, THIRTY_DAYS, THIRTY_DAYS)).toBe(1);
  });

  it('exhausts a 30-day budget in about 2.08 days at 14.4× (and 5 days at 6×)', () => {
    expect((exhaustionMs(14.4, THIRTY_DAYS) ?? 0) / DAY_MS).toBeCloseTo(2.0833, 3);
    expect((exhaustionMs(6, THIRTY_DAYS) ?? 0) / DAY_MS).toBeCloseTo(5, 10);
    expect(exhaustionMs(0, THIRTY_DAYS)).toBeNull();
  });

  it('gives the workbook thresholds 14.4, 6, 3, 1 for 30 days', () => {
    expect(WORKBOOK_WINDOWS.map((w) => thresholdOf(w, THIRTY_DAYS))).toEqual([14.4, 6, 3, 1].map((n) => expect.closeTo(n, 10)));
  });

  it('gives the 28-day factors 13.44, 5.6, 2.8, 0.93 (as Sloth generates for a 28-day period)', () => {
    expect(WORKBOOK_WINDOWS.map((w) => thresholdOf(w, TWENTY_EIGHT_DAYS))).toEqual([13.44, 5.6, 2.8, 28 / 30].map((n) => expect.closeTo(n, 10)));
    // The same shares of budget: 2 % of 28 days in an hour at 13.44×; a whole 28-day budget lasts 2.08 days at 13.44×.
    expect(budgetSpent(13.44, HOUR_MS, TWENTY_EIGHT_DAYS)).toBeCloseTo(0.02, 10);
    expect((exhaustionMs(13.44, TWENTY_EIGHT_DAYS) ?? 0) / DAY_MS).toBeCloseTo(2.0833, 3);
    expect(burnRateSpending(0.1, 3 * DAY_MS, TWENTY_EIGHT_DAYS)).toBeCloseTo(0.9333, 3);
  });

  it('orders tiers fastest first', () => {
    expect(fastestTier(['ticket', 'slow-page'])).toBe('slow-page');
    expect(fastestTier(['ticket', 'fast-page', 'slow-page'])).toBe('fast-page');
    expect(fastestTier(['page', 'ticket'])).toBe('page');
    expect(fastestTier([])).toBeNull();
  });
});

describe('Prometheus durations', () => {
  it.each([
    ['5m', 300_000],
    ['1h4m', 3_840_000],
    ['2d', 2 * DAY_MS],
    ['2w', 14 * DAY_MS],
    ['4w', TWENTY_EIGHT_DAYS],
    ['1y', 365 * DAY_MS],
    ['500ms', 500],
  ])('reads %s', (text, ms) => expect(parsePrometheusDuration(text)).toBe(ms));

  it.each(['', '1', 'h', '1 h', 'critical', '0s', '5M'])('refuses %j', (text) => expect(parsePrometheusDuration(text)).toBeNull());

  it('writes them back as Prometheus does', () => {
    expect(['1h', '6h', '30m', '1d', '1h4m', '4w'].map((t) => formatPrometheusDuration(parsePrometheusDuration(t) ?? 0))).toEqual(['1h', '6h', '30m', '1d', '1h4m', '4w']);
  });
});
