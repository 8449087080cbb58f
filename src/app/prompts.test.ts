import { afterEach, describe, expect, it } from 'vitest';
import { queuedEffects } from '../../test/support/outbox.js';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import { answerPrompt } from './answer-prompt.js';
import { changeSeverity } from './change-severity.js';
import { resolveIncident } from './change-status.js';
import { declareIncident } from './declare-incident.js';
import { acknowledgeLead, handOverLead } from './hand-over-lead.js';
import { postStatusUpdate } from './post-status-update.js';
import { noteChannelActivity } from './record-activity.js';
import { runDueJobs } from './run-due-jobs.js';
import { pressOnPrompt } from '../../test/support/presses.js';
import type { PromptAnswer } from '../domain/prompts.js';

const MIN = 60_000;
let harness: Awaited<ReturnType<typeof useCaseDeps>>;
afterEach(async () => harness?.db.destroy());

const target = { ref: 1, channelId: null, subcommand: 'test', actorId: 'UALICE' };

/** Answers a prompt by pressing a button on its message. */
const answer = async (promptId: number | undefined, choice: PromptAnswer, actorId: string) =>
  answerPrompt(harness.deps, { promptId: promptId ?? 0, answer: choice, actorId, press: await pressOnPrompt(harness.store, promptId ?? 0) });

async function declareSev1(impact = 'EU cannot pay') {
  harness = await useCaseDeps();
  const result = await declareIncident(harness.deps, { title: 'Checkout down', impact, severity: 'sev1', commanderId: 'UALICE', declaredBy: 'UALICE', isPrivate: false, idempotencyKey: null });
  if (!result.ok) throw new Error('declare failed');
  await harness.store.saveViewRefs(1, { channelId: 'CINC1' });
  harness.membership.join('CINC1', 'UALICE', 'UBOB');
}

const prompts = async (kind: string) => (await harness.store.pendingPrompts(1)).filter((p) => p.kind === kind);

describe('mitigation checks (SEV1: every 15 minutes while investigating)', () => {
  it('asks on time, not before', async () => {
    await declareSev1();
    harness.clock.advance(15 * MIN - 1_000);
    expect((await runDueJobs(harness.deps)).asked).toBe(0);
    harness.clock.advance(1_000);
    expect((await runDueJobs(harness.deps)).asked).toBe(1);
    expect(await prompts('mitigation_check')).toHaveLength(1);
  });

  it('"Not yet" re-arms a full period from the answer', async () => {
    await declareSev1();
    harness.clock.advance(15 * MIN);
    await runDueJobs(harness.deps);
    harness.clock.advance(5 * MIN);
    const [prompt] = await prompts('mitigation_check');
    expect(await answer(prompt?.id, 'not_yet', 'UALICE')).toMatchObject({ ok: true });
    expect((await harness.store.getJob('mitigation_check:1'))?.dueAt).toEqual(new Date(harness.clock.now().getTime() + 15 * MIN));
    expect((await harness.store.timeline(1)).at(-1)).toMatchObject({ kind: 'prompt_answered', actorId: 'UALICE', data: { prompt: 'mitigation_check', answer: 'not_yet' } });
  });

  it('"Mitigated" mitigates the incident and stops the checks', async () => {
    await declareSev1();
    harness.clock.advance(15 * MIN);
    await runDueJobs(harness.deps);
    const [prompt] = await prompts('mitigation_check');
    await answer(prompt?.id, 'mitigated', 'UALICE');
    expect((await harness.store.getIncident(1))?.milestones.mitigatedAt).toEqual(harness.clock.now());
    harness.clock.advance(60 * MIN);
    await runDueJobs(harness.deps);
    expect(await prompts('mitigation_check')).toHaveLength(0);
    expect(await answer(prompt?.id, 'not_yet', 'UBOB')).toEqual({
      ok: false,
      error: { code: 'prompt_answered', answeredBy: 'UALICE' },
    });
  });

  it('re-times when the severity changes', async () => {
    await declareSev1();
    harness.clock.advance(10 * MIN);
    await changeSeverity(harness.deps, target, { severity: 'sev2' });
    harness.clock.advance(20 * MIN);
    // SEV1's 15-minute check would have fired at 15m; re-timed to SEV2's 30 minutes from the change, it waits until 40m.
    expect((await runDueJobs(harness.deps)).asked).toBe(0);
    expect(await prompts('mitigation_check')).toHaveLength(0);
    harness.clock.advance(10 * MIN);
    await runDueJobs(harness.deps);
    expect(await prompts('mitigation_check')).toHaveLength(1);
  });

  it('after downtime asks once, not once per missed period, and keeps one open question', async () => {
    await declareSev1();
    harness.clock.advance(15 * MIN);
    await runDueJobs(harness.deps);
    harness.clock.advance(2 * 60 * MIN);
    await runDueJobs(harness.deps);
    await runDueJobs(harness.deps);
    const all = await harness.db.selectFrom('prompts').selectAll().where('kind', '=', 'mitigation_check').execute();
    expect(all.map((p) => p.state)).toEqual(['expired', 'pending']);
    expect((await harness.store.getJob('mitigation_check:1'))?.dueAt).toEqual(new Date(harness.clock.now().getTime() + 15 * MIN));
  });
});

describe('update nudges (SEV1: after 30 minutes without a status update)', () => {
  it('nudges, and a status update re-times the nudge and closes the open one', async () => {
    await declareSev1();
    harness.clock.advance(30 * MIN);
    await runDueJobs(harness.deps);
    expect(await prompts('update_nudge')).toHaveLength(1);
    await postStatusUpdate(harness.deps, target, { text: 'rolled back' });
    expect(await prompts('update_nudge')).toHaveLength(0);
    expect((await harness.store.getJob('update_nudge:1'))?.dueAt).toEqual(new Date(harness.clock.now().getTime() + 30 * MIN));
  });

  it('a snooze brings the nudge back after the snooze', async () => {
    await declareSev1();
    harness.clock.advance(30 * MIN);
    await runDueJobs(harness.deps);
    const [nudge] = await prompts('update_nudge');
    await answer(nudge?.id, `snooze:${60 * MIN}`, 'UALICE');
    harness.clock.advance(59 * MIN);
    await runDueJobs(harness.deps);
    expect(await prompts('update_nudge')).toHaveLength(0);
    harness.clock.advance(MIN);
    await runDueJobs(harness.deps);
    expect(await prompts('update_nudge')).toHaveLength(1);
  });

  it('backs off while the commander is talking in the channel, and ignores others', async () => {
    await declareSev1();
    harness.clock.advance(28 * MIN);
    expect(await noteChannelActivity(harness.deps, { channelId: 'CINC1', userId: 'UBOB', at: harness.clock.now() })).toBe(false);
    expect(await noteChannelActivity(harness.deps, { channelId: 'CINC1', userId: 'UALICE', at: harness.clock.now() })).toBe(true);
    harness.clock.advance(2 * MIN);
    expect(await runDueJobs(harness.deps)).toMatchObject({ postponed: 1 });
    expect(await prompts('update_nudge')).toHaveLength(0);
    harness.clock.advance(3 * MIN);
    await runDueJobs(harness.deps);
    expect(await prompts('update_nudge')).toHaveLength(1);
  });

  it('holds the nudge back until the back-off has passed since the real last message (default 5 minutes)', async () => {
    await declareSev1();
    harness.clock.advance(25 * MIN);
    const start = harness.clock.now().getTime();
    // A message every 20 s from 25:00 to 26:40; a 30 s write interval would have stored 26:20 as the last.
    for (let s = 0; s <= 100; s += 20) await noteChannelActivity(harness.deps, { channelId: 'CINC1', userId: 'UALICE', at: new Date(start + s * 1_000) });
    const lastMessage = start + 100_000;
    harness.clock.advance(5 * MIN);
    expect(await runDueJobs(harness.deps)).toMatchObject({ postponed: 1 });
    expect((await harness.store.getJob('update_nudge:1'))?.dueAt).toEqual(new Date(lastMessage + 5 * MIN));
    harness.clock.set(new Date(lastMessage + 5 * MIN - 1_000));
    expect((await runDueJobs(harness.deps)).asked).toBe(0);
    harness.clock.advance(1_000);
    expect((await runDueJobs(harness.deps)).asked).toBe(1);
  });

  it('holds the nudge back with a back-off under 30 s while the commander writes every 1.5 s', async () => {
    await declareSev1();
    const deps = { ...harness.deps, promptTiming: { ...harness.deps.promptTiming, backOffWhileActiveMs: 3_000 } };
    harness.clock.advance(30 * MIN - 15_000);
    for (let i = 0; i <= 20; i += 1) {
      await noteChannelActivity(deps, { channelId: 'CINC1', userId: 'UALICE', at: harness.clock.now() });
      await runDueJobs(deps);
      expect(await prompts('update_nudge')).toHaveLength(0);
      harness.clock.advance(1_500);
    }
    // The last message was 1.5 s ago: quiet for another 1.5 s, then the nudge.
    await runDueJobs(deps);
    expect(await prompts('update_nudge')).toHaveLength(0);
    harness.clock.advance(1_500);
    await runDueJobs(deps);
    expect(await prompts('update_nudge')).toHaveLength(1);
  });

  it('a new commander is nudged on time: the previous commander’s messages no longer hold it back', async () => {
    await declareSev1();
    await handOverLead(harness.deps, target, { newLeadId: 'UBOB' });
    harness.clock.advance(28 * MIN);
    await noteChannelActivity(harness.deps, { channelId: 'CINC1', userId: 'UALICE', at: harness.clock.now() });
    harness.membership.join('CINC1', 'UBOB');
    expect(await acknowledgeLead(harness.deps, { ...target, actorId: 'UBOB' })).toMatchObject({ ok: true });
    harness.clock.advance(2 * MIN);
    await runDueJobs(harness.deps);
    expect(await prompts('update_nudge')).toHaveLength(1);
  });

  it('is cancelled when the incident is resolved', async () => {
    await declareSev1();
    await resolveIncident(harness.deps, target, { summary: 'fixed', cause: null });
    harness.clock.advance(3 * 60 * MIN);
    expect(await runDueJobs(harness.deps)).toEqual({ asked: 0, postponed: 0, dropped: 0 });
    expect(await harness.store.pendingJobKinds(1)).toEqual(new Set());
  });
});

describe('setup question and lead handoff', () => {
  it('asks for missing impact right after declare and closes when answered', async () => {
    await declareSev1('');
    const [setup] = await prompts('setup');
    expect(setup).toBeDefined();
    const effects = (await queuedEffects(harness.store)).map((p) => p.effect.kind);
    expect(effects).toContain('post_prompt');
    const { setImpact } = await import('./record-activity.js');
    await setImpact(harness.deps, target, { impact: 'EU cannot pay' });
    expect(await prompts('setup')).toHaveLength(0);
  });

  it('reminds both people once when a handoff is not acknowledged in 10 minutes', async () => {
    await declareSev1();
    await handOverLead(harness.deps, target, { newLeadId: 'UBOB' });
    const leadPosts = async () =>
      (await queuedEffects(harness.store)).flatMap((row) => (row.effect.kind === 'post_lead_message' ? [row.effect.part] : []));
    harness.clock.advance(10 * MIN - 1_000);
    await runDueJobs(harness.deps);
    expect(await leadPosts()).toEqual(['briefing']);
    harness.clock.advance(1_000);
    await runDueJobs(harness.deps);
    expect(await leadPosts()).toEqual(['briefing', 'reminder', 'notice']);
    expect(await harness.store.pendingLeadHandoff(1)).toMatchObject({ toId: 'UBOB', fromId: 'UALICE', remindedAt: harness.clock.now() });
    harness.clock.advance(60 * MIN);
    await runDueJobs(harness.deps);
    expect(await leadPosts()).toEqual(['briefing', 'reminder', 'notice']);
    expect(await prompts('lead_ack_reminder')).toHaveLength(0);
  });
});
