import { afterEach, describe, expect, it } from 'vitest';
import { queuedEffects } from '../../test/support/outbox.js';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import { changeSeverity } from './change-severity.js';
import { declineIncident, markMitigated, resolveIncident } from './change-status.js';
import { declareIncident, type DeclareRequest } from './declare-incident.js';
import { acknowledgeLead, handOverLead } from './hand-over-lead.js';
import { listOpenIncidents } from './incident-queries.js';
import { postStatusUpdate } from './post-status-update.js';
import { mirrorMessageChange, recordPinnedMessage } from './record-pinned-message.js';
import { addFollowUp } from './record-notes.js';

type Harness = Awaited<ReturnType<typeof useCaseDeps>>;
let harness: Harness;
afterEach(async () => harness?.db.destroy());

const request = (overrides: Partial<DeclareRequest> = {}): DeclareRequest => ({
  title: 'Checkout 502s',
  impact: 'EU users cannot pay',
  severity: 'sev2',
  commanderId: 'UALICE',
  declaredBy: 'UBOB',
  isPrivate: false,
  idempotencyKey: null,
  ...overrides,
});

async function declared(overrides: Partial<DeclareRequest> = {}) {
  const result = await declareIncident(harness.deps, request(overrides));
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

const byNumber = (ref: number, actorId = 'UALICE') => ({ ref, channelId: null, subcommand: 'status', actorId });

describe('declaring', () => {
  it('numbers incidents 1, 2, 3 and records the declaration with a channel to create', async () => {
    harness = await useCaseDeps();
    expect((await declared()).number).toBe(1);
    expect((await declared({ title: 'Second' })).number).toBe(2);
    expect(await harness.store.timeline(1)).toMatchObject([{ kind: 'declared', actorId: 'UBOB', text: 'Checkout 502s' }]);
    const pending = await queuedEffects(harness.store);
    // One effect per Slack target: the channel (and topic), the pinned card, the announcement.
    expect(pending.map((p) => p.effect)).toEqual([
      { kind: 'sync_channel', incidentNumber: 1 },
      { kind: 'sync_card', incidentNumber: 1 },
      { kind: 'sync_announcement', incidentNumber: 1 },
      { kind: 'sync_channel', incidentNumber: 2 },
      { kind: 'sync_card', incidentNumber: 2 },
      { kind: 'sync_announcement', incidentNumber: 2 },
    ]);
    expect(harness.kicks()).toBe(2);
  });

  it('declares once when the same modal is submitted twice', async () => {
    harness = await useCaseDeps();
    await declared({ idempotencyKey: 'V123' });
    expect(await declareIncident(harness.deps, request({ idempotencyKey: 'V123' }))).toEqual({ ok: false, error: { code: 'already_submitted' } });
    expect(await harness.store.listOpenIncidents()).toHaveLength(1);
  });

  it('refuses an unknown severity and a 201-character title, storing nothing', async () => {
    harness = await useCaseDeps();
    expect(await declareIncident(harness.deps, request({ severity: 'sev9' }))).toMatchObject({ ok: false, error: { code: 'unknown_severity' } });
    expect(await declareIncident(harness.deps, request({ title: 'x'.repeat(201) }))).toMatchObject({ ok: false, error: { code: 'text_too_long', max: 200 } });
    expect(await harness.store.listOpenIncidents()).toHaveLength(0);
    expect(await queuedEffects(harness.store)).toHaveLength(0);
  });

  it('a form refused for its title uses up no number and no submission: corrected, it declares as INC-1', async () => {
    harness = await useCaseDeps();
    expect(await declareIncident(harness.deps, request({ idempotencyKey: 'V9', title: 'x'.repeat(201) }))).toMatchObject({ ok: false, error: { code: 'text_too_long' } });
    expect(await declareIncident(harness.deps, request({ idempotencyKey: 'V9', impact: 'y'.repeat(5_000) }))).toMatchObject({ ok: false });
    expect((await declared({ idempotencyKey: 'V9' })).number).toBe(1);
  });
});

describe('changing an incident', () => {
  it('saves the change, its timeline event and its Slack effects together', async () => {
    harness = await useCaseDeps();
    await declared();
    harness.clock.advance(5 * 60_000);
    const updated = await postStatusUpdate(harness.deps, byNumber(1), { text: 'Rolled back' });
    expect(updated.ok).toBe(true);
    const timeline = await harness.store.timeline(1);
    expect(timeline.at(-1)).toMatchObject({ kind: 'status_update', text: 'Rolled back', occurredAt: harness.clock.now() });
    const effects = (await queuedEffects(harness.store)).map((p) => p.effect.kind);
    // The declaration's syncs are still queued, so the update queues no second one of each; the update goes to the
    // card's thread as its timeline message and to the announcement's thread as its own effect.
    expect(effects).toEqual(['sync_channel', 'sync_card', 'sync_announcement', 'post_update_to_announcement', 'post_timeline_messages']);
  });

  it('leaves the record untouched when the change is refused', async () => {
    harness = await useCaseDeps();
    await declared();
    const before = await harness.store.getIncident(1);
    const eventsBefore = await harness.store.timeline(1);
    expect(await declineIncident(harness.deps, byNumber(1, 'U1'), { reason: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid_transition', from: 'investigating', to: 'declined' },
    });
    expect(await changeSeverity(harness.deps, byNumber(1, 'U1'), { severity: 'sev9' })).toMatchObject({ ok: false, error: { code: 'unknown_severity' } });
    expect(await harness.store.getIncident(1)).toEqual(before);
    expect(await harness.store.timeline(1)).toEqual(eventsBefore);
  });

  it('finds the incident by its channel, and says so when a channel is not an incident channel', async () => {
    harness = await useCaseDeps();
    await declared();
    await harness.store.saveViewRefs(1, { channelId: 'CINC1' });
    harness.membership.join('CINC1', 'U1');
    expect(await markMitigated(harness.deps, { ref: null, channelId: 'CINC1', subcommand: 'mitigated', actorId: 'U1' }, { note: null })).toMatchObject({
      ok: true,
      value: { status: 'mitigated' },
    });
    expect(await markMitigated(harness.deps, { ref: null, channelId: 'CRANDOM', subcommand: 'mitigated', actorId: 'U1' }, { note: null })).toEqual({
      ok: false,
      error: { code: 'no_incident_here', subcommand: 'mitigated' },
    });
    expect(await markMitigated(harness.deps, byNumber(99, 'U1'), { note: null })).toEqual({ ok: false, error: { code: 'incident_not_found', number: 99 } });
  });

  it('resolves with summary and cause, and briefs a new lead', async () => {
    harness = await useCaseDeps();
    await declared();
    await handOverLead(harness.deps, byNumber(1), { newLeadId: 'UCAROL' });
    // Until Carol acknowledges, Alice stays responsible.
    expect(await harness.store.getIncident(1)).toMatchObject({ commanderId: 'UALICE', pendingLead: { userId: 'UCAROL', by: 'UALICE' } });
    expect(await acknowledgeLead(harness.deps, byNumber(1, 'UBOB'))).toMatchObject({ ok: false, error: { code: 'not_pending_lead', pendingLeadId: 'UCAROL' } });
    expect(await acknowledgeLead(harness.deps, byNumber(1, 'UCAROL'))).toMatchObject({ ok: true, value: { commanderId: 'UCAROL', pendingLead: null } });
    const resolved = await resolveIncident(harness.deps, byNumber(1, 'UCAROL'), { summary: 'Rolled back', cause: 'Bad config' });
    expect(resolved).toMatchObject({ ok: true, value: { status: 'resolved', commanderId: 'UCAROL', cause: 'Bad config', resolutionSummary: 'Rolled back' } });
    const kinds = (await queuedEffects(harness.store)).map((p) => p.effect);
    expect(kinds).toContainEqual({ kind: 'post_lead_message', incidentNumber: 1, handoffId: 1, part: 'briefing' });
    expect(kinds).toContainEqual({ kind: 'refresh_lead_message', incidentNumber: 1, handoffId: 1, part: 'briefing' });
  });

  it('lists open incidents most severe first', async () => {
    harness = await useCaseDeps();
    await declared({ title: 'minor', severity: 'sev3' });
    await declared({ title: 'critical', severity: 'sev1' });
    await declared({ title: 'unsorted', severity: null });
    await declared({ title: 'major', severity: 'sev2' });
    expect((await listOpenIncidents(harness.deps, 'UBOB')).map((i) => i.title)).toEqual(['critical', 'major', 'minor', 'unsorted']);
  });

  it('records a follow-up with its owner', async () => {
    harness = await useCaseDeps();
    await declared();
    await addFollowUp(harness.deps, byNumber(1), { text: 'Alert on queue depth', ownerId: 'UBOB' });
    expect(await harness.store.followUps(1)).toMatchObject([{ text: 'Alert on queue depth', ownerId: 'UBOB', done: false }]);
  });
});

describe('pinned messages', () => {
  it('become one timeline event at the message time; edits and deletes follow', async () => {
    harness = await useCaseDeps();
    await declared();
    await harness.store.saveViewRefs(1, { channelId: 'CINC1' });
    const pin = { channelId: 'CINC1', ts: '1795402800.000200', text: 'error rate 40%', authorId: 'UBOB', pinnedBy: 'UALICE' };
    expect(await recordPinnedMessage(harness.deps, pin)).toBe(true);
    expect(await recordPinnedMessage(harness.deps, pin)).toBe(false);
    const [, pinned] = await harness.store.timeline(1);
    expect(pinned).toMatchObject({ kind: 'pinned_message', text: 'error rate 40%', occurredAt: new Date(1_795_402_800_000), message: { channelId: 'CINC1', ts: pin.ts } });
    await mirrorMessageChange(harness.deps, { channelId: 'CINC1', ts: pin.ts, newText: 'error rate 45%' });
    expect((await harness.store.timeline(1))[1]?.text).toBe('error rate 45%');
    await mirrorMessageChange(harness.deps, { channelId: 'CINC1', ts: pin.ts, newText: null });
    expect(await harness.store.timeline(1)).toHaveLength(1);
  });

  it('are ignored outside incident channels', async () => {
    harness = await useCaseDeps();
    expect(await recordPinnedMessage(harness.deps, { channelId: 'CRANDOM', ts: '1.2', text: 'x', authorId: null, pinnedBy: 'U1' })).toBe(false);
  });
});
