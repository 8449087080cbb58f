import { afterEach } from 'vitest';
import type { Access } from '../../src/app/access.js';
import type { AppError } from '../../src/app/app-error.js';
import { changeSeverity } from '../../src/app/change-severity.js';
import { declineIncident, markMitigated, reopenIncident, resolveIncident } from '../../src/app/change-status.js';
import { declareIncident } from '../../src/app/declare-incident.js';
import { acknowledgeLead, handOverLead } from '../../src/app/hand-over-lead.js';
import { incidentDetail } from '../../src/app/incident-queries.js';
import type { Target } from '../../src/app/mutate-incident.js';
import { openIncidentForm } from '../../src/app/open-forms.js';
import { postStatusUpdate } from '../../src/app/post-status-update.js';
import { generatePostmortem } from '../../src/app/postmortem.js';
import { setImpact } from '../../src/app/record-activity.js';
import { addFollowUp, addNote } from '../../src/app/record-notes.js';
import type { Result } from '../../src/domain/result.js';
import { useCaseDeps } from './use-case-deps.js';

export type Harness = Awaited<ReturnType<typeof useCaseDeps>>;

export const ALICE = 'UALICE';
export const DAVE = 'UDAVE';
export const PRIVATE = 1;
export const PUBLIC = 2;

export const on = (ref: number, actorId: string): Target => ({ ref, channelId: 'CRANDOM', subcommand: 'status', actorId });

/**
 * Incidents for the access tests, over the test file's harness (`current`; `adopt` hands a new one to the file), its
 * database closed after each test. Called once per file, as the file's own afterEach: test files share one module
 * graph per worker, so a hook registered when this module loads would run for the first file alone.
 */
export function incidentAccessBench(current: () => Harness, adopt: (started: Harness) => void) {
  afterEach(async () => (current() as Harness | undefined)?.db.destroy());

  /** INC-1 is private (channel CPRIV), INC-2 public (channel CPUB); Alice is in both channels, Dave in neither. */
  async function twoIncidents(): Promise<void> {
    const harness = await useCaseDeps();
    adopt(harness);
    for (const [isPrivate, channelId] of [[true, 'CPRIV'], [false, 'CPUB']] as const) {
      const declared = await declareIncident(harness.deps, { title: 'Payments down', impact: '', severity: 'sev2', commanderId: ALICE, declaredBy: ALICE, isPrivate, idempotencyKey: null });
      if (!declared.ok) throw new Error(declared.error.code);
      await harness.store.saveViewRefs(declared.value.number, { channelId, channelName: `inc-${declared.value.number}-payments-down` });
      harness.membership.join(channelId, ALICE);
    }
  }

  /** Every way a person can act on an incident by number, as the listeners call them. */
  const requests: Array<[string, Access, (target: Target) => Promise<Result<unknown, AppError>>]> = [
    ['status', 'read', (t) => incidentDetail(current().deps, t)],
    ['update', 'change', (t) => postStatusUpdate(current().deps, t, { text: 'rolled back' })],
    ['note', 'change', (t) => addNote(current().deps, t, { text: 'looked at the graphs' })],
    ['severity', 'change', (t) => changeSeverity(current().deps, t, { severity: 'sev1' })],
    ['mitigated', 'change', (t) => markMitigated(current().deps, t, { note: null })],
    ['resolve (the form)', 'change', (t) => openIncidentForm(current().deps, t, 'resolve')],
    ['resolve', 'change', (t) => resolveIncident(current().deps, t, { summary: 'fixed', cause: null })],
    ['reopen', 'change', (t) => reopenIncident(current().deps, t, { reason: 'back again' })],
    ['decline', 'change', (t) => declineIncident(current().deps, t, { reason: null })],
    ['followup', 'change', (t) => addFollowUp(current().deps, t, { text: 'add an alert', ownerId: null })],
    ['lead (invites the new lead)', 'change', (t) => handOverLead(current().deps, t, { newLeadId: DAVE })],
    ['impact', 'change', (t) => setImpact(current().deps, t, { impact: 'EU cannot pay' })],
    ['postmortem', 'change', (t) => generatePostmortem(current().deps, t)],
    ['acknowledge a lead handoff', 'change', (t) => acknowledgeLead(current().deps, t)],
  ];

  /** What a request left behind: a refused one leaves the record and the outbox as they were. */
  const footprint = async (number: number) => {
    const { store } = current();
    return {
      incident: await store.getIncident(number),
      timeline: (await store.timeline(number)).length,
      effects: (await store.liveEffects(1_000)).length,
      followUps: (await store.followUps(number)).length,
    };
  };

  return { twoIncidents, requests, footprint };
}
