import { describe, expect, it } from 'vitest';
import { ALICE, DAVE, PRIVATE, PUBLIC, incidentAccessBench, on, type Harness } from '../../test/support/incident-access.js';
import { pressOnPrompt } from '../../test/support/presses.js';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import { answerPrompt } from './answer-prompt.js';
import { declareIncident } from './declare-incident.js';
import { joinIncidentChannel } from './join-incident.js';
import { addNote } from './record-notes.js';

let harness: Harness;
const { twoIncidents } = incidentAccessBench(() => harness, (started) => (harness = started));

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
