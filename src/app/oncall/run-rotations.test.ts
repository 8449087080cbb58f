import { incomingFromPost } from '../../inbound/slack/alert-message.js';
import { afterEach, describe, expect, it } from 'vitest';
import { queuedEffects } from '../../../test/support/outbox.js';
import { pressOnHandoff, pressOnTriageReply } from '../../../test/support/presses.js';
import { useCaseDeps } from '../../../test/support/use-case-deps.js';
import { platformRotation } from '../../../test/support/rotations.js';
import { declareIncident } from '../declare-incident.js';
import type { AlertMessage } from '../../domain/triage/alert.js';
import { ingestAlert } from '../ingest-alert.js';
import { acknowledgeGroup } from '../triage-actions.js';
import type { Effect } from '../ports.js';
import { acknowledgeHandoff, openHandoffNotesForm, writeHandoffNotes } from './answer-handoff.js';
import { whoIsOnCall, shiftReport } from './oncall-queries.js';
import { overrideShift } from './override-shift.js';
import { runRotations } from './run-rotations.js';
import { startHandoff } from './start-handoff.js';

const MIN = 60_000;
let harness: Awaited<ReturnType<typeof useCaseDeps>>;
afterEach(async () => harness?.db.destroy());

/** Daily 10:00 Seoul handoffs, alice then bob, reminder 30 min before, 15 min to acknowledge. */
const platform = platformRotation;

async function start(at = '2026-11-23T01:00:00Z') {
  harness = await useCaseDeps(at, [platform]);
  return harness;
}

async function handoffEffects(): Promise<string[]> {
  const pending = await queuedEffects(harness.store);
  return pending
    .map((p) => p.effect)
    .filter((e): e is Extract<Effect, { kind: 'post_handoff_message' }> => e.kind === 'post_handoff_message')
    .map((e) => `${e.handoffId}:${e.part}`);
}

/** Runs the tick many times, as the 1 s scheduler would, to show repetition changes nothing. */
async function tick(times = 3) {
  for (let i = 0; i < times; i += 1) await runRotations(harness.deps);
}

describe('scheduled shift handoffs', () => {
  it('reminds the outgoing person remindBefore the handoff, once', async () => {
    await start('2026-11-23T01:00:00Z'); // 10:00 KST: alice's shift starts
    await tick();
    harness.clock.set('2026-11-24T00:29:59Z'); // 09:29:59 KST next day
    await tick();
    expect(await handoffEffects()).toEqual([]);
    harness.clock.set('2026-11-24T00:30:00Z');
    await tick();
    expect(await handoffEffects()).toEqual(['1:reminder']);
    const handoff = await harness.store.getHandoff(1);
    expect(handoff).toMatchObject({ outgoingId: 'U0ALICE', incomingId: 'U0BOB', dueAt: new Date('2026-11-24T01:00:00Z'), postedAt: null });
  });

  it('posts at the handoff with the notes, raises the lead handoff of incidents the outgoing person leads, and chases the ack once', async () => {
    await start();
    await declareIncident(harness.deps, { title: 'Checkout down', impact: 'EU cannot pay', severity: 'sev1', commanderId: 'U0ALICE', declaredBy: 'U0ALICE', isPrivate: false, idempotencyKey: null });
    harness.clock.set('2026-11-24T00:30:00Z');
    await tick();
    const reminder = await pressOnHandoff(harness.store, 1, 'reminder', 'D0ALICE');
    expect(await openHandoffNotesForm(harness.deps, { handoffId: 1, userId: 'U0BOB', press: reminder })).toEqual({ ok: false, error: { code: 'not_handoff_outgoing', outgoingId: 'U0ALICE' } });
    const form = await openHandoffNotesForm(harness.deps, { handoffId: 1, userId: 'U0ALICE', press: reminder });
    if (!form.ok) throw new Error(form.error.code);
    const submission = { kind: 'form' as const, form: 'handoff_notes' as const, token: form.value.token, viewId: 'V1' };
    expect(await writeHandoffNotes(harness.deps, submission, 'U0BOB', 'not mine')).toEqual({ ok: false, error: { code: 'control_not_recognised', what: 'form' } });
    expect((await writeHandoffNotes(harness.deps, submission, 'U0ALICE', 'DB failover is flaky; see INC-1')).ok).toBe(true);

    harness.clock.set('2026-11-24T01:00:00Z');
    await tick();
    expect(await handoffEffects()).toEqual(['1:reminder', '1:post']);
    expect(await harness.store.getHandoff(1)).toMatchObject({ postedAt: new Date('2026-11-24T01:00:00Z'), late: false, notes: 'DB failover is flaky; see INC-1' });
    expect((await harness.store.getIncident(1))?.pendingLead).toMatchObject({ userId: 'U0BOB', by: 'U0ALICE' });

    harness.clock.set('2026-11-24T01:14:59Z');
    await tick();
    expect(await handoffEffects()).toHaveLength(2);
    harness.clock.set('2026-11-24T01:15:00Z');
    await tick(5);
    expect(await handoffEffects()).toEqual(['1:reminder', '1:post', '1:ack_reminder_incoming', '1:ack_reminder_outgoing']);

    const post = await pressOnHandoff(harness.store, 1, 'post');
    const notIncoming = await acknowledgeHandoff(harness.deps, { handoffId: 1, userId: 'U0ALICE', press: post });
    expect(notIncoming).toEqual({ ok: false, error: { code: 'not_handoff_incoming', incomingId: 'U0BOB' } });
    expect((await acknowledgeHandoff(harness.deps, { handoffId: 1, userId: 'U0BOB', press: post })).ok).toBe(true);
    expect(await harness.store.getHandoff(1)).toMatchObject({ acknowledgedBy: 'U0BOB', acknowledgedAt: new Date('2026-11-24T01:15:00Z') });
    // Now bob is on call until tomorrow's handoff.
    const [view] = await whoIsOnCall(harness.deps);
    expect(view?.now.userId).toBe('U0BOB');
    expect(view?.next).toMatchObject({ userId: 'U0ALICE', at: new Date('2026-11-25T01:00:00Z') });
  });

  it('a handoff missed while the bot was down is posted once, marked late; earlier missed ones are not replayed', async () => {
    await start();
    await tick();
    harness.clock.set('2026-11-24T00:30:00Z');
    await tick(); // reminder for the 24th, then the bot goes down for three days
    harness.clock.set('2026-11-27T03:00:00Z');
    await tick(5);
    expect(await handoffEffects()).toEqual(['1:reminder', '2:post']);
    expect(await harness.store.getHandoff(1)).toMatchObject({ skipped: true, postedAt: null });
    // Handoffs on the 24th, 25th, 26th and 27th: four shifts on from alice → alice again (index 4).
    expect(await harness.store.getHandoff(2)).toMatchObject({ late: true, dueAt: new Date('2026-11-27T01:00:00Z'), outgoingId: 'U0BOB', incomingId: 'U0ALICE', shiftIndex: 4 });
  });

  it.each([
    [0, false],
    [1_000, false],
    [2_000, false],
    [2_500, true],
    [6_000, true],
  ])('a handoff recorded %i ms after its time is late: %s (it did not happen on time once the tick missed it)', async (delayMs, late) => {
    await start();
    await tick();
    harness.clock.set('2026-11-24T00:30:00Z');
    await tick(); // the reminder, on time
    harness.clock.set(new Date(new Date('2026-11-24T01:00:00Z').getTime() + delayMs));
    await tick();
    expect(await harness.store.getHandoff(1)).toMatchObject({ late, postedAt: harness.clock.now() });
  });

  it('does not post handoffs that fell before the bot first saw the rotation', async () => {
    await start('2026-11-30T05:00:00Z');
    await tick();
    expect(await handoffEffects()).toEqual([]);
    const [view] = await whoIsOnCall(harness.deps);
    expect(view?.now.userId).toBe('U0BOB'); // 7 handoffs since the start on the 23rd
  });
});

describe('manual handoffs and overrides', () => {
  it('/incident handoff hands over now; the rotation moves on from there', async () => {
    await start('2026-11-23T05:00:00Z');
    const started = await startHandoff(harness.deps, { rotation: null, channelId: 'C0GENERAL', actorId: 'U0ALICE', notes: 'going offline early' });
    expect(started).toMatchObject({ ok: true, value: { outgoingId: 'U0ALICE', incomingId: 'U0BOB', trigger: 'manual', notes: 'going offline early' } });
    expect(await handoffEffects()).toEqual(['1:post']);
    const [view] = await whoIsOnCall(harness.deps);
    expect(view?.now.userId).toBe('U0BOB');
    // The next scheduled handoff passes bob's shift back to alice.
    harness.clock.set('2026-11-24T01:00:00Z');
    await tick();
    expect(await harness.store.getHandoff(2)).toMatchObject({ outgoingId: 'U0BOB', incomingId: 'U0ALICE' });
  });

  it('an override takes the shift for its span and is shown as such', async () => {
    await start('2026-11-23T05:00:00Z');
    const outcome = await overrideShift(harness.deps, { rotation: null, channelId: 'C0GENERAL', actorId: 'U0ALICE', userId: 'U0CAROL', durationMs: 2 * 60 * MIN });
    expect(outcome.ok).toBe(true);
    const [view] = await whoIsOnCall(harness.deps);
    expect(view?.now).toMatchObject({ userId: 'U0CAROL', shift: { userId: 'U0ALICE' }, override: { userId: 'U0CAROL' } });
    harness.clock.advance(2 * 60 * MIN);
    expect((await whoIsOnCall(harness.deps))[0]?.now).toMatchObject({ userId: 'U0ALICE', override: null });
  });

  it('a manual handoff by the person covering ends their override', async () => {
    await start('2026-11-23T05:00:00Z');
    await overrideShift(harness.deps, { rotation: 'platform', channelId: 'C0GENERAL', actorId: 'U0CAROL', userId: 'U0CAROL', durationMs: 4 * 60 * MIN });
    const started = await startHandoff(harness.deps, { rotation: null, channelId: 'C0ONCALL', actorId: 'U0CAROL', notes: null });
    expect(started).toMatchObject({ ok: true, value: { outgoingId: 'U0CAROL', incomingId: 'U0BOB' } });
    expect((await whoIsOnCall(harness.deps))[0]?.now).toMatchObject({ userId: 'U0BOB', override: null });
  });

  it('refuses overrides longer than a month and unknown rotations, with the names to use', async () => {
    await start();
    expect(await overrideShift(harness.deps, { rotation: null, channelId: 'C0X', actorId: 'U0ALICE', userId: 'U0CAROL', durationMs: 40 * 86_400_000 })).toMatchObject({
      ok: false,
      error: { code: 'override_too_long' },
    });
    expect(await startHandoff(harness.deps, { rotation: 'db', channelId: 'C0X', actorId: 'U0ALICE', notes: null })).toEqual({
      ok: false,
      error: { code: 'which_rotation', input: 'db', names: ['platform'] },
    });
    expect(await harness.store.getHandoff(1)).toBeUndefined();
  });
});

describe('shift report', () => {
  it('counts what the shift saw: incidents declared and resolved in it, alerts by severity, time to acknowledge', async () => {
    await start('2026-11-23T01:00:00Z');
    await tick();
    await declareIncident(harness.deps, { title: 'Search slow', impact: 'slow', severity: 'sev3', commanderId: 'U0ALICE', declaredBy: 'U0ALICE', isPrivate: false, idempotencyKey: null });
    // Three alert groups start during the shift; two are acknowledged after 2 and 6 minutes.
    const alert = async (text: string, ts: string) => {
      const at = harness.clock.now();
      const message: AlertMessage = { text, attachments: [], blocks: [], username: null, botId: null };
      return ingestAlert(harness.deps, incomingFromPost({ channelId: 'C0ALERTS', ts, at, raw: JSON.stringify({ text }), message }));
    };
    harness.clock.set('2026-11-23T05:00:00Z');
    await alert('[FIRING:1] DiskFull db (critical)', '1.000001');
    await alert('502 errors spiking on checkout!!', '1.000002');
    await alert('search latency high', '1.000003');
    harness.clock.advance(2 * MIN);
    await acknowledgeGroup(harness.deps, { groupId: 1, userId: 'U0ALICE', press: await pressOnTriageReply(harness.store, 1) });
    harness.clock.advance(4 * MIN);
    await acknowledgeGroup(harness.deps, { groupId: 2, userId: 'U0ALICE', press: await pressOnTriageReply(harness.store, 2) });
    harness.clock.set('2026-11-24T01:00:00Z');
    await tick();
    const handoff = await harness.store.getHandoff(1);
    if (!handoff) throw new Error('no handoff');
    const report = await shiftReport(harness.deps, handoff, handoff.dueAt);
    expect(report.from).toEqual(new Date('2026-11-23T01:00:00Z'));
    expect(report.declared.map((i) => i.number)).toEqual([1]);
    expect(report.openIncidents.map((i) => i.number)).toEqual([1]);
    expect(report.alertTotal).toBe(3);
    expect(report.acknowledgement).toEqual({ groups: 3, acknowledged: 2, medianMs: 4 * MIN });
    expect(report.unresolvedGroups).toHaveLength(3);
  });
});
