import type { Incident, TimelineEventDraft } from '../../domain/incident.js';
import { invitees } from '../access.js';
import type { IncidentRecords } from '../ports.js';
import type { HomeView } from './home-ports.js';

/** At most one publish per person this often: fifty changes in ten seconds become a few publishes. */
export const HOME_PUBLISH_EVERY_MS = 3_000;

/** A Home nobody opened for this long is left as it is until its person comes back (then it is published at once). */
export const HOME_KEPT_FOR_MS = 30 * 86_400_000;

/** Whose Homes a change concerns: the people it names, and everyone when the incident is (or was) public. */
export interface HomeAudience {
  readonly people: readonly string[];
  readonly everyone: boolean;
}

/** Who is on call shows on every Home. */
export const EVERY_HOME: HomeAudience = { people: [], everyone: true };

/** What a Home shows of an incident: a change of anything else (a note, an update's text) publishes no Home. */
const shownOnHome = (i: Incident): string =>
  JSON.stringify([i.title, i.severity, i.status, i.commanderId, i.pendingLead?.userId ?? null, i.responders, i.isPrivate, i.channelId, i.milestones.declaredAt, i.milestones.resolvedAt]);

/**
 * Every Home that lists an incident: the people named on it (commander, responders, the proposed lead, the declarer,
 * before and after a change) and, while it is public, every Home (each lists it among the open or recently resolved
 * incidents). Other members of a private incident's channel see the change when they next open their Home.
 */
export function incidentAudience(incident: Incident, before: Incident | null = null, also: readonly string[] = []): HomeAudience {
  const people = [...new Set([...invitees(incident), ...(before ? invitees(before) : []), ...also])];
  return { people, everyone: !incident.isPrivate || (before !== null && !before.isPrivate) };
}

/** The Homes one change of an incident concerns (none when nothing a Home shows changed, but a new follow-up's owner). */
export function homeAudienceOfChange(before: Incident | null, after: Incident, events: readonly TimelineEventDraft[]): HomeAudience {
  const owners = events.flatMap((e) => (e.kind === 'followup_added' && typeof e.data.owner === 'string' ? [e.data.owner] : []));
  if (before !== null && shownOnHome(before) === shownOnHome(after)) return { people: owners, everyone: false };
  return incidentAudience(after, before, owners);
}

/** When a Home may be published next: now if it never was or its person opened it since, else a few seconds after the last. */
export function nextPublishAt(home: Pick<HomeView, 'publishedAt' | 'openedAt'>, now: Date): Date {
  const { publishedAt, openedAt } = home;
  if (publishedAt === null || (openedAt !== null && openedAt > publishedAt)) return now;
  return new Date(Math.max(now.getTime(), publishedAt.getTime() + HOME_PUBLISH_EVERY_MS));
}

/**
 * Queues a publish of each Home in `audience` that its person keeps (opened within HOME_KEPT_FOR_MS), coalesced: one
 * already queued absorbs the change, and none is due sooner than HOME_PUBLISH_EVERY_MS after the last publish.
 */
export async function queueHomes(records: Pick<IncidentRecords, 'homeViewsOf' | 'enqueue'>, audience: HomeAudience, now: Date): Promise<void> {
  if (!audience.everyone && audience.people.length === 0) return;
  const homes = await records.homeViewsOf(audience.everyone ? null : audience.people, new Date(now.getTime() - HOME_KEPT_FOR_MS));
  for (const home of homes) await records.enqueue({ kind: 'publish_home', userId: home.userId }, now, nextPublishAt(home, now));
}
