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
  /** `incidentNumber` is null when the incident is private and the asker is not in its channel. */
  | { code: 'group_has_incident'; incidentNumber: number | null }
  /** A public incident changed by someone outside its channel (anyone may join it: the answer offers a Join button). */
  | { code: 'not_incident_member'; number: number; channelId: string; channelName: string | null }
  /** Slack could not say whether the asker is in the channel (of INC-`number`, or of an alert when null): no, for now. */
  | { code: 'access_unknown'; number: number | null }
  /** Someone asked to join a public incident's channel and Slack would not let the bot invite them. */
  | { code: 'join_failed'; channelId: string }
  /** A button press on a message, or a form submission, that the bot did not post or open for this. */
  | { code: 'control_not_recognised'; what: 'button' | 'form' }
  | { code: 'no_rotations' }
  | { code: 'which_rotation'; input: string | null; names: readonly string[] }
  | { code: 'handoff_to_self'; userId: string; rotation: string }
  | { code: 'handoff_not_found' }
  | { code: 'not_handoff_incoming'; incomingId: string }
  | { code: 'not_handoff_outgoing'; outgoingId: string }
  | { code: 'override_too_long'; maxDays: number };
