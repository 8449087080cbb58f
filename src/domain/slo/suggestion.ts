/**
 * The incident severity an SLO's burn suggests (never applied by itself): a fast page is urgent, more so when little
 * budget is left or a whole budget would be gone within a day; a slow page is less; a ticket is no incident.
 */
import type { SloTier } from './burn-rate.js';

export interface SloSeverityPolicy {
  /** Severity ids; null: no suggestion for that tier. */
  readonly fastPage: string | null;
  readonly slowPage: string | null;
  /** Null: a ticket opens no incident (the default). */
  readonly ticket: string | null;
  /** What a fast page is raised to when the budget is low or runs out soon. */
  readonly raiseTo: string | null;
  /** A share: 0.25 raises below 25 % of the budget left. */
  readonly raiseBelowBudget: number;
  /** Raises when a whole budget lasts less than this at the current burn. */
  readonly raiseWithinMs: number;
}

/** Why the suggestion is what it is, in the reply's words. */
export type SuggestionReason = 'fast-burn' | 'page' | 'slow-burn' | 'budget-low' | 'runs-out';

export type SloSuggestion =
  | { readonly kind: 'declare'; readonly severity: string; readonly reason: SuggestionReason }
  /** A ticket: no incident. */
  | { readonly kind: 'ticket' };

export interface BurnFacts {
  readonly budgetLeft: number | null;
  readonly exhaustionMs: number | null;
}

/**
 * The suggestion for the fastest tier firing. A page whose speed is not known (Sloth's and Grafana SLO's page alerts
 * without Prometheus numbers) is taken as a fast one: it woke someone.
 */
export function suggestSeverity(tier: SloTier | null, facts: BurnFacts, policy: SloSeverityPolicy): SloSuggestion | null {
  switch (tier) {
    case null:
      return null;
    case 'ticket':
      return policy.ticket === null ? { kind: 'ticket' } : { kind: 'declare', severity: policy.ticket, reason: 'slow-burn' };
    case 'slow-page':
      return policy.slowPage === null ? null : { kind: 'declare', severity: policy.slowPage, reason: 'slow-burn' };
    case 'fast-page':
    case 'page': {
      const low = facts.budgetLeft !== null && facts.budgetLeft < policy.raiseBelowBudget;
      const soon = facts.exhaustionMs !== null && facts.exhaustionMs < policy.raiseWithinMs;
      if (policy.raiseTo !== null && (low || soon)) return { kind: 'declare', severity: policy.raiseTo, reason: low ? 'budget-low' : 'runs-out' };
      return policy.fastPage === null ? null : { kind: 'declare', severity: policy.fastPage, reason: tier === 'page' ? 'page' : 'fast-burn' };
    }
  }
}
