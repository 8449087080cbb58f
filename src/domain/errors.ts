import type { Status } from './incident.js';

/** Expected failures, as values. `userMessage` in i18n turns each into words; exceptions are bugs. */
export type DomainError =
  | { code: 'invalid_transition'; from: Status; to: Status }
  | { code: 'already_in_status'; status: Status }
  | { code: 'unknown_severity'; input: string; known: readonly string[] }
  | { code: 'same_severity'; severity: string }
  | { code: 'title_missing' }
  | { code: 'text_too_long'; field: string; max: number; length: number }
  | { code: 'text_missing'; field: string }
  /** Something was typed, but only characters that show as nothing (zero-width, direction marks, controls). */
  | { code: 'text_invisible'; field: string }
  | { code: 'already_commander'; userId: string }
  | { code: 'incident_closed'; status: Status }
  | { code: 'not_pending_lead'; userId: string; pendingLeadId: string | null }
  | { code: 'lead_already_pending'; userId: string; since: Date }
  | { code: 'prompt_answered'; answeredBy: string | null }
  | { code: 'invalid_time'; input: string; timeZone: string }
  | { code: 'time_in_future' };

export const LIMITS = {
  title: 200,
  impact: 2_000,
  update: 2_500,
  note: 2_500,
  followup: 500,
  reason: 1_000,
} as const;
