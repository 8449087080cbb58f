import type { Incident } from '../domain/incident.js';
import { err, ok, type Result } from '../domain/result.js';
import type { MemberAnswer } from './access-ports.js';
import type { AppError } from './app-error.js';
import type { UseCaseDeps } from './deps.js';

/**
 * Reading shows an incident (list, status, stats); changing records something on it or invites someone into it;
 * joining is changing by someone who asked to be let into a public incident's channel (its Join button, "I'll lead").
 */
export type Access = 'read' | 'change' | 'join';

/**
 * `hidden`: answer as if the incident did not exist. `join_first`: public, so say which channel to join (with a button
 * that joins it). `unknown`: Slack could not say whether they are a member, so no, for now.
 */
export type AccessDecision = 'allowed' | 'hidden' | 'join_first' | 'unknown';

/**
 * Who may do what with an incident: the one rule, decided from whether it is private, what is asked, and whether
 * Slack says the asker is in its channel.
 *
 * |                          | read    | change, join |
 * | public, member           | allowed | allowed      |
 * | public, not member       | allowed | join_first   |
 * | public, Slack can't say  | allowed | unknown      |
 * | private, member          | allowed | allowed      |
 * | private, not member      | hidden  | hidden       |
 * | private, Slack can't say | unknown | unknown      |
 *
 * Changing a public incident takes membership of its channel, which anyone can join in one click: the change then
 * comes from someone the responders see in the room, and a mistyped number elsewhere cannot resolve someone else's
 * incident. When Slack cannot answer the door stays shut (only a recent "yes" is trusted, see channel-membership.ts):
 * a 429 must not let in someone removed from a private channel.
 */
export function decideAccess(facts: { isPrivate: boolean; access: Access; member: MemberAnswer }): AccessDecision {
  if (facts.member === 'member') return 'allowed';
  if (!facts.isPrivate && facts.access === 'read') return 'allowed';
  if (facts.member === 'unknown') return 'unknown';
  return facts.isPrivate ? 'hidden' : 'join_first';
}

/** The people an incident's channel is created for: until it exists, they stand for its members. */
export const invitees = (incident: Incident): string[] =>
  [incident.declaredBy, incident.commanderId, incident.pendingLead?.userId ?? null, ...incident.responders].filter((u): u is string => u !== null);

export async function accessTo(deps: Pick<UseCaseDeps, 'membership'>, incident: Incident, userId: string, access: Access): Promise<AccessDecision> {
  // Reading a public incident needs no question to Slack.
  if (!incident.isPrivate && access === 'read') return 'allowed';
  if (incident.channelId === null) {
    // No channel yet (being created, or Slack is down): a private incident is for the people it is being created for;
    // a public one has no room to join yet, so it stays open.
    return !incident.isPrivate || invitees(incident).includes(userId) ? 'allowed' : 'hidden';
  }
  // A proposed commander was invited when a member proposed them; Slack may not list them yet.
  const member = incident.pendingLead?.userId === userId ? 'member' : await deps.membership.checkMember(incident.channelId, userId);
  return decideAccess({ isPrivate: incident.isPrivate, access, member });
}

/**
 * The incident if `userId` may `access` it; otherwise `hiddenAs` (the very answer given for an incident that does
 * not exist), which channel to join for a public one, or "can't check right now". Asked to join a public incident,
 * the bot invites them instead of refusing.
 */
export async function authorize(
  deps: Pick<UseCaseDeps, 'membership' | 'store'>,
  incident: Incident,
  userId: string,
  access: Access,
  hiddenAs: AppError,
): Promise<Result<Incident, AppError>> {
  const decision = await accessTo(deps, incident, userId, access);
  if (decision === 'allowed') return ok(incident);
  const { channelId } = incident;
  if (access === 'join' && !incident.isPrivate && channelId !== null) {
    return (await deps.membership.letIn(channelId, userId)) ? ok(incident) : err({ code: 'join_failed', channelId });
  }
  if (decision === 'join_first' && channelId !== null) {
    const channelName = (await deps.store.viewRefs(incident.number))?.channelName ?? null;
    return err({ code: 'not_incident_member', number: incident.number, channelId, channelName });
  }
  if (decision === 'unknown') return err({ code: 'access_unknown', number: incident.number });
  return err(hiddenAs);
}

async function allowedFor<T extends Incident>(deps: Pick<UseCaseDeps, 'membership'>, incidents: readonly T[], userId: string, access: Access): Promise<T[]> {
  const decisions = await Promise.all(incidents.map((incident) => accessTo(deps, incident, userId, access)));
  return incidents.filter((_incident, i) => decisions[i] === 'allowed');
}

/** The incidents `userId` may read, in the order given: private ones only for members of their channels. */
export const readableBy = <T extends Incident>(deps: Pick<UseCaseDeps, 'membership'>, incidents: readonly T[], userId: string): Promise<T[]> =>
  allowedFor(deps, incidents, userId, 'read');

/** The incidents `userId` may change (and so invite someone into), in the order given. */
export const changeableBy = <T extends Incident>(deps: Pick<UseCaseDeps, 'membership'>, incidents: readonly T[], userId: string): Promise<T[]> =>
  allowedFor(deps, incidents, userId, 'change');

/** An error naming an incident, with the number left out when `userId` may not see that incident. */
export async function withoutHiddenIncident(deps: Pick<UseCaseDeps, 'store' | 'membership'>, error: AppError, userId: string): Promise<AppError> {
  if (error.code !== 'group_has_incident' || error.incidentNumber === null) return error;
  const incident = await deps.store.getIncident(error.incidentNumber);
  const visible = incident !== undefined && (await accessTo(deps, incident, userId, 'read')) === 'allowed';
  return visible ? error : { ...error, incidentNumber: null };
}
