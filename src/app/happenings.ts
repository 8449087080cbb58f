import type { PromptKind } from '../domain/prompts.js';

/**
 * How an incident came to be declared: a person with the declare form (`command`), a person with the Declare button
 * of an alert group's message (`alert_group`, whichever way its alerts came), or a triage rule from an alert posted in
 * an alert channel (`rule`) or received over an alert webhook (`webhook`).
 */
export const DECLARE_SOURCES = ['command', 'alert_group', 'rule', 'webhook'] as const;
export type DeclareSource = (typeof DECLARE_SOURCES)[number];

/**
 * What the bot counts as it happens. Counts are kept per process (a dashboard sums them over replicas); a use case
 * tells its records, and the store passes each on only once its transaction has committed, so a rolled-back or
 * retried transaction counts nothing twice.
 */
export type Happening =
  | { readonly kind: 'incident_declared'; readonly severity: string | null; readonly source: DeclareSource }
  /** A prompt was asked; answered (its buttons, or the setup it asked for was done); ignored (asked again unanswered). */
  | { readonly kind: 'prompt_asked' | 'prompt_answered' | 'prompt_ignored'; readonly prompt: PromptKind }
  /** A shift handoff was posted; the incoming person acknowledged it; `ackTimeout` passed without (both reminded). */
  | { readonly kind: 'shift_handoff_posted' | 'shift_handoff_acknowledged' | 'shift_handoff_late'; readonly rotation: string }
  /** Someone was asked to lead; they acknowledged; `leadAckTimeout` passed without (both reminded). */
  | { readonly kind: 'lead_handoff_requested' | 'lead_handoff_acknowledged' | 'lead_handoff_late' };

export type HappeningKind = Happening['kind'];

/** Told what happened; inside a transaction, passed on after it commits. */
export interface HappeningRecords {
  happened(happening: Happening): void;
}
