import type { AppError } from '../app/app-error.js';
import { TRANSITIONS } from '../domain/lifecycle.js';
import { incidentRef } from '../domain/incident.js';
import { assertNever } from '../domain/result.js';
import { escapeText } from '../domain/slack-text.js';
import { en, type Catalog } from './en.js';
import { ko } from './ko.js';

export type Locale = 'en' | 'ko';
export type { Catalog };

const catalogs: Record<Locale, Catalog> = { en, ko };

export const messages = (locale: Locale): Catalog => catalogs[locale];

/** The one place expected failures become words. Exhaustive: a new error code does not compile without text. */
export function userMessage(error: AppError, locale: Locale): string {
  const t = messages(locale);
  const usage = (name: string): string => t.usage[name] ?? `/incident ${name}`;
  const field = (name: string): string => t.fields[name] ?? name;
  switch (error.code) {
    case 'unknown_subcommand':
      return t.errors.unknownSubcommand(escapeText(error.input).replace(/`/g, "'"));
    case 'missing_argument':
      return t.errors.missingArgument(usage(error.subcommand));
    case 'invalid_user':
      return t.errors.invalidUser(escapeText(error.input));
    case 'invalid_argument':
      return t.errors.invalidArgument(escapeText(error.input).replace(/`/g, "'"), usage(error.subcommand));
    case 'invalid_time':
      return t.errors.invalidTime(escapeText(error.input), error.timeZone);
    case 'time_in_future':
      return t.errors.timeInFuture;
    case 'invalid_message_link':
      return t.errors.invalidMessageLink(escapeText(error.input));
    case 'alert_not_found':
      return t.errors.alertNotFound;
    case 'unknown_user':
      return t.errors.unknownUser(error.userId);
    case 'bot_user':
      return t.errors.botUser(error.userId);
    case 'incident_not_found':
      return t.errors.notFound(incidentRef(error.number));
    case 'no_incident_here':
      return t.errors.noIncidentHere(usage(error.subcommand));
    case 'invalid_transition':
      return t.errors.invalidTransition(
        t.status[error.from],
        t.status[error.to],
        TRANSITIONS[error.from].map((s) => t.status[s]).join(', '),
      );
    case 'already_in_status':
      return t.errors.alreadyInStatus(t.status[error.status]);
    case 'unknown_severity':
      return t.errors.unknownSeverity(escapeText(error.input), error.known.join(', '));
    case 'same_severity':
      return t.errors.sameSeverity(error.severity);
    case 'title_missing':
      return t.errors.titleMissing;
    case 'text_too_long':
      return t.errors.textTooLong(field(error.field), error.max, error.length);
    case 'text_missing':
      return t.errors.textMissing(field(error.field));
    case 'text_invisible':
      return t.errors.textInvisible(field(error.field));
    case 'not_incident_member':
      return t.errors.notIncidentMember(incidentRef(error.number), error.channelId);
    case 'access_unknown':
      return t.errors.accessUnknown(error.number === null ? null : incidentRef(error.number));
    case 'join_failed':
      return t.errors.joinFailed(error.channelId);
    case 'control_not_recognised':
      return t.errors.controlNotRecognised(error.what);
    case 'already_commander':
      return t.errors.alreadyCommander(error.userId);
    case 'incident_closed':
      return t.errors.incidentClosed(t.status[error.status]);
    case 'already_submitted':
      return t.errors.alreadySubmitted;
    case 'not_pending_lead':
      return t.errors.notPendingLead(error.pendingLeadId);
    case 'lead_already_pending':
      return t.errors.leadAlreadyPending(error.userId);
    case 'prompt_answered':
      return t.errors.promptAnswered(error.answeredBy);
    case 'alert_group_not_found':
      return t.errors.groupNotFound;
    case 'group_already_acknowledged':
      return t.errors.groupAcknowledged(error.by);
    case 'group_has_incident':
      return t.errors.groupHasIncident(error.incidentNumber === null ? null : incidentRef(error.incidentNumber));
    case 'no_rotations':
      return t.errors.noRotations;
    case 'which_rotation':
      return t.errors.whichRotation(error.input === null ? null : escapeText(error.input), error.names.join(', '));
    case 'handoff_to_self':
      return t.errors.handoffToSelf(error.userId, escapeText(error.rotation));
    case 'handoff_not_found':
      return t.errors.handoffNotFound;
    case 'not_handoff_incoming':
      return t.errors.notHandoffIncoming(error.incomingId);
    case 'not_handoff_outgoing':
      return t.errors.notHandoffOutgoing(error.outgoingId);
    case 'override_too_long':
      return t.errors.overrideTooLong(error.maxDays);
    case 'invalid_duration':
      return t.errors.invalidDuration(escapeText(error.input).replace(/`/g, "'"));
    default:
      return assertNever(error);
  }
}
