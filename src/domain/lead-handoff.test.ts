import { describe, expect, it } from 'vitest';
import { fixedClock } from './clock.js';
import type { Incident } from './incident.js';
import { LEAD_HANDOFF_STATES, LEAD_MESSAGE_PARTS, leadHandoffEnd, messagesAfterEnd, offersAnswer, readerOf, startsLeadHandoff, worthSending } from './lead-handoff.js';
import { acknowledgeLead, declare, declineLead, requestLeadHandoff, resolve, transition, type Change } from './lifecycle.js';

const clock = fixedClock('2026-11-23T03:00:00Z');
const later = new Date('2026-11-23T03:05:00Z');

function declared(): Incident {
  const result = declare(
    { number: 1, title: 'Checkout down', impact: 'EU cannot pay', severity: 'sev2', commanderId: 'UALICE', declaredBy: 'UALICE', isPrivate: false, origin: 'manual', impactStartedAt: null, detectedAt: null },
    clock.now(),
  );
  if (!result.ok) throw new Error(result.error.code);
  return result.value.incident;
}

const changed = (outcome: { ok: true; value: Change } | { ok: false; error: { code: string } }): Change => {
  if (!outcome.ok) throw new Error(outcome.error.code);
  return outcome.value;
};

const askedBob = (): Incident => changed(requestLeadHandoff(declared(), 'UBOB', 'UALICE', clock.now())).incident;

describe('how a change ends a pending lead handoff', () => {
  it('a request starts one; nothing else does', () => {
    expect(startsLeadHandoff(declared(), askedBob())).toBe(true);
    expect(startsLeadHandoff(askedBob(), askedBob())).toBe(false);
    expect(startsLeadHandoff(askedBob(), { ...askedBob(), severity: 'sev1' })).toBe(false);
  });

  it('acknowledged: the proposed commander took over', () => {
    const { incident, events } = changed(acknowledgeLead(askedBob(), 'UBOB', later));
    expect(leadHandoffEnd(askedBob(), incident, events, 'UBOB')).toEqual({ state: 'acknowledged', endedBy: 'UBOB', nextLeadId: null, closedAs: null });
  });

  it('declined: the commander stays, and the timeline says who declined', () => {
    const { incident, events } = changed(declineLead(askedBob(), 'UBOB', later));
    expect(incident).toMatchObject({ commanderId: 'UALICE', pendingLead: null });
    expect(events).toMatchObject([{ kind: 'lead_handoff_declined', actorId: 'UBOB', data: { from: 'UALICE', to: 'UBOB' } }]);
    expect(leadHandoffEnd(askedBob(), incident, events, 'UBOB')).toEqual({ state: 'declined', endedBy: 'UBOB', nextLeadId: null, closedAs: null });
  });

  it('replaced: someone else was asked instead, by whoever asked', () => {
    const { incident, events } = changed(requestLeadHandoff(askedBob(), 'UCAROL', 'UDAN', later));
    expect(startsLeadHandoff(askedBob(), incident)).toBe(true);
    expect(leadHandoffEnd(askedBob(), incident, events, 'UDAN')).toEqual({ state: 'replaced', endedBy: 'UDAN', nextLeadId: 'UCAROL', closedAs: null });
  });

  it.each(['resolved', 'declined'] as const)('withdrawn: the incident was closed as %s, which clears the pending lead', (status) => {
    const closing = status === 'resolved' ? resolve(askedBob(), { actorId: 'UALICE', summary: null, cause: null, now: later }) : transition({ ...askedBob(), status: 'triage' }, { to: 'declined', actorId: 'UALICE', note: null, now: later });
    const { incident, events } = changed(closing);
    expect(incident.pendingLead).toBeNull();
    expect(leadHandoffEnd(askedBob(), incident, events, 'UALICE')).toEqual({ state: 'withdrawn', endedBy: 'UALICE', nextLeadId: null, closedAs: status });
  });

  it('mitigating keeps the handoff pending', () => {
    const { incident, events } = changed(transition(askedBob(), { to: 'mitigated', actorId: 'UALICE', note: null, now: later }));
    expect(incident.pendingLead).toMatchObject({ userId: 'UBOB' });
    expect(leadHandoffEnd(askedBob(), incident, events, 'UALICE')).toBeNull();
  });

  it('asking the person already asked is refused; only they may decline', () => {
    expect(requestLeadHandoff(askedBob(), 'UBOB', 'UALICE', later)).toEqual({ ok: false, error: { code: 'lead_already_pending', userId: 'UBOB', since: clock.now() } });
    expect(declineLead(askedBob(), 'UCAROL', later)).toEqual({ ok: false, error: { code: 'not_pending_lead', userId: 'UCAROL', pendingLeadId: 'UBOB' } });
    expect(declineLead(declared(), 'UBOB', later)).toEqual({ ok: false, error: { code: 'not_pending_lead', userId: 'UBOB', pendingLeadId: null } });
  });
});

describe('the messages of a lead handoff', () => {
  const handoff = { fromId: 'UALICE', toId: 'UBOB' };

  it('the briefing and the reminder are the proposed commander’s; the notice is the current one’s', () => {
    expect(LEAD_MESSAGE_PARTS.map((part) => readerOf(handoff, part))).toEqual(['UBOB', 'UBOB', 'UALICE']);
  });

  it.each(LEAD_HANDOFF_STATES.flatMap((state) => LEAD_MESSAGE_PARTS.map((part) => [state, part] as const)))('%s %s: buttons and sending', (state, part) => {
    expect(offersAnswer({ state }, part)).toBe(state === 'pending' && part !== 'notice');
    expect(worthSending({ state }, part)).toBe(state === 'pending' || (state === 'declined' && part === 'notice'));
  });

  it('when a handoff ends, the briefing is re-rendered, the reminder and notice too once sent, and a decline is told to a commander never reminded', () => {
    expect(messagesAfterEnd({ state: 'acknowledged', remindedAt: null })).toEqual([{ part: 'briefing', action: 'refresh' }]);
    expect(messagesAfterEnd({ state: 'declined', remindedAt: null })).toEqual([
      { part: 'briefing', action: 'refresh' },
      { part: 'notice', action: 'post' },
    ]);
    for (const state of ['acknowledged', 'declined', 'replaced', 'withdrawn'] as const) {
      expect(messagesAfterEnd({ state, remindedAt: later })).toEqual([
        { part: 'briefing', action: 'refresh' },
        { part: 'reminder', action: 'refresh' },
        { part: 'notice', action: 'refresh' },
      ]);
    }
  });
});
