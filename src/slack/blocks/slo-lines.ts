/**
 * An SLO's burn as a person reads it, on the triage reply and the summary card: "SLO checkout availability 99.9 % /
 * 30 d · burning 16.2× (1h) · 37 % of budget left · gone in about 1.9 days at this rate", the tier firing, where the
 * numbers come from, and the suggested severity. Alert text is untrusted: titles are escaped.
 */
import type { SloReport } from '../../app/slo-report.js';
import { formatDuration } from '../../domain/duration.js';
import { DAY_MS } from '../../domain/slo/burn-rate.js';
import { formatPrometheusDuration } from '../../domain/slo/prometheus-duration.js';
import type { SloSeverityPolicy, SloSuggestion } from '../../domain/slo/suggestion.js';
import type { Severity } from '../../domain/severity.js';
import type { Catalog } from '../../i18n/index.js';
import { ACTION } from '../ids.js';
import { plain, safe, section, type Block } from './format.js';

/** An SLO group's burn, with what its lines need: severity labels, the policy's thresholds, Prometheus' timeout. */
export interface SloShown {
  readonly report: SloReport;
  readonly severities: readonly Severity[];
  readonly policy: Pick<SloSeverityPolicy, 'raiseBelowBudget' | 'raiseWithinMs'>;
  readonly timeoutMs: number;
}

/** `99.9 %`, `37 %`, `0.05 %`: as few decimals as the number needs, at most three. */
export const percent = (share: number): string => `${Number((share * 100).toFixed(share * 100 >= 10 ? 1 : 3))} %`;

const rate = (n: number): string => `${n >= 100 ? Math.round(n) : n.toFixed(1)}×`;

function periodText(ms: number, t: Catalog): string {
  return ms % DAY_MS === 0 ? t.slo.days(String(ms / DAY_MS)) : formatPrometheusDuration(ms);
}

function exhaustionText(ms: number, t: Catalog): string {
  return ms >= DAY_MS ? t.slo.aboutDays((ms / DAY_MS).toFixed(1)) : formatDuration(ms);
}

/** The one line of numbers. */
export function sloHeadline(report: SloReport, t: Catalog): string {
  const { view } = report;
  const parts = [t.slo.slo(safe(view.title, 120), view.objective === null ? null : percent(view.objective), view.periodMs === null ? null : periodText(view.periodMs, t))];
  if (view.burn) {
    const shown = rate(view.burn.rate);
    parts.push(t.slo.burning(view.burn.atLeast ? t.slo.atLeast(shown) : shown, view.burn.windowMs === null ? null : formatPrometheusDuration(view.burn.windowMs)));
  }
  if (view.budgetLeft !== null) parts.push(view.budgetLeft <= 0 ? t.slo.budgetSpent : t.slo.budgetLeft(percent(view.budgetLeft)));
  if (view.exhaustionMs !== null) parts.push((view.burn?.atLeast ? t.slo.goneWithin : t.slo.goneIn)(exhaustionText(view.exhaustionMs, t)));
  return `📉 ${parts.join(' · ')}`;
}

/** Which tier fires (and which stopped while a slower one still fires), and where the numbers come from. */
export function sloStateLine(report: SloReport, t: Catalog, timeoutMs: number): string {
  const { view } = report;
  const tier = view.tier === null ? t.slo.noneFiring : t.slo.firingTier(t.slo.tiers[view.tier]);
  const quiet = view.tier !== null && view.quietTiers.length > 0 ? t.slo.quiet(view.quietTiers.map((q) => t.slo.tiers[q]).join(', '), t.slo.tiers[view.tier]) : null;
  const numbers = report.numbers === 'prometheus' ? t.slo.fromPrometheus : report.numbers === 'prometheus-unavailable' ? t.slo.prometheusUnavailable(formatDuration(timeoutMs)) : t.slo.fromLabels;
  return [quiet ?? tier, numbers].join(' · ');
}

const labelOf = (id: string, severities: readonly Severity[]): string => severities.find((s) => s.id === id)?.label ?? id;

function reasonText(suggestion: Extract<SloSuggestion, { kind: 'declare' }>, t: Catalog, policy: { raiseBelowBudget: number; raiseWithinMs: number }): string {
  switch (suggestion.reason) {
    case 'budget-low':
      return t.slo.reasons['budget-low'](percent(policy.raiseBelowBudget));
    case 'runs-out':
      return t.slo.reasons['runs-out'](formatDuration(policy.raiseWithinMs));
    default:
      return t.slo.reasons[suggestion.reason];
  }
}

/** The suggestion's line, or null when there is none. */
export function sloSuggestionLine(report: SloReport, severities: readonly Severity[], t: Catalog, policy: { raiseBelowBudget: number; raiseWithinMs: number }): string | null {
  const suggestion = report.view.suggestion;
  if (suggestion === null) return null;
  if (suggestion.kind === 'ticket') return t.slo.ticket;
  return t.slo.suggested(safe(labelOf(suggestion.severity, severities), 40), reasonText(suggestion, t, policy));
}

/** "Declare as SEV2": the declare form opens with the suggested severity. */
export function declareAsButton(report: SloReport, groupId: number, severities: readonly Severity[], t: Catalog) {
  const suggestion = report.view.suggestion;
  if (suggestion?.kind !== 'declare') return null;
  return {
    type: 'button' as const,
    action_id: ACTION.triageDeclareAs,
    text: plain(t.slo.declareAs(labelOf(suggestion.severity, severities)), 75),
    value: `${groupId}:${suggestion.severity}`,
    style: 'danger' as const,
  };
}

/** The numbers, the tier and the suggestion, as one section. */
export function sloSection(slo: SloShown, t: Catalog): Block {
  const lines = [sloHeadline(slo.report, t), sloStateLine(slo.report, t, slo.timeoutMs), sloSuggestionLine(slo.report, slo.severities, t, slo.policy)];
  return section(lines.filter((line): line is string => line !== null).join('\n'));
}
