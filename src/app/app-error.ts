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
  | { code: 'not_yet_available'; name: string }
  | { code: 'already_submitted' }
  | { code: 'alert_group_not_found'; groupId: number }
  | { code: 'alert_not_found' }
  | { code: 'group_already_acknowledged'; by: string }
  | { code: 'group_has_incident'; incidentNumber: number };
