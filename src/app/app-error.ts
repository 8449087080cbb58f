import type { CommandParseError } from '../domain/command.js';
import type { DomainError } from '../domain/errors.js';

/** Every expected failure a user can meet; i18n's `userMessage` has words for each. */
export type AppError =
  | DomainError
  | CommandParseError
  | { code: 'incident_not_found'; number: number }
  | { code: 'no_incident_here'; subcommand: string }
  | { code: 'unknown_user'; userId: string }
  | { code: 'bot_user'; userId: string }
  | { code: 'already_submitted' }
  | { code: 'alert_group_not_found'; groupId: number }
  | { code: 'alert_not_found' }
  | { code: 'group_already_acknowledged'; by: string }
  | { code: 'group_has_incident'; incidentNumber: number }
  | { code: 'no_rotations' }
  | { code: 'which_rotation'; input: string | null; names: readonly string[] }
  | { code: 'handoff_to_self'; userId: string; rotation: string }
  | { code: 'handoff_not_found' }
  | { code: 'not_handoff_incoming'; incomingId: string }
  | { code: 'not_handoff_outgoing'; outgoingId: string }
  | { code: 'override_too_long'; maxDays: number };
