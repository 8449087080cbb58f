import { afterEach, describe, expect, it } from 'vitest';
import { anAlertInstance } from '../../test/support/alert-instance.js';
import { pressOnHandoff, pressOnPrompt, pressOnTriageReply } from '../../test/support/presses.js';
import { e2eDatabase, openTestDatabase } from '../../test/support/postgres.js';
import { platformRotation } from '../../test/support/rotations.js';
import { depsOver } from '../../test/support/use-case-deps.js';
import type { Db } from '../db/connection.js';
import { createStore } from '../db/store.js';
import type { Rotation } from '../domain/oncall/rotation.js';
import { err } from '../domain/result.js';
import { incomingFromPost } from '../inbound/slack/alert-message.js';
import { answerPrompt } from './answer-prompt.js';
import { declareIncident } from './declare-incident.js';
import { ingestAlert } from './ingest-alert.js';
import { ingestNotification } from './ingest-notification.js';
import type { Happening } from './happenings.js';
import { acknowledgeLead, handOverLead } from './hand-over-lead.js';
import { acknowledgeHandoff } from './oncall/answer-handoff.js';
import { runRotations } from './oncall/run-rotations.js';
import { startHandoff } from './oncall/start-handoff.js';
import { runDueJobs } from './run-due-jobs.js';

const MIN = 60_000;
let db: Db | undefined;
afterEach(async () => db?.destroy());

/** Use cases over a real record whose store tells this test what happened, as it tells the metrics. */
async function recording(start = '2026-11-23T03:00:00Z', rotations: readonly Rotation[] = []) {
  db = await openTestDatabase();
  const told: Happening[] = [];
  const harness = depsOver(createStore(db, (h) => told.push(h)), start, rotations);
  const kinds = () => told.map((h) => ('prompt' in h ? `${h.kind}:${h.prompt}` : h.kind));
  return { ...harness, told, kinds };
}

const target = { ref: 1, channelId: null, subcommand: 'test', actorId: 'UALICE' };

describe('what happened is told once its transaction commits', () => {
  it('a committed transaction tells each happening once; a failed or refused one tells nothing', async () => {
    const { store, told } = await recording();
    await expect(
      store.transaction(async (records) => {
        records.happened({ kind: 'lead_handoff_requested' });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(told).toEqual([]);
    const refusal = await store.transaction(async (records) => {
      records.happened({ kind: 'lead_handoff_requested' });
      return err({ code: 'already_submitted' });
    });
    expect({ refusal, told }).toEqual({ refusal: { ok: false, error: { code: 'already_submitted' } }, told: [] });
    await store.transaction(async (records) => records.happened({ kind: 'lead_handoff_late' }));
    expect(told).toEqual([{ kind: 'lead_handoff_late' }]);
  });

  it('a transaction that lost a race and ran again tells what its committed attempt said, once', async () => {
    const { store, told } = await recording();
    let attempts = 0;
    const work = store.transaction(async (records) => {
      attempts += 1;
      records.happened({ kind: 'lead_handoff_requested' });
      // What PostgreSQL answers a transaction it picked to abort in a deadlock.
      if (attempts === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    });
    if (e2eDatabase() === 'postgres') {
      await work;
      expect({ attempts, told }).toEqual({ attempts: 2, told: [{ kind: 'lead_handoff_requested' }] });
    } else {
      // SQLite runs one transaction at a time and never retries: the failure is the caller's, and nothing is told.
      await expect(work).rejects.toThrow('deadlock detected');
      expect({ attempts, told }).toEqual({ attempts: 1, told: [] });
    }
  });
});

describe('what the use cases say happened', () => {
  it('declaring by command, prompts asked, answered and ignored', async () => {
    const { deps, store, clock, membership, told, kinds } = await recording();
    await declareIncident(deps, { title: 'Checkout down', impact: 'EU cannot pay', severity: null, commanderId: 'UALICE', declaredBy: 'UALICE', isPrivate: false, idempotencyKey: null });
    await store.saveViewRefs(1, { channelId: 'CINC1' });
    membership.join('CINC1', 'UALICE');
    expect(told).toEqual([
      { kind: 'prompt_asked', prompt: 'setup' },
      { kind: 'incident_declared', severity: null, source: 'command' },
    ]);

    // The setup question asks for a severity: choosing one answers it.
    const [setup] = await store.pendingPrompts(1);
    await answerPrompt(deps, { promptId: setup?.id ?? 0, answer: 'severity:sev1', actorId: 'UALICE', press: await pressOnPrompt(store, setup?.id ?? 0) });
    expect(kinds().slice(2)).toEqual(['prompt_answered:setup']);

    // SEV1 asks every 15 minutes: the first question goes unanswered until the second is asked, which is answered.
    clock.advance(15 * MIN);
    await runDueJobs(deps);
    clock.advance(15 * MIN);
    await runDueJobs(deps);
    const [check] = (await store.pendingPrompts(1)).filter((p) => p.kind === 'mitigation_check');
    await answerPrompt(deps, { promptId: check?.id ?? 0, answer: 'not_yet', actorId: 'UALICE', press: await pressOnPrompt(store, check?.id ?? 0) });
    // SEV1's update reminder (30 minutes) came due on the same tick as the second check (in either order).
    expect(kinds().slice(3).sort()).toEqual([
      'prompt_answered:mitigation_check',
      'prompt_asked:mitigation_check',
      'prompt_asked:mitigation_check',
      'prompt_asked:update_nudge',
      'prompt_ignored:mitigation_check',
    ]);
    expect(kinds().at(-1)).toBe('prompt_answered:mitigation_check');
  });

  it('declared by a rule: `rule` from an alert channel’s message, `webhook` from a webhook notification; the Declare button is `alert_group` either way', async () => {
    const { deps: plain, store, clock, told } = await recording();
    const deps = { ...plain, triage: { ...plain.triage, rules: [{ match: { source: 'alertmanager', name: 'HighLatency' }, action: 'declare' as const, severity: 'sev2' }] } };
    const message = { text: '', username: 'Alertmanager', botId: 'B0AM', blocks: [], attachments: [{ title: '[FIRING:1] HighLatency checkout (critical)', color: 'danger' }] };
    await ingestAlert(deps, incomingFromPost({ channelId: 'C0ALERTS', ts: '1795400000.000001', at: clock.now(), raw: '{}', message }));
    await ingestNotification(deps, { channelId: 'C0HOOKS', at: clock.now(), alerts: [anAlertInstance()], truncated: 0 });
    // A group the rules leave to people, declared from its message's button.
    await ingestNotification(deps, { channelId: 'C0HOOKS', at: clock.now(), alerts: [anAlertInstance({ name: 'DiskFull', host: 'db-1' })], truncated: 0 });
    const group = await store.findOpenGroup('instances|source=alertmanager|alertname=diskfull|service=checkout', 'C0HOOKS', new Date(0));
    await pressOnTriageReply(store, group?.id ?? 0);
    await declareIncident(deps, { title: 'Disk full', impact: '', severity: 'sev3', commanderId: 'UALICE', declaredBy: 'UALICE', isPrivate: false, idempotencyKey: null, alertGroupId: group?.id ?? 0 });
    expect(told.filter((h) => h.kind === 'incident_declared')).toEqual([
      { kind: 'incident_declared', severity: 'sev2', source: 'rule' },
      { kind: 'incident_declared', severity: 'sev2', source: 'webhook' },
      { kind: 'incident_declared', severity: 'sev3', source: 'alert_group' },
    ]);
  });

  it('a lead handoff requested, late, then acknowledged', async () => {
    const { deps, store, clock, membership, kinds } = await recording();
    await declareIncident(deps, { title: 'Checkout down', impact: 'EU cannot pay', severity: 'sev3', commanderId: 'UALICE', declaredBy: 'UALICE', isPrivate: false, idempotencyKey: null });
    await store.saveViewRefs(1, { channelId: 'CINC1' });
    membership.join('CINC1', 'UALICE', 'UBOB');
    await handOverLead(deps, target, { newLeadId: 'UBOB' });
    clock.advance(deps.promptTiming.leadAckTimeoutMs);
    await runDueJobs(deps);
    await acknowledgeLead(deps, { ...target, actorId: 'UBOB' });
    expect(kinds()).toEqual(['incident_declared', 'lead_handoff_requested', 'lead_handoff_late', 'lead_handoff_acknowledged']);
  });

  it('shift handoffs posted (scheduled and by hand), late, acknowledged', async () => {
    const { deps, store, clock, told } = await recording('2026-11-24T00:00:00Z', [platformRotation]);
    await runRotations(deps);
    clock.set('2026-11-24T00:30:00Z');
    await runRotations(deps);
    clock.set('2026-11-24T01:00:00Z');
    await runRotations(deps);
    clock.set('2026-11-24T01:15:00Z');
    await runRotations(deps);
    await acknowledgeHandoff(deps, { handoffId: 1, userId: 'U0BOB', press: await pressOnHandoff(store, 1, 'post') });
    await startHandoff(deps, { rotation: 'platform', channelId: 'C0ONCALL', actorId: 'U0BOB', notes: null });
    expect(told).toEqual([
      { kind: 'shift_handoff_posted', rotation: 'platform' },
      { kind: 'shift_handoff_late', rotation: 'platform' },
      { kind: 'shift_handoff_acknowledged', rotation: 'platform' },
      { kind: 'shift_handoff_posted', rotation: 'platform' },
    ]);
  });
});
