import { isOpen, type Incident, type Status, type TimelineEventDraft } from './incident.js';

/**
 * One request to take over as incident commander (`/incident lead @bob`, or a shift handoff), kept after it ends so
 * every message about it can be re-rendered from the record and say what is true to the person reading it.
 */
export const LEAD_HANDOFF_STATES = ['pending', 'acknowledged', 'declined', 'replaced', 'withdrawn'] as const;
export type LeadHandoffState = (typeof LEAD_HANDOFF_STATES)[number];

/**
 * The DMs a lead handoff sends: the briefing and, after `leadAckTimeout`, the reminder to the proposed commander,
 * and the notice to the commander who stays responsible meanwhile.
 */
export const LEAD_MESSAGE_PARTS = ['briefing', 'reminder', 'notice'] as const;
export type LeadMessagePart = (typeof LEAD_MESSAGE_PARTS)[number];

export interface LeadHandoff {
  readonly id: number;
  readonly incidentNumber: number;
  /** The commander when it was asked: responsible until the handoff ends, and the reader of the notice. */
  readonly fromId: string;
  /** The proposed commander: the reader of the briefing and the reminder. */
  readonly toId: string;
  readonly requestedBy: string;
  readonly requestedAt: Date;
  readonly state: LeadHandoffState;
  readonly endedAt: Date | null;
  readonly endedBy: string | null;
  /** `replaced`: who was asked instead. */
  readonly nextLeadId: string | null;
  /** `withdrawn` by closing the incident: the status it was closed as. */
  readonly closedAs: Status | null;
  /** When the reminder and the notice were queued (once, after `leadAckTimeout`). */
  readonly remindedAt: Date | null;
}

export interface LeadHandoffEnd {
  readonly state: Exclude<LeadHandoffState, 'pending'>;
  readonly endedBy: string | null;
  readonly nextLeadId: string | null;
  readonly closedAs: Status | null;
}

/** Whose DM a message of the handoff is. */
export const readerOf = (handoff: Pick<LeadHandoff, 'fromId' | 'toId'>, part: LeadMessagePart): string =>
  part === 'notice' ? handoff.fromId : handoff.toId;

/** A change asks someone new to lead: the incident's pending lead is not the one it had before. */
export function startsLeadHandoff(before: Incident | null, after: Incident): boolean {
  const pending = after.pendingLead;
  if (pending === null) return false;
  const earlier = before?.pendingLead ?? null;
  return earlier === null || earlier.userId !== pending.userId || earlier.since.getTime() !== pending.since.getTime();
}

/**
 * How a change ends the pending lead handoff, read from the incident before and after it (null: it does not).
 * `actorId` is who made the change.
 */
export function leadHandoffEnd(before: Incident | null, after: Incident, events: readonly TimelineEventDraft[], actorId: string | null): LeadHandoffEnd | null {
  const pending = before?.pendingLead ?? null;
  if (pending === null) return null;
  const same = after.pendingLead !== null && after.pendingLead.userId === pending.userId && after.pendingLead.since.getTime() === pending.since.getTime();
  if (same) return null;
  const end = (state: LeadHandoffEnd['state'], endedBy: string | null, extra: Partial<LeadHandoffEnd> = {}): LeadHandoffEnd => ({
    state,
    endedBy,
    nextLeadId: null,
    closedAs: null,
    ...extra,
  });
  if (events.some((e) => e.kind === 'lead_handoff_declined')) return end('declined', pending.userId);
  if (after.commanderId === pending.userId) return end('acknowledged', pending.userId);
  if (after.pendingLead !== null) return end('replaced', after.pendingLead.by, { nextLeadId: after.pendingLead.userId });
  return end('withdrawn', actorId, { closedAs: isOpen(after) ? null : after.status });
}

/** Only an open request has buttons, and only in the proposed commander's DMs (Acknowledge, Decline). */
export const offersAnswer = (handoff: Pick<LeadHandoff, 'state'>, part: LeadMessagePart): boolean => handoff.state === 'pending' && part !== 'notice';

/**
 * Whether a message not yet sent is still worth sending: while the request is open, and the commander's notice
 * after a decline (they must find someone else). A message overtaken by events before it went out is not sent.
 */
export const worthSending = (handoff: Pick<LeadHandoff, 'state'>, part: LeadMessagePart): boolean =>
  handoff.state === 'pending' || (handoff.state === 'declined' && part === 'notice');

/**
 * The messages to bring up to date when the handoff ends: each one sent or queued is re-rendered, and a commander
 * who was never reminded is told of a decline.
 */
export function messagesAfterEnd(handoff: Pick<LeadHandoff, 'state' | 'remindedAt'>): Array<{ part: LeadMessagePart; action: 'post' | 'refresh' }> {
  const reminded = handoff.remindedAt !== null;
  return [
    { part: 'briefing', action: 'refresh' },
    ...(reminded ? [{ part: 'reminder' as const, action: 'refresh' as const }] : []),
    ...(reminded ? [{ part: 'notice' as const, action: 'refresh' as const }] : handoff.state === 'declined' ? [{ part: 'notice' as const, action: 'post' as const }] : []),
  ];
}
