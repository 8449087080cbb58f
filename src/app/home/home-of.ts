import { isOpen, type FollowUp, type Incident } from '../../domain/incident.js';
import type { Handoff } from '../../domain/oncall/handoff.js';
import { ownShift, type OwnShift } from '../../domain/oncall/own-shift.js';
import type { OnCallView, Rotation } from '../../domain/oncall/rotation.js';
import { permalink } from '../../domain/postmortem/draft.js';
import { readableBy } from '../access.js';
import type { UseCaseDeps } from '../deps.js';
import { listOpenIncidents } from '../incident-queries.js';
import { whoIsOnCall } from '../oncall/oncall-queries.js';
import { scheduleOf } from '../oncall/rotations.js';
import { TEAM_URL_KEY } from '../postmortem.js';

/** "Recently resolved" on the Home: this far back. */
export const RECENTLY_RESOLVED_MS = 7 * 86_400_000;

export type HomeDeps = Pick<UseCaseDeps, 'store' | 'clock' | 'membership' | 'oncall' | 'severities'>;

export interface OwnFollowUp {
  readonly followUp: FollowUp;
  readonly incident: Incident;
}

/**
 * What one person's App Home answers ("what needs me now"), read from the record for them: every incident in it is
 * one they may see (private ones only as members of the channel), and each appears once, in the first list it fits.
 */
export interface HomeData {
  readonly userId: string;
  /** Open incidents whose commander asked this person to take over. */
  readonly leadRequests: readonly Incident[];
  /** Shift handoffs to this person not yet acknowledged (the latest one posted of each rotation). */
  readonly shiftHandoffs: ReadonlyArray<{ readonly handoff: Handoff; readonly rotation: Rotation }>;
  /** Open incidents they lead or respond to, most severe first. */
  readonly mine: readonly Incident[];
  /** Every other open incident they may see, most severe first. */
  readonly others: readonly Incident[];
  readonly followUps: readonly OwnFollowUp[];
  readonly onCall: readonly OnCallView[];
  readonly ownShifts: ReadonlyArray<{ readonly rotation: Rotation; readonly shift: OwnShift }>;
  /** Resolved within RECENTLY_RESOLVED_MS, latest first, with the permalink of the postmortem draft once posted. */
  readonly resolved: ReadonlyArray<{ readonly incident: Incident; readonly draftLink: string | null }>;
}

/** The open follow-ups `userId` owns, on incidents they may see. */
export async function ownFollowUps(deps: Pick<UseCaseDeps, 'store' | 'membership'>, userId: string): Promise<OwnFollowUp[]> {
  const followUps = await deps.store.openFollowUpsOwnedBy(userId);
  const numbers = [...new Set(followUps.map((f) => f.incidentNumber))];
  const incidents = (await Promise.all(numbers.map((n) => deps.store.getIncident(n)))).filter((i): i is Incident => i !== undefined);
  const visible = new Map((await readableBy(deps, incidents, userId)).map((i) => [i.number, i]));
  return followUps.flatMap((followUp) => {
    const incident = visible.get(followUp.incidentNumber);
    return incident ? [{ followUp, incident }] : [];
  });
}

async function draftLink(deps: HomeDeps, incident: Incident, teamUrl: string | null): Promise<string | null> {
  const [draft, refs] = await Promise.all([deps.store.latestDraft(incident.number), deps.store.viewRefs(incident.number)]);
  const first = draft?.postedTs[0];
  if (teamUrl === null || first === undefined || !refs?.channelId) return null;
  return permalink(teamUrl, { channelId: refs.channelId, ts: first, ...(refs.cardTs ? { threadTs: refs.cardTs } : {}) });
}

async function shiftHandoffsTo(deps: HomeDeps, userId: string): Promise<HomeData['shiftHandoffs']> {
  const latest = await Promise.all(deps.oncall.rotations.map(async (rotation) => ({ rotation, handoff: await deps.store.lastPostedHandoff(rotation.name) })));
  return latest.flatMap(({ rotation, handoff }) => (handoff && handoff.incomingId === userId && handoff.acknowledgedAt === null ? [{ rotation, handoff }] : []));
}

async function ownShifts(deps: HomeDeps, userId: string, now: Date): Promise<HomeData['ownShifts']> {
  const shifts = await Promise.all(
    deps.oncall.rotations.map(async (rotation) => {
      const [anchor, overrides] = await Promise.all([deps.store.shiftAnchor(rotation.name, now), deps.store.activeOverrides(rotation.name, now)]);
      return { rotation, shift: ownShift(rotation, scheduleOf(deps, rotation), anchor, overrides, userId, now) };
    }),
  );
  return shifts.flatMap(({ rotation, shift }) => (shift ? [{ rotation, shift }] : []));
}

export async function homeOf(deps: HomeDeps, userId: string): Promise<HomeData> {
  const now = deps.clock.now();
  const open = await listOpenIncidents(deps, userId);
  const leadRequests = open.filter((i) => i.pendingLead?.userId === userId);
  const asked = new Set(leadRequests.map((i) => i.number));
  const mine = open.filter((i) => !asked.has(i.number) && (i.commanderId === userId || i.responders.includes(userId)));
  const listed = new Set([...asked, ...mine.map((i) => i.number)]);
  const resolvedSince = new Date(now.getTime() - RECENTLY_RESOLVED_MS);
  const [shiftHandoffs, followUps, onCall, shifts, resolved, teamUrl] = await Promise.all([
    shiftHandoffsTo(deps, userId),
    ownFollowUps(deps, userId),
    whoIsOnCall(deps),
    ownShifts(deps, userId, now),
    deps.store.incidentsResolvedSince(resolvedSince).then((all) => readableBy(deps, all, userId)),
    deps.store.readState(TEAM_URL_KEY),
  ]);
  return {
    userId,
    leadRequests,
    shiftHandoffs,
    mine,
    others: open.filter((i) => !listed.has(i.number)),
    // Follow-ups of incidents still open first (a stable sort keeps the newest incidents first within each).
    followUps: followUps.sort((a, b) => Number(isOpen(b.incident)) - Number(isOpen(a.incident))),
    onCall,
    ownShifts: shifts,
    resolved: await Promise.all(resolved.map(async (incident) => ({ incident, draftLink: await draftLink(deps, incident, teamUrl) }))),
  };
}
