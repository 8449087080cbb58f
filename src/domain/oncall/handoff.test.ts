import { describe, expect, it } from 'vitest';
import { nextRotationStep, nextRotationStepAt, type Handoff } from './handoff.js';
import type { Rotation } from './rotation.js';
import { cronSchedule } from './schedule.js';

const MIN = 60_000;
const rotation: Rotation = {
  name: 'platform',
  channelId: 'C0ONCALL',
  members: ['U0CAROL', 'U0ALICE', 'U0BOB'],
  startAt: new Date('2026-11-23T06:00:00Z'),
  handoffCron: '0 0,30 * * * *',
  timezone: 'UTC',
  remindBeforeMs: 5 * MIN,
  ackTimeoutMs: 10 * MIN,
};
const schedule = cronSchedule(rotation.handoffCron, rotation.timezone);
const trackedSince = new Date('2026-11-23T06:01:00Z');

function handoff(over: Partial<Handoff>): Handoff {
  return {
    id: 1,
    rotation: 'platform',
    dueAt: new Date('2026-11-23T06:30:00Z'),
    trigger: 'scheduled',
    shiftIndex: 1,
    outgoingId: 'U0CAROL',
    incomingId: 'U0ALICE',
    late: false,
    skipped: false,
    notes: null,
    notesBy: null,
    remindedAt: null,
    postedAt: null,
    acknowledgedBy: null,
    acknowledgedAt: null,
    ackRemindedAt: null,
    createdAt: new Date('2026-11-23T06:25:00Z'),
    ...over,
  };
}

describe('when a rotation next has something to do', () => {
  it.each([
    ['nothing yet: the first handoff’s reminder', { latest: null, lastPosted: null }, '2026-11-23T06:25:00Z'],
    ['reminded: the handoff itself', { latest: handoff({ remindedAt: new Date('2026-11-23T06:25:00Z') }), lastPosted: null }, '2026-11-23T06:30:00Z'],
    [
      'posted, not acknowledged: the acknowledgement reminder',
      { latest: handoff({ postedAt: new Date('2026-11-23T06:30:00Z') }), lastPosted: handoff({ postedAt: new Date('2026-11-23T06:30:00Z') }) },
      '2026-11-23T06:40:00Z',
    ],
    [
      'posted and acknowledged: the next handoff’s reminder',
      {
        latest: handoff({ postedAt: new Date('2026-11-23T06:30:00Z'), acknowledgedAt: new Date('2026-11-23T06:31:00Z') }),
        lastPosted: handoff({ postedAt: new Date('2026-11-23T06:30:00Z'), acknowledgedAt: new Date('2026-11-23T06:31:00Z') }),
      },
      '2026-11-23T06:55:00Z',
    ],
  ])('%s', (_name, state, expected) => {
    const at = nextRotationStepAt(rotation, schedule, { ...state, trackedSince });
    expect(at?.toISOString()).toBe(new Date(expected).toISOString());
    // The scheduler agrees: idle a moment before, a step at that time.
    const full = { ...state, trackedSince };
    expect(nextRotationStep(rotation, schedule, full, new Date((at?.getTime() ?? 0) - 1)).kind).toBe('idle');
    expect(nextRotationStep(rotation, schedule, full, at ?? new Date(0)).kind).not.toBe('idle');
  });
});
