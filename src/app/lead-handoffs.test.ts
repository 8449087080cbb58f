import { afterEach, describe, expect, it } from 'vitest';
import { markDelivered, queuedEffects } from '../../test/support/outbox.js';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import type { LeadMessagePart } from '../domain/lead-handoff.js';
import { resolveIncident } from './change-status.js';
import type { Press } from './controls.js';
import { declareIncident } from './declare-incident.js';
import { acknowledgeLead, declineLead, handOverLead } from './hand-over-lead.js';
import { runDueJobs } from './run-due-jobs.js';

const MIN = 60_000;
let harness: Awaited<ReturnType<typeof useCaseDeps>>;
afterEach(async () => harness?.db.destroy());

const asAlice = { ref: 1, channelId: null, subcommand: 'lead', actorId: 'UALICE' };

async function declaredAndAskedBob() {
  harness = await useCaseDeps();
  await declareIncident(harness.deps, { title: 'Checkout down', impact: 'EU cannot pay', severity: 'sev2', commanderId: 'UALICE', declaredBy: 'UALICE', isPrivate: false, idempotencyKey: null });
  await harness.store.saveViewRefs(1, { channelId: 'CINC1' });
  harness.membership.join('CINC1', 'UALICE', 'UDAN');
  expect(await handOverLead(harness.deps, asAlice, { newLeadId: 'UBOB' })).toMatchObject({ ok: true });
}

/** Where a lead handoff's DM "was posted", and a press on it (use-case tests have no Slack). */
async function pressOn(handoffId: number, part: LeadMessagePart, channelId = 'D0BOB'): Promise<Press> {
  const ts = `1795400000.${String(handoffId * 10 + ['briefing', 'reminder', 'notice'].indexOf(part)).padStart(6, '0')}`;
  await harness.store.saveLeadMessage({ handoffId, part, channelId, ts, postedAt: harness.clock.now() });
  return { kind: 'press', channelId, messageTs: ts };
}

const bobPresses = async (press: Press) => ({ ref: 1, channelId: press.channelId, subcommand: 'lead', actorId: 'UBOB', control: press });

/** The lead-handoff effects queued since the last call, as `action part #handoff`. */
async function leadEffects(): Promise<string[]> {
  const rows = await queuedEffects(harness.store);
  await markDelivered(harness.store, rows.map((r) => r.id), harness.clock.now());
  return rows.flatMap(({ effect }) =>
    effect.kind === 'post_lead_message' || effect.kind === 'refresh_lead_message' ? [`${effect.kind.split('_')[0] ?? ''} ${effect.part} #${effect.handoffId}`] : [],
  );
}

describe('a lead handoff is a record of its own, and every change to it re-renders its messages', () => {
  it('a request stores the handoff and queues its briefing', async () => {
    await declaredAndAskedBob();
    expect(await harness.store.pendingLeadHandoff(1)).toMatchObject({ id: 1, fromId: 'UALICE', toId: 'UBOB', requestedBy: 'UALICE', state: 'pending', remindedAt: null });
    expect(await leadEffects()).toEqual(['post briefing #1']);
  });

  it('acknowledged before the reminder: the briefing is re-rendered, nothing else is sent', async () => {
    await declaredAndAskedBob();
    await leadEffects();
    harness.clock.advance(3 * MIN);
    expect(await acknowledgeLead(harness.deps, await bobPresses(await pressOn(1, 'briefing')))).toMatchObject({ ok: true, value: { commanderId: 'UBOB' } });
    expect(await harness.store.getLeadHandoff(1)).toMatchObject({ state: 'acknowledged', endedBy: 'UBOB', endedAt: harness.clock.now() });
    expect(await leadEffects()).toEqual(['refresh briefing #1']);
    // The reminder job is cancelled: nobody is reminded of a handoff that is over.
    harness.clock.advance(10 * MIN);
    await runDueJobs(harness.deps);
    expect(await leadEffects()).toEqual([]);
  });

  it('acknowledged on the reminder after the timeout: all three messages are re-rendered', async () => {
    await declaredAndAskedBob();
    harness.clock.advance(10 * MIN);
    await runDueJobs(harness.deps);
    expect(await leadEffects()).toEqual(['post briefing #1', 'post reminder #1', 'post notice #1']);
    expect(await acknowledgeLead(harness.deps, await bobPresses(await pressOn(1, 'reminder')))).toMatchObject({ ok: true });
    expect(await leadEffects()).toEqual(['refresh briefing #1', 'refresh reminder #1', 'refresh notice #1']);
  });

  it('declined before the reminder: the commander stays and is told at once', async () => {
    await declaredAndAskedBob();
    await leadEffects();
    expect(await declineLead(harness.deps, { ...(await bobPresses(await pressOn(1, 'briefing'))), actorId: 'UDAN' })).toMatchObject({
      ok: false,
      error: { code: 'not_pending_lead', pendingLeadId: 'UBOB' },
    });
    expect(await declineLead(harness.deps, await bobPresses(await pressOn(1, 'briefing')))).toMatchObject({ ok: true, value: { commanderId: 'UALICE', pendingLead: null } });
    expect(await harness.store.getLeadHandoff(1)).toMatchObject({ state: 'declined', endedBy: 'UBOB' });
    expect(await leadEffects()).toEqual(['refresh briefing #1', 'post notice #1']);
    expect((await harness.store.timeline(1)).at(-1)).toMatchObject({ kind: 'lead_handoff_declined', actorId: 'UBOB', data: { from: 'UALICE', to: 'UBOB' } });
  });

  it('asking someone else replaces the request: the first is closed with who was asked instead, the second briefed', async () => {
    await declaredAndAskedBob();
    harness.clock.advance(10 * MIN);
    await runDueJobs(harness.deps);
    await leadEffects();
    harness.clock.advance(MIN);
    expect(await handOverLead(harness.deps, { ...asAlice, actorId: 'UDAN' }, { newLeadId: 'UCAROL' })).toMatchObject({ ok: true });
    expect(await harness.store.getLeadHandoff(1)).toMatchObject({ state: 'replaced', endedBy: 'UDAN', nextLeadId: 'UCAROL' });
    expect(await harness.store.pendingLeadHandoff(1)).toMatchObject({ id: 2, fromId: 'UALICE', toId: 'UCAROL', requestedBy: 'UDAN' });
    expect(await leadEffects()).toEqual(['refresh briefing #1', 'refresh reminder #1', 'refresh notice #1', 'post briefing #2']);
    // Bob's old buttons no longer act: the request is Carol's now (he was invited when asked).
    harness.membership.join('CINC1', 'UBOB');
    expect(await acknowledgeLead(harness.deps, await bobPresses(await pressOn(1, 'briefing')))).toMatchObject({ ok: false, error: { code: 'not_pending_lead', pendingLeadId: 'UCAROL' } });
  });

  it('asking the person already asked is refused and changes nothing', async () => {
    await declaredAndAskedBob();
    await leadEffects();
    expect(await handOverLead(harness.deps, asAlice, { newLeadId: 'UBOB' })).toMatchObject({ ok: false, error: { code: 'lead_already_pending', userId: 'UBOB' } });
    expect(await leadEffects()).toEqual([]);
  });

  it('resolving withdraws the request: it ends with the incident, and nobody can take over a closed incident', async () => {
    await declaredAndAskedBob();
    await leadEffects();
    expect(await resolveIncident(harness.deps, asAlice, { summary: 'Rolled back', cause: null })).toMatchObject({ ok: true, value: { pendingLead: null, commanderId: 'UALICE' } });
    expect(await harness.store.getLeadHandoff(1)).toMatchObject({ state: 'withdrawn', closedAs: 'resolved', endedBy: 'UALICE' });
    expect(await leadEffects()).toEqual(['refresh briefing #1']);
    expect(await acknowledgeLead(harness.deps, await bobPresses(await pressOn(1, 'briefing')))).toMatchObject({ ok: false });
  });

  it('a press is honoured only on a message of a lead handoff the bot posted', async () => {
    await declaredAndAskedBob();
    const forged: Press = { kind: 'press', channelId: 'D0BOB', messageTs: '1795400099.000001' };
    expect(await acknowledgeLead(harness.deps, await bobPresses(forged))).toEqual({ ok: false, error: { code: 'control_not_recognised', what: 'button' } });
    expect(await harness.store.botMessageAt('D0BOB', (await pressOn(1, 'briefing')).messageTs)).toEqual({ kind: 'lead_message', incidentNumber: 1, handoffId: 1, part: 'briefing' });
  });
});
