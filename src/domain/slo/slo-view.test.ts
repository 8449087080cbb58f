import { describe, expect, it } from 'vitest';
import { PYRRA, SLOTH, type SloAlertFixture } from '../../../test/support/slo-alerts.js';
import { DAY_MS, HOUR_MS } from './burn-rate.js';
import { describeSlo, type BudgetReading } from './slo-view.js';
import type { SloSeverityPolicy } from './suggestion.js';

const POLICY: SloSeverityPolicy = { fastPage: 'sev2', slowPage: 'sev3', ticket: null, raiseTo: 'sev1', raiseBelowBudget: 0.25, raiseWithinMs: DAY_MS };
const state = (f: SloAlertFixture, firing = true) => ({ alert: { name: f.labels.alertname ?? '', labels: f.labels, annotations: f.annotations }, firing });

/** What Prometheus records for the Sloth SLO: 99.9 % over 30 days, the error ratio per window. */
const slothReading = (budgetLeft: number, errorRatio: number): BudgetReading => ({
  objective: 0.999,
  periodMs: 30 * DAY_MS,
  budgetLeft,
  availability: null,
  errorRatios: new Map([5 * 60_000, 30 * 60_000, HOUR_MS, 6 * HOUR_MS].map((ms) => [ms, errorRatio])),
});

describe('the view of one SLO’s group', () => {
  it('a Sloth fast page with 37 % left suggests SEV2 with the measured numbers', () => {
    const view = describeSlo({ alerts: [state(SLOTH.fastPage)], reading: slothReading(0.37, 0.0162), definitions: [], policy: POLICY });
    expect(view).toMatchObject({ tier: 'fast-page', objective: 0.999, periodMs: 30 * DAY_MS, budgetLeft: 0.37, suggestion: { kind: 'declare', severity: 'sev2', reason: 'fast-burn' } });
    expect(view?.burn).toEqual({ rate: expect.closeTo(16.2, 6), windowMs: HOUR_MS, atLeast: false });
    expect((view?.exhaustionMs ?? 0) / DAY_MS).toBeCloseTo(30 / 16.2, 6);
  });

  it('with 12 % left, SEV1; a burn that spends a whole budget within a day, SEV1 too', () => {
    expect(describeSlo({ alerts: [state(SLOTH.fastPage)], reading: slothReading(0.12, 0.0162), definitions: [], policy: POLICY })?.suggestion).toEqual({ kind: 'declare', severity: 'sev1', reason: 'budget-low' });
    expect(describeSlo({ alerts: [state(SLOTH.fastPage)], reading: slothReading(0.9, 0.04), definitions: [], policy: POLICY })?.suggestion).toEqual({ kind: 'declare', severity: 'sev1', reason: 'runs-out' });
  });

  it('without Prometheus, a fast page burns at least the workbook’s 14.4× and a budget lasts about 2.08 days', () => {
    const view = describeSlo({ alerts: [state(SLOTH.fastPage)], reading: null, definitions: [{ name: 'requests-availability', displayName: 'Checkout availability', service: null, objective: 0.999, periodMs: 30 * DAY_MS }], policy: POLICY });
    expect(view).toMatchObject({ title: 'Checkout availability', objective: 0.999, burn: { rate: expect.closeTo(14.4, 6), atLeast: true }, budgetLeft: null, suggestion: { severity: 'sev2' } });
    expect((view?.exhaustionMs ?? 0) / DAY_MS).toBeCloseTo(2.0833, 3);
  });

  it('a slow page suggests SEV3; a ticket suggests no incident', () => {
    expect(describeSlo({ alerts: [state(SLOTH.slowPage)], reading: null, definitions: [], policy: POLICY })?.suggestion).toEqual({ kind: 'declare', severity: 'sev3', reason: 'slow-burn' });
    expect(describeSlo({ alerts: [state(SLOTH.ticket)], reading: null, definitions: [], policy: POLICY })?.suggestion).toEqual({ kind: 'ticket' });
  });

  it('the group’s tier is the fastest firing; a fast tier resolved while the slow one fires says so', () => {
    const both = describeSlo({ alerts: [state(PYRRA.slow), state(PYRRA.fast)], reading: null, definitions: [], policy: POLICY });
    expect(both).toMatchObject({ tier: 'fast-page', quietTiers: [], burn: { rate: 14, windowMs: HOUR_MS, atLeast: true } });
    const calmer = describeSlo({ alerts: [state(PYRRA.slow), state(PYRRA.fast, false)], reading: null, definitions: [], policy: POLICY });
    expect(calmer).toMatchObject({ tier: 'slow-page', quietTiers: ['fast-page'], suggestion: { severity: 'sev3' } });
    expect(describeSlo({ alerts: [state(PYRRA.slow, false), state(PYRRA.fast)], reading: null, definitions: [], policy: POLICY })?.quietTiers).toEqual([]);
    expect(describeSlo({ alerts: [state(PYRRA.slow, false), state(PYRRA.fast, false)], reading: null, definitions: [], policy: POLICY })).toMatchObject({ tier: null, suggestion: null });
  });

  it('Pyrra’s availability over its window gives the budget left: 99.963 % at 99.9 % leaves 63 %', () => {
    const reading: BudgetReading = { objective: 0.999, periodMs: 28 * DAY_MS, budgetLeft: null, availability: 0.99963, errorRatios: new Map([[HOUR_MS, 0.02], [300_000, 0.02]]) };
    const view = describeSlo({ alerts: [state(PYRRA.fast)], reading, definitions: [], policy: POLICY });
    expect(view?.budgetLeft).toBeCloseTo(0.63, 6);
    expect(view?.burn).toEqual({ rate: expect.closeTo(20, 6), windowMs: HOUR_MS, atLeast: false });
    expect((view?.exhaustionMs ?? 0) / DAY_MS).toBeCloseTo(1.4, 6);
  });
});
