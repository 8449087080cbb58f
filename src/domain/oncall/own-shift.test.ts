import { describe, expect, it } from 'vitest';
import { ownShift } from './own-shift.js';
import type { Override, Rotation } from './rotation.js';
import { cronSchedule, localTimeToInstant } from './schedule.js';

// Daily handoffs at 10:00 UTC from Monday 2026-11-02: alice, then bob, then carol, then alice again.
const rotation: Rotation = {
  name: 'platform',
  channelId: 'C0ONCALL',
  timezone: 'UTC',
  members: ['U0ALICE', 'U0BOB', 'U0CAROL'],
  startAt: localTimeToInstant('2026-11-02T10:00', 'UTC'),
  handoffCron: '0 10 * * *',
  remindBeforeMs: 0,
  ackTimeoutMs: 0,
};
const schedule = cronSchedule(rotation.handoffCron, rotation.timezone);
const at = (iso: string) => new Date(iso);
const override = (userId: string, from: string, until: string): Override => ({
  id: 1,
  rotation: 'platform',
  userId,
  from: at(from),
  until: at(until),
  createdBy: 'U0ALICE',
  createdAt: at(from),
});

describe('a person’s own shift', () => {
  const tuesday = at('2026-11-03T12:00:00Z'); // bob's day

  it('on call now: until the next handoff', () => {
    expect(ownShift(rotation, schedule, null, [], 'U0BOB', tuesday)).toEqual({ kind: 'now', until: at('2026-11-04T10:00:00Z') });
  });

  it('next: the first handoff that makes them the one on call, walking the rotation', () => {
    expect(ownShift(rotation, schedule, null, [], 'U0CAROL', tuesday)).toEqual({ kind: 'next', from: at('2026-11-04T10:00:00Z') });
    expect(ownShift(rotation, schedule, null, [], 'U0ALICE', tuesday)).toEqual({ kind: 'next', from: at('2026-11-05T10:00:00Z') });
  });

  it('an override covering someone now ends when the override does; an override to come is a next shift', () => {
    const covering = override('U0DAN', '2026-11-03T11:00:00Z', '2026-11-03T15:00:00Z');
    expect(ownShift(rotation, schedule, null, [covering], 'U0DAN', tuesday)).toEqual({ kind: 'now', until: at('2026-11-03T15:00:00Z') });
    const later = override('U0ALICE', '2026-11-03T18:00:00Z', '2026-11-03T20:00:00Z');
    expect(ownShift(rotation, schedule, null, [later], 'U0ALICE', tuesday)).toEqual({ kind: 'next', from: at('2026-11-03T18:00:00Z') });
  });

  it('someone outside the rotation with no override has no shift in it', () => {
    expect(ownShift(rotation, schedule, null, [], 'U0DAN', tuesday)).toBeNull();
  });
});
