import { describe, expect, it } from 'vitest';
import { fixedClock } from './clock.js';
import { STATUSES, type Incident, type Status } from './incident.js';
import { changeSeverity, declare, handOverLead, postStatusUpdate, reopen, resolve, transition, TRANSITIONS } from './lifecycle.js';
import type { Severity } from './severity.js';

const clock = fixedClock('2026-11-23T03:00:00Z');
const SEV1: Severity = { id: 'sev1', label: 'SEV1', description: 'Critical', announce: true, mitigationCheckMs: 900_000 };

function declared(overrides: Partial<Parameters<typeof declare>[0]> = {}): Incident {
  const result = declare(
    {
      number: 7,
      title: '  Checkout   502s ',
      impact: 'EU users cannot pay',
      severity: 'sev2',
      commanderId: 'UALICE',
      declaredBy: 'UBOB',
      isPrivate: false,
      origin: 'manual',
      impactStartedAt: null,
      detectedAt: null,
      ...overrides,
    },
    clock.now(),
  );
  if (!result.ok) throw new Error(result.error.code);
  return result.value.incident;
}

const inStatus = (status: Status): Incident => ({ ...declared(), status });

describe('declare', () => {
  it('starts a human-declared incident as investigating, acknowledged at declaration', () => {
    const incident = declared();
    expect(incident.status).toBe('investigating');
    expect(incident.title).toBe('Checkout 502s');
    expect(incident.milestones.declaredAt).toEqual(clock.now());
    expect(incident.milestones.acknowledgedAt).toEqual(clock.now());
    expect(incident.responders).toEqual(['UBOB', 'UALICE']);
  });

  it('starts a rule-declared incident in triage with no invented acknowledgement', () => {
    const incident = declared({ origin: 'alert', automatic: true });
    expect(incident.status).toBe('triage');
    expect(incident.milestones.acknowledgedAt).toBeNull();
  });

  it.each([
    ['', 'title_missing'],
    ['   ', 'title_missing'],
    ['\u0000\u0000', 'text_invisible'],
    ['\u200B\u202E\u2060', 'text_invisible'],
    ['x'.repeat(201), 'text_too_long'],
  ])('refuses the title %j', (title, code) => {
    const result = declare({ number: 1, title, impact: '', severity: null, commanderId: null, declaredBy: 'U1', isPrivate: false, origin: 'manual', impactStartedAt: null, detectedAt: null }, clock.now());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });
});

describe('transition table', () => {
  const pairs = STATUSES.flatMap((from) => STATUSES.filter((to) => to !== from).map((to) => [from, to] as const));

  it.each(pairs)('%s → %s follows the table', (from, to) => {
    const result = transition(inStatus(from), { to, actorId: 'U1', note: null, now: clock.now() });
    expect(result.ok).toBe(TRANSITIONS[from].includes(to));
    if (!result.ok) expect(result.error).toEqual({ code: 'invalid_transition', from, to });
  });

  it('refuses moving to the status it already has', () => {
    const result = transition(inStatus('mitigated'), { to: 'mitigated', actorId: 'U1', note: null, now: clock.now() });
    expect(result).toEqual({ ok: false, error: { code: 'already_in_status', status: 'mitigated' } });
  });
});

describe('milestones', () => {
  it('stamps mitigated_at and resolved_at at the moment of change, never earlier ones', () => {
    const start = declared();
    const later = new Date(clock.now().getTime() + 40 * 60_000);
    const mitigated = transition(start, { to: 'mitigated', actorId: 'U1', note: null, now: later });
    expect(mitigated.ok && mitigated.value.incident.milestones.mitigatedAt).toEqual(later);
    const resolvedDirectly = resolve(start, { actorId: 'U1', summary: 'rolled back', cause: 'bad deploy', now: later });
    if (!resolvedDirectly.ok) throw new Error('expected resolve');
    expect(resolvedDirectly.value.incident.milestones.resolvedAt).toEqual(later);
    // Resolving without a mitigation step does not invent one: the postmortem will say "unknown".
    expect(resolvedDirectly.value.incident.milestones.mitigatedAt).toBeNull();
    expect(resolvedDirectly.value.incident.cause).toBe('bad deploy');
  });

  it('reopen needs a reason, clears the closing milestones and records why', () => {
    const resolved = { ...declared(), status: 'resolved' as const, milestones: { ...declared().milestones, resolvedAt: clock.now() } };
    expect(reopen(resolved, '  ', 'U1', clock.now())).toMatchObject({ ok: false, error: { code: 'text_missing', field: 'reason' } });
    const reopened = reopen(resolved, 'errors are back', 'U1', clock.now());
    if (!reopened.ok) throw new Error('expected reopen');
    expect(reopened.value.incident.status).toBe('investigating');
    expect(reopened.value.incident.milestones.resolvedAt).toBeNull();
    expect(reopened.value.events[0]).toMatchObject({ kind: 'status_changed', text: 'errors are back', data: { reopened: true } });
  });

  it('reopen is refused while the incident is still being investigated', () => {
    expect(reopen(declared(), 'why', 'U1', clock.now())).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
  });
});

describe('changes on an open incident', () => {
  it('records the severity change with from/to, and refuses the same severity', () => {
    const changed = changeSeverity(declared(), SEV1, 'U1', clock.now());
    expect(changed.ok && changed.value.events[0]?.data).toEqual({ from: 'sev2', to: 'sev1' });
    const again = changed.ok ? changeSeverity(changed.value.incident, SEV1, 'U1', clock.now()) : null;
    expect(again).toEqual({ ok: false, error: { code: 'same_severity', severity: 'SEV1' } });
  });

  it('refuses severity and lead changes on a resolved incident', () => {
    expect(changeSeverity(inStatus('resolved'), SEV1, 'U1', clock.now())).toMatchObject({ ok: false, error: { code: 'incident_closed' } });
    expect(handOverLead(inStatus('resolved'), 'UCAROL', 'U1', clock.now())).toMatchObject({ ok: false, error: { code: 'incident_closed' } });
  });

  it('hands the lead over, adding the new commander to the responders', () => {
    const result = handOverLead(declared(), 'UCAROL', 'UALICE', clock.now());
    if (!result.ok) throw new Error('expected handover');
    expect(result.value.incident.commanderId).toBe('UCAROL');
    expect(result.value.incident.responders).toContain('UCAROL');
    expect(handOverLead(result.value.incident, 'UCAROL', 'UALICE', clock.now())).toMatchObject({ ok: false, error: { code: 'already_commander' } });
  });

  it('keeps the last status update with who and when, and refuses an empty one', () => {
    const result = postStatusUpdate(declared(), ' Rolled back v42 ', 'UALICE', clock.now());
    expect(result.ok && result.value.incident.lastUpdate).toEqual({ text: 'Rolled back v42', at: clock.now(), by: 'UALICE' });
    expect(postStatusUpdate(declared(), '', 'UALICE', clock.now())).toMatchObject({ ok: false, error: { code: 'text_missing' } });
  });
});
