import { incomingFromPost } from '../inbound/slack/alert-message.js';
import { afterEach, describe, expect, it } from 'vitest';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import { pressOnPrompt } from '../../test/support/presses.js';
import type { MemberAnswer } from './access-ports.js';
import { decideAccess, type Access, type AccessDecision } from './access.js';
import { answerPrompt } from './answer-prompt.js';
import type { AppError } from './app-error.js';
import { changeSeverity } from './change-severity.js';
import { declineIncident, markMitigated, reopenIncident, resolveIncident } from './change-status.js';
import { declareIncident } from './declare-incident.js';
import { explainAlert } from './explain-alert.js';
import { acknowledgeLead, handOverLead } from './hand-over-lead.js';
import { incidentDetail, listOpenIncidents } from './incident-queries.js';
import type { Target } from './mutate-incident.js';
import { openIncidentForm } from './open-forms.js';
import { postStatusUpdate } from './post-status-update.js';
import { generatePostmortem, incidentStats } from './postmortem.js';
import { setImpact } from './record-activity.js';
import { addFollowUp, addNote } from './record-notes.js';
import { runDueJobs } from './run-due-jobs.js';
import { ingestAlert } from './ingest-alert.js';
import { joinIncidentChannel } from './join-incident.js';
import type { Result } from '../domain/result.js';

type Harness = Awaited<ReturnType<typeof useCaseDeps>>;
let harness: Harness;
afterEach(async () => harness?.db.destroy());

describe('the permission rule', () => {
  it.each<[boolean, Access, MemberAnswer, AccessDecision]>([
    [false, 'read', 'member', 'allowed'],
    [false, 'read', 'not_member', 'allowed'],
    [false, 'read', 'unknown', 'allowed'],
    [false, 'change', 'member', 'allowed'],
    [false, 'change', 'not_member', 'join_first'],
    [false, 'change', 'unknown', 'unknown'],
    [false, 'join', 'not_member', 'join_first'],
    [true, 'read', 'member', 'allowed'],
    [true, 'read', 'not_member', 'hidden'],
    [true, 'read', 'unknown', 'unknown'],
    [true, 'change', 'member', 'allowed'],
    [true, 'change', 'not_member', 'hidden'],
    [true, 'change', 'unknown', 'unknown'],
    [true, 'join', 'not_member', 'hidden'],
  ])('private %s, %s, in the channel: %s → %s', (isPrivate, access, member, decision) => {
    expect(decideAccess({ isPrivate, access, member })).toBe(decision);
  });
});

const ALICE = 'UALICE';
const DAVE = 'UDAVE';
const PRIVATE = 1;
const PUBLIC = 2;

/** INC-1 is private (channel CPRIV), INC-2 public (channel CPUB); Alice is in both channels, Dave in neither. */
async function twoIncidents(): Promise<void> {
  harness = await useCaseDeps();
  for (const [isPrivate, channelId] of [[true, 'CPRIV'], [false, 'CPUB']] as const) {
    const declared = await declareIncident(harness.deps, { title: 'Payments down', impact: '', severity: 'sev2', commanderId: ALICE, declaredBy: ALICE, isPrivate, idempotencyKey: null });
    if (!declared.ok) throw new Error(declared.error.code);
    await harness.store.saveViewRefs(declared.value.number, { channelId, channelName: `inc-${declared.value.number}-payments-down` });
    harness.membership.join(channelId, ALICE);
  }
}

const on = (ref: number, actorId: string): Target => ({ ref, channelId: 'CRANDOM', subcommand: 'status', actorId });

/** Every way a person can act on an incident by number, as the listeners call them. */
const requests: Array<[string, Access, (target: Target) => Promise<Result<unknown, AppError>>]> = [
  ['status', 'read', (t) => incidentDetail(harness.deps, t)],
  ['update', 'change', (t) => postStatusUpdate(harness.deps, t, { text: 'rolled back' })],
  ['note', 'change', (t) => addNote(harness.deps, t, { text: 'looked at the graphs' })],
  ['severity', 'change', (t) => changeSeverity(harness.deps, t, { severity: 'sev1' })],
  ['mitigated', 'change', (t) => markMitigated(harness.deps, t, { note: null })],
  ['resolve (the form)', 'change', (t) => openIncidentForm(harness.deps, t, 'resolve')],
  ['resolve', 'change', (t) => resolveIncident(harness.deps, t, { summary: 'fixed', cause: null })],
  ['reopen', 'change', (t) => reopenIncident(harness.deps, t, { reason: 'back again' })],
  ['decline', 'change', (t) => declineIncident(harness.deps, t, { reason: null })],
  ['followup', 'change', (t) => addFollowUp(harness.deps, t, { text: 'add an alert', ownerId: null })],
  ['lead (invites the new lead)', 'change', (t) => handOverLead(harness.deps, t, { newLeadId: DAVE })],
  ['impact', 'change', (t) => setImpact(harness.deps, t, { impact: 'EU cannot pay' })],
  ['postmortem', 'change', (t) => generatePostmortem(harness.deps, t)],
  ['acknowledge a lead handoff', 'change', (t) => acknowledgeLead(harness.deps, t)],
];

/** What a request left behind: a refused one leaves the record and the outbox as they were. */
const footprint = async (number: number) => ({
  incident: await harness.store.getIncident(number),
  timeline: (await harness.store.timeline(number)).length,
  effects: (await harness.store.liveEffects(1_000)).length,
  followUps: (await harness.store.followUps(number)).length,
});

describe('a private incident does not exist for someone outside its channel', () => {
  it.each(requests)('%s: the same answer as for a number that does not exist, and nothing changes', async (_name, _access, run) => {
    await twoIncidents();
    const before = await footprint(PRIVATE);
    const missing = await run(on(99, DAVE));
    const hidden = await run(on(PRIVATE, DAVE));
    expect(missing).toEqual({ ok: false, error: { code: 'incident_not_found', number: 99 } });
    expect(hidden).toEqual({ ok: false, error: { code: 'incident_not_found', number: PRIVATE } });
    expect(await footprint(PRIVATE)).toEqual(before);
  });

  it.each(requests)('%s: a member of its channel gets past the door', async (_name, _access, run) => {
    await twoIncidents();
    const outcome = await run(on(PRIVATE, ALICE));
    // The domain may still say no (e.g. decline from investigating), but never "no such incident".
    expect(outcome.ok || !['incident_not_found', 'not_incident_member', 'no_incident_here'].includes(outcome.error.code)).toBe(true);
  });

  it('is missing from the list and the stats, and from the alert it was declared from', async () => {
    await twoIncidents();
    expect((await listOpenIncidents(harness.deps, DAVE)).map((i) => i.number)).toEqual([PUBLIC]);
    expect((await listOpenIncidents(harness.deps, ALICE)).map((i) => i.number)).toEqual([PRIVATE, PUBLIC]);
    expect((await incidentStats(harness.deps, DAVE, 86_400_000)).total).toBe(1);
    expect((await incidentStats(harness.deps, ALICE, 86_400_000)).total).toBe(2);

    const ingested = await ingestAlert(harness.deps, incomingFromPost({
      channelId: 'C0ALERTS',
      ts: '1.0001',
      at: harness.clock.now(),
      raw: '{}',
      message: { text: '502 errors spiking on checkout!!', attachments: [], blocks: [], username: null, botId: null },
    }));
    if (!ingested.stored || ingested.groupId === null) throw new Error('not grouped');
    const group = { id: ingested.groupId };
    await harness.store.linkIncidentToGroup(PRIVATE, group.id);
    harness.membership.join('C0ALERTS', ALICE, DAVE);
    const forDave = await explainAlert(harness.deps, DAVE, { channelId: 'C0ALERTS', ts: '1.0001' });
    const forAlice = await explainAlert(harness.deps, ALICE, { channelId: 'C0ALERTS', ts: '1.0001' });
    expect(forDave).toMatchObject({ ok: true, value: { of: 'message', message: { group: { id: group.id, incidentNumber: null } } } });
    expect(forAlice).toMatchObject({ ok: true, value: { of: 'message', message: { group: { id: group.id, incidentNumber: PRIVATE } } } });
  });

  it('answers its prompts only for members', async () => {
    await twoIncidents();
    harness.clock.advance(31 * 60_000);
    await runDueJobs(harness.deps);
    const [nudge] = (await harness.store.pendingPrompts(PRIVATE)).filter((p) => p.kind === 'mitigation_check');
    const press = await pressOnPrompt(harness.store, nudge?.id ?? 0, 'CPRIV');
    expect(await answerPrompt(harness.deps, { promptId: nudge?.id ?? 0, answer: 'mitigated', actorId: DAVE, press })).toEqual({
      ok: false,
      error: { code: 'incident_not_found', number: PRIVATE },
    });
    expect((await harness.store.getIncident(PRIVATE))?.status).toBe('investigating');
    expect(await answerPrompt(harness.deps, { promptId: nudge?.id ?? 0, answer: 'mitigated', actorId: ALICE, press })).toMatchObject({ ok: true });
  });

  it('before its channel exists, is for the people it is created for; a proposed lead counts as a member', async () => {
    await twoIncidents();
    const declared = await declareIncident(harness.deps, { title: 'Quiet', impact: '', severity: null, commanderId: 'UCAROL', declaredBy: ALICE, isPrivate: true, idempotencyKey: null });
    if (!declared.ok) throw new Error(declared.error.code);
    const number = declared.value.number;
    expect(await incidentDetail(harness.deps, on(number, 'UCAROL'))).toMatchObject({ ok: true });
    expect(await incidentDetail(harness.deps, on(number, DAVE))).toEqual({ ok: false, error: { code: 'incident_not_found', number } });
    // Alice (a member) proposes Bob: he may act and acknowledge before Slack lists him in the channel.
    expect(await handOverLead(harness.deps, on(PRIVATE, ALICE), { newLeadId: 'UBOB' })).toMatchObject({ ok: true });
    expect(await incidentDetail(harness.deps, on(PRIVATE, 'UBOB'))).toMatchObject({ ok: true });
    expect(await acknowledgeLead(harness.deps, on(PRIVATE, 'UBOB'))).toMatchObject({ ok: true, value: { commanderId: 'UBOB' } });
  });
});

describe('a public incident', () => {
  it.each(requests)('%s: anyone reads it; changing it takes joining its channel', async (_name, access, run) => {
    await twoIncidents();
    const before = await footprint(PUBLIC);
    const outcome = await run(on(PUBLIC, DAVE));
    if (access === 'read') expect(outcome).toMatchObject({ ok: true });
    else {
      expect(outcome).toEqual({ ok: false, error: { code: 'not_incident_member', number: PUBLIC, channelId: 'CPUB', channelName: 'inc-2-payments-down' } });
      expect(await footprint(PUBLIC)).toEqual(before);
    }
  });

  it('once joined, Dave may change it', async () => {
    await twoIncidents();
    harness.membership.join('CPUB', DAVE);
    expect(await addNote(harness.deps, on(PUBLIC, DAVE), { text: 'on it' })).toMatchObject({ ok: true });
  });
});

describe('when Slack cannot say who is in a channel', () => {
  it.each(requests)('%s: a private incident is refused to its own members ("can\'t check right now"), and nothing changes', async (_name, _access, run) => {
    await twoIncidents();
    harness.membership.unanswered('CPRIV');
    const before = await footprint(PRIVATE);
    expect(await run(on(PRIVATE, ALICE))).toEqual({ ok: false, error: { code: 'access_unknown', number: PRIVATE } });
    expect(await footprint(PRIVATE)).toEqual(before);
  });

  it.each(requests)('%s: a public incident is still read by anyone, and changed by nobody for now', async (_name, access, run) => {
    await twoIncidents();
    harness.membership.unanswered('CPUB');
    const before = await footprint(PUBLIC);
    const outcome = await run(on(PUBLIC, ALICE));
    if (access === 'read') expect(outcome).toMatchObject({ ok: true });
    else {
      expect(outcome).toEqual({ ok: false, error: { code: 'access_unknown', number: PUBLIC } });
      expect(await footprint(PUBLIC)).toEqual(before);
    }
  });

  it('leaves private incidents out of the list, and explains no alert of that channel', async () => {
    await twoIncidents();
    harness.membership.unanswered('CPRIV');
    expect((await listOpenIncidents(harness.deps, ALICE)).map((i) => i.number)).toEqual([PUBLIC]);
    harness.membership.join('C0ALERTS', ALICE);
    harness.membership.unanswered('C0ALERTS');
    expect(await explainAlert(harness.deps, ALICE, { channelId: 'C0ALERTS', ts: null })).toEqual({ ok: false, error: { code: 'access_unknown', number: null } });
  });
});

describe('triage explain', () => {
  it('shows an alert only to members of the channel it was posted in: to anyone else it does not exist', async () => {
    harness = await useCaseDeps();
    const alert = { channelId: 'G0SECRETS', ts: '1.0002', at: harness.clock.now(), raw: '{}' };
    await ingestAlert(harness.deps, incomingFromPost({ ...alert, message: { text: 'vault token s.abc123 leaked in logs', attachments: [], blocks: [], username: null, botId: null } }));
    harness.membership.join('G0SECRETS', ALICE);
    expect(await explainAlert(harness.deps, ALICE, { channelId: 'G0SECRETS', ts: '1.0002' })).toMatchObject({ ok: true, value: { of: 'message', message: { alert: { messageTs: '1.0002' } } } });
    expect(await explainAlert(harness.deps, DAVE, { channelId: 'G0SECRETS', ts: '1.0002' })).toEqual({ ok: false, error: { code: 'alert_not_found' } });
    expect(await explainAlert(harness.deps, DAVE, { channelId: 'G0SECRETS', ts: null })).toEqual({ ok: false, error: { code: 'alert_not_found' } });
  });
});

describe("\"I'll lead\" and the Join button", () => {
  /** A leaderless incident (its setup prompt asks who leads) in channel CLEAD, with Alice in it. */
  async function leaderless(isPrivate: boolean): Promise<{ number: number; promptId: number }> {
    harness = await useCaseDeps();
    const declared = await declareIncident(harness.deps, { title: 'Who leads?', impact: 'x', severity: 'sev2', commanderId: null, declaredBy: ALICE, isPrivate, idempotencyKey: null });
    if (!declared.ok) throw new Error(declared.error.code);
    await harness.store.saveViewRefs(declared.value.number, { channelId: 'CLEAD', channelName: 'inc-1-who-leads' });
    harness.membership.join('CLEAD', ALICE);
    const setup = (await harness.store.pendingPrompts(declared.value.number)).find((p) => p.kind === 'setup');
    if (!setup) throw new Error('no setup prompt');
    return { number: declared.value.number, promptId: setup.id };
  }

  it('on a public incident, invites the presser into its channel and makes them commander in one press', async () => {
    const { number, promptId } = await leaderless(false);
    const press = await pressOnPrompt(harness.store, promptId, 'CLEAD');
    expect(await answerPrompt(harness.deps, { promptId, answer: 'lead_self', actorId: DAVE, press })).toMatchObject({ ok: true, value: { incident: { commanderId: DAVE } } });
    expect(await harness.membership.checkMember('CLEAD', DAVE)).toBe('member');
    expect((await harness.store.getIncident(number))?.commanderId).toBe(DAVE);
  });

  it('on a private incident, keeps its rule: a non-member is answered as if it did not exist, and not invited', async () => {
    const { number, promptId } = await leaderless(true);
    const press = await pressOnPrompt(harness.store, promptId, 'CLEAD');
    expect(await answerPrompt(harness.deps, { promptId, answer: 'lead_self', actorId: DAVE, press })).toEqual({ ok: false, error: { code: 'incident_not_found', number } });
    expect(await harness.membership.checkMember('CLEAD', DAVE)).toBe('not_member');
    expect((await harness.store.getIncident(number))?.commanderId).toBeNull();
  });

  it('changes nothing when Slack will not let the presser in, and says so', async () => {
    const { number, promptId } = await leaderless(false);
    harness.membership.refuseInvites('CLEAD');
    const press = await pressOnPrompt(harness.store, promptId, 'CLEAD');
    expect(await answerPrompt(harness.deps, { promptId, answer: 'lead_self', actorId: DAVE, press })).toEqual({ ok: false, error: { code: 'join_failed', channelId: 'CLEAD' } });
    expect((await harness.store.getIncident(number))?.commanderId).toBeNull();
  });

  it('the Join button lets anyone into a public incident, and nobody into a private one', async () => {
    await twoIncidents();
    expect(await joinIncidentChannel(harness.deps, { number: PUBLIC, actorId: DAVE })).toEqual({ ok: true, value: { channelId: 'CPUB' } });
    expect(await addNote(harness.deps, on(PUBLIC, DAVE), { text: 'here to help' })).toMatchObject({ ok: true });
    expect(await joinIncidentChannel(harness.deps, { number: PRIVATE, actorId: DAVE })).toEqual({ ok: false, error: { code: 'incident_not_found', number: PRIVATE } });
    expect(await harness.membership.checkMember('CPRIV', DAVE)).toBe('not_member');
  });
});
