import { describe, expect, it } from 'vitest';
import { fixedClock } from './clock.js';
import type { Incident } from './incident.js';
import { declare } from './lifecycle.js';
import { activityResolutionMs, DEFAULT_PROMPT_TIMING, decideDueJob, missingSetup, parseAnswer, planJobs, type JobKind } from './prompts.js';
import type { Severity } from './severity.js';

const MIN = 60_000;
const clock = fixedClock('2026-11-23T03:00:00Z');
const SEV1: Severity = { id: 'sev1', label: 'SEV1', description: '', announce: true, mitigationCheckMs: 15 * MIN, updateReminderMs: 30 * MIN };
const SEV2: Severity = { id: 'sev2', label: 'SEV2', description: '', announce: true, mitigationCheckMs: 30 * MIN, updateReminderMs: 60 * MIN };
const SEV4: Severity = { id: 'sev4', label: 'SEV4', description: '', announce: true };

function incident(overrides: Partial<Incident> = {}): Incident {
  const result = declare(
    { number: 1, title: 'Checkout down', impact: 'EU cannot pay', severity: 'sev1', commanderId: 'UALICE', declaredBy: 'UALICE', isPrivate: false, origin: 'manual', impactStartedAt: null, detectedAt: null },
    clock.now(),
  );
  if (!result.ok) throw new Error('declare failed');
  return { ...result.value.incident, ...overrides };
}

const at = (ms: number) => new Date(clock.now().getTime() + ms);
const plan = (before: Incident | null, after: Incident, severity: Severity | undefined, scheduled: JobKind[] = []) =>
  planJobs(before, after, severity, new Set(scheduled), clock.now(), DEFAULT_PROMPT_TIMING);

describe('planning timed prompts after a change', () => {
  it('arms the mitigation check and the update nudge at the severity cadence when declared', () => {
    expect(plan(null, incident(), SEV1)).toEqual({
      schedule: [
        { kind: 'mitigation_check', dueAt: at(15 * MIN) },
        { kind: 'update_nudge', dueAt: at(30 * MIN) },
      ],
      cancel: ['lead_ack_reminder'],
    });
  });

  it('keeps running cadences when nothing they measure changed', () => {
    const now = incident();
    expect(plan(now, { ...now, title: 'renamed' }, SEV1, ['mitigation_check', 'update_nudge']).schedule).toEqual([]);
  });

  it('re-times both cadences when the severity changes', () => {
    const before = incident({ severity: 'sev2' });
    expect(plan(before, incident(), SEV1, ['mitigation_check', 'update_nudge']).schedule).toEqual([
      { kind: 'mitigation_check', dueAt: at(15 * MIN) },
      { kind: 'update_nudge', dueAt: at(30 * MIN) },
    ]);
  });

  it('re-times only the nudge when a status update is posted', () => {
    const before = incident();
    const after = { ...before, lastUpdate: { text: 'rolled back', at: clock.now(), by: 'UALICE' } };
    expect(plan(before, after, SEV1, ['mitigation_check', 'update_nudge']).schedule).toEqual([{ kind: 'update_nudge', dueAt: at(30 * MIN) }]);
  });

  it('cancels the mitigation check once mitigated, and everything once resolved', () => {
    const before = incident();
    expect(plan(before, { ...before, status: 'mitigated' }, SEV1, ['mitigation_check', 'update_nudge']).cancel).toEqual(['mitigation_check', 'lead_ack_reminder']);
    expect(plan(before, { ...before, status: 'resolved' }, SEV1, ['mitigation_check', 'update_nudge']).cancel).toEqual([
      'mitigation_check',
      'update_nudge',
      'lead_ack_reminder',
    ]);
  });

  it('is quiet for severities without a cadence', () => {
    expect(plan(null, incident({ severity: 'sev4' }), SEV4).schedule).toEqual([]);
  });

  it('arms a lead acknowledgement reminder for a new pending handoff', () => {
    const before = incident();
    const after = { ...before, pendingLead: { userId: 'UBOB', by: 'UALICE', since: clock.now() } };
    expect(plan(before, after, SEV1, ['mitigation_check', 'update_nudge']).schedule).toEqual([{ kind: 'lead_ack_reminder', dueAt: at(10 * MIN) }]);
  });
});

describe('deciding a due job from the record as it is now', () => {
  const decide = (kind: JobKind, i: Incident, severity: Severity | undefined, activeAt: Date | null = null) =>
    decideDueJob(kind, i, severity, activeAt, clock.now(), DEFAULT_PROMPT_TIMING);

  it('asks the mitigation question while investigating and re-arms a full period later', () => {
    expect(decide('mitigation_check', incident(), SEV1)).toEqual({ action: 'ask', nextDueAt: at(15 * MIN) });
    expect(decide('mitigation_check', incident({ severity: 'sev2' }), SEV2)).toEqual({ action: 'ask', nextDueAt: at(30 * MIN) });
  });

  it('drops the mitigation question once the incident is mitigated', () => {
    expect(decide('mitigation_check', incident({ status: 'mitigated' }), SEV1)).toEqual({ action: 'drop' });
  });

  it('backs off an update nudge while the commander is active in the channel', () => {
    const activeAt = new Date(clock.now().getTime() - 2 * MIN);
    expect(decide('update_nudge', incident(), SEV1, activeAt)).toEqual({ action: 'postpone', nextDueAt: at(3 * MIN) });
    const quietAt = new Date(clock.now().getTime() - 6 * MIN);
    expect(decide('update_nudge', incident(), SEV1, quietAt)).toEqual({ action: 'ask', nextDueAt: at(30 * MIN) });
  });

  it.each([
    [5 * MIN, 1_000],
    [30_000, 1_000],
    [4_000, 400],
    [1_500, 150],
    [5, 1],
  ])('stores activity with a back-off of %i ms to within %i ms (a tenth, at most the 1 s tick)', (backOffWhileActiveMs, resolution) => {
    expect(activityResolutionMs({ backOffWhileActiveMs })).toBe(resolution);
  });

  it('reminds about an unacknowledged handoff once, and not after it was acknowledged', () => {
    const pending = incident({ pendingLead: { userId: 'UBOB', by: 'UALICE', since: clock.now() } });
    expect(decide('lead_ack_reminder', pending, SEV1)).toEqual({ action: 'ask', nextDueAt: null });
    expect(decide('lead_ack_reminder', incident(), SEV1)).toEqual({ action: 'drop' });
  });
});

describe('setup and answers', () => {
  it('lists what is still missing after declaring', () => {
    expect(missingSetup(incident())).toEqual([]);
    expect(missingSetup(incident({ severity: null, impact: '', commanderId: null }))).toEqual(['severity', 'impact', 'commander']);
  });

  it.each([
    ['mitigated', 'mitigated'],
    ['snooze:1800000', 'snooze:1800000'],
    ['severity:sev1', 'severity:sev1'],
    ['snooze:0', null],
    ['snooze:999999999999', null],
    ['drop table', null],
  ])('parses the button value %j', (text, answer) => expect(parseAnswer(text)).toBe(answer));
});
