import { requestLeadHandoff } from '../../domain/lifecycle.js';
import { applyChange } from '../apply-change.js';
import type { UseCaseDeps } from '../deps.js';
import type { IncidentRecords } from '../ports.js';

/**
 * At a shift handoff, the incidents the outgoing person leads are offered to the incoming one: each gets the
 * acknowledged lead handoff (briefing DM, Acknowledge), in the handoff's transaction. Offering a private incident
 * invites the incoming person into it, so it happens only for those in `privateInvitable` (incidents whose channel
 * the person handing over by hand is in); a scheduled handoff has nobody acting and offers public ones only.
 * Returns how many.
 */
export async function raiseLeadHandoffs(
  deps: UseCaseDeps,
  records: IncidentRecords,
  people: { outgoingId: string; incomingId: string },
  privateInvitable: ReadonlySet<number> = new Set(),
): Promise<number> {
  const { outgoingId, incomingId } = people;
  if (outgoingId === incomingId) return 0;
  let raised = 0;
  for (const incident of await records.listOpenIncidents()) {
    if (incident.commanderId !== outgoingId || incident.pendingLead !== null) continue;
    if (incident.isPrivate && !privateInvitable.has(incident.number)) continue;
    const decided = requestLeadHandoff(incident, incomingId, outgoingId, deps.clock.now());
    if (!decided.ok) continue;
    await applyChange(deps, records, incident, decided.value.incident, decided.value.events);
    raised += 1;
  }
  return raised;
}
