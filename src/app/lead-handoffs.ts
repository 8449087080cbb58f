import type { Incident, TimelineEventDraft } from '../domain/incident.js';
import { leadHandoffEnd, messagesAfterEnd, startsLeadHandoff, type LeadMessagePart } from '../domain/lead-handoff.js';
import type { Effect } from './outbox.js';
import type { IncidentRecords } from './ports.js';

const leadEffect = (action: 'post' | 'refresh', incidentNumber: number, handoffId: number, part: LeadMessagePart): Effect => ({
  kind: action === 'post' ? 'post_lead_message' : 'refresh_lead_message',
  incidentNumber,
  handoffId,
  part,
});

/**
 * Keeps the lead handoff record in step with the incident's pending lead, in the change's transaction: a request
 * that ends (acknowledged, declined, replaced, withdrawn by closing) is stored as such and each of its messages is
 * re-rendered; a new request is stored and its briefing queued. Returns the Slack effects.
 */
export async function recordLeadHandoffChange(
  records: IncidentRecords,
  before: Incident | null,
  after: Incident,
  events: readonly TimelineEventDraft[],
  now: Date,
): Promise<Effect[]> {
  const effects: Effect[] = [];
  const end = leadHandoffEnd(before, after, events, events[0]?.actorId ?? null);
  const open = end === null ? undefined : await records.pendingLeadHandoff(after.number);
  if (end !== null && open !== undefined) {
    await records.endLeadHandoff(open.id, end, now);
    if (end.state === 'acknowledged') records.happened({ kind: 'lead_handoff_acknowledged' });
    for (const message of messagesAfterEnd({ state: end.state, remindedAt: open.remindedAt })) {
      effects.push(leadEffect(message.action, after.number, open.id, message.part));
    }
  }
  const pending = after.pendingLead;
  if (startsLeadHandoff(before, after) && pending !== null && after.commanderId !== null) {
    const handoff = await records.insertLeadHandoff({
      incidentNumber: after.number,
      fromId: after.commanderId,
      toId: pending.userId,
      requestedBy: pending.by,
      requestedAt: pending.since,
    });
    records.happened({ kind: 'lead_handoff_requested' });
    effects.push(leadEffect('post', after.number, handoff.id, 'briefing'));
  }
  return effects;
}

/** Unacknowledged after `leadAckTimeout`: remind the proposed commander and tell the current one, once. */
export async function remindLeadHandoff(records: IncidentRecords, incidentNumber: number, now: Date): Promise<Effect[]> {
  const handoff = await records.pendingLeadHandoff(incidentNumber);
  if (!handoff || handoff.remindedAt !== null) return [];
  await records.markLeadHandoffReminded(handoff.id, now);
  records.happened({ kind: 'lead_handoff_late' });
  return [leadEffect('post', incidentNumber, handoff.id, 'reminder'), leadEffect('post', incidentNumber, handoff.id, 'notice')];
}
