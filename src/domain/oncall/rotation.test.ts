import { describe, expect, it } from 'vitest';
import { onCallAt, onCallView, shiftAt, type Override, type Rotation } from './rotation.js';
import { cronProblem, cronSchedule, localTimeToInstant } from './schedule.js';

function rotation(over: Partial<Rotation> & Pick<Rotation, 'timezone' | 'handoffCron'>, start: string): Rotation {
  return {
    name: 'platform',
    channelId: 'C0ONCALL',
    members: ['U0ALICE', 'U0BOB', 'U0CAROL'],
    startAt: localTimeToInstant(start, over.timezone),
    remindBeforeMs: 30 * 60_000,
    ackTimeoutMs: 15 * 60_000,
    ...over,
  };
}

const at = (iso: string) => new Date(iso);

describe('local start times', () => {
  it('reads the start as wall-clock time in the rotation time zone', () => {
    expect(localTimeToInstant('2026-11-02T10:00', 'Asia/Seoul').toISOString()).toBe('2026-11-02T01:00:00.000Z');
    expect(localTimeToInstant('2026-07-01T09:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(localTimeToInstant('2026-01-15T09:00:30', 'America/New_York').toISOString()).toBe('2026-01-15T14:00:30.000Z');
  });

  it('refuses a day that does not exist instead of rolling it over', () => {
    expect(Number.isNaN(localTimeToInstant('2026-02-31T10:00', 'UTC').getTime())).toBe(true);
    expect(Number.isNaN(localTimeToInstant('2026-11-02T25:00', 'UTC').getTime())).toBe(true);
  });
});

describe('handoff times across DST', () => {
  it('Europe/Berlin in March: a daily 09:00 handoff stays at 09:00 local; that shift is 23 hours long', () => {
    const berlin = rotation({ timezone: 'Europe/Berlin', handoffCron: '0 9 * * *' }, '2026-03-27T09:00');
    const schedule = cronSchedule(berlin.handoffCron, berlin.timezone);
    const sat = schedule.next(at('2026-03-28T07:00:00Z'));
    expect(sat?.toISOString()).toBe('2026-03-28T08:00:00.000Z'); // 09:00 CET
    const sun = schedule.next(at('2026-03-28T08:00:00Z'));
    expect(sun?.toISOString()).toBe('2026-03-29T07:00:00.000Z'); // 09:00 CEST, after the clocks jumped
    expect((sun?.getTime() ?? 0) - (sat?.getTime() ?? 0)).toBe(23 * 3_600_000);
    // Fri 09:00 alice, Sat bob, Sun carol, Mon alice again: one shift per handoff whatever its length.
    expect(shiftAt(berlin, schedule, null, at('2026-03-29T06:59:59Z')).userId).toBe('U0BOB');
    expect(shiftAt(berlin, schedule, null, at('2026-03-29T07:00:00Z')).userId).toBe('U0CAROL');
    expect(shiftAt(berlin, schedule, null, at('2026-03-30T07:00:00Z')).userId).toBe('U0ALICE');
  });

  it('Europe/Berlin in March: a 02:30 handoff on the night the clocks skip it happens at 03:00, once', () => {
    const schedule = cronSchedule('30 2 * * *', 'Europe/Berlin');
    expect(schedule.next(at('2026-03-28T12:00:00Z'))?.toISOString()).toBe('2026-03-29T01:00:00.000Z'); // 03:00 CEST
    expect(schedule.next(at('2026-03-29T01:00:00Z'))?.toISOString()).toBe('2026-03-30T00:30:00.000Z'); // 02:30 CEST
  });

  it('Europe/Berlin in October: a 02:30 handoff on the night 02:30 happens twice fires once; that shift is 25 hours', () => {
    const berlin = rotation({ timezone: 'Europe/Berlin', handoffCron: '30 2 * * *', members: ['U0ALICE', 'U0BOB'] }, '2026-10-23T02:30');
    const schedule = cronSchedule(berlin.handoffCron, berlin.timezone);
    const sat = schedule.next(at('2026-10-24T00:00:00Z'));
    const sun = schedule.next(sat ?? new Date(0));
    const mon = schedule.next(sun ?? new Date(0));
    expect([sat, sun, mon].map((d) => d?.toISOString())).toEqual(['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
    expect((mon?.getTime() ?? 0) - (sun?.getTime() ?? 0)).toBe(25 * 3_600_000);
    // Fri alice, Sat bob, Sun alice (through both 02:30s), Mon bob.
    expect(shiftAt(berlin, schedule, null, at('2026-10-25T01:30:00Z')).userId).toBe('U0ALICE');
    expect(shiftAt(berlin, schedule, null, at('2026-10-26T01:29:59Z')).userId).toBe('U0ALICE');
    expect(shiftAt(berlin, schedule, null, at('2026-10-26T01:30:00Z')).userId).toBe('U0BOB');
  });

  it('America/New_York: a weekly Monday 10:00 handoff stays at 10:00 local across both changes', () => {
    const ny = rotation({ timezone: 'America/New_York', handoffCron: '0 10 * * MON' }, '2026-03-02T10:00');
    const schedule = cronSchedule(ny.handoffCron, ny.timezone);
    const times: string[] = [];
    let cursor = ny.startAt;
    for (let i = 0; i < 3; i += 1) {
      cursor = schedule.next(cursor) ?? cursor;
      times.push(cursor.toISOString());
    }
    // 8 March 2026 the US moves to EDT: 10:00 is 15:00Z before, 14:00Z after.
    expect(times).toEqual(['2026-03-09T14:00:00.000Z', '2026-03-16T14:00:00.000Z', '2026-03-23T14:00:00.000Z']);
    expect(schedule.next(at('2026-10-27T00:00:00Z'))?.toISOString()).toBe('2026-11-02T15:00:00.000Z'); // EST again
    expect(shiftAt(ny, schedule, null, at('2026-03-09T13:59:00Z')).userId).toBe('U0ALICE');
    expect(shiftAt(ny, schedule, null, at('2026-03-09T14:00:00Z')).userId).toBe('U0BOB');
    // 35 weekly handoffs from 2 March to 2 November: shift 35 → members[35 mod 3] = carol.
    const november = shiftAt(ny, schedule, null, at('2026-11-02T15:00:00Z'));
    expect(november.shiftIndex).toBe(35);
    expect(november.userId).toBe('U0CAROL');
    expect(november.endsAt?.toISOString()).toBe('2026-11-09T15:00:00.000Z');
  });
});

describe('cron with seconds', () => {
  it('reads a six-field expression with seconds first', () => {
    const schedule = cronSchedule('*/20 * * * * *', 'UTC');
    expect(schedule.next(at('2026-11-23T00:00:00Z'))?.toISOString()).toBe('2026-11-23T00:00:20.000Z');
    expect(schedule.next(at('2026-11-23T00:00:20Z'))?.toISOString()).toBe('2026-11-23T00:00:40.000Z');
    const game = rotation({ timezone: 'UTC', handoffCron: '*/20 * * * * *' }, '2026-11-23T00:00');
    // Handoffs at 00:20, 00:40 and 01:00: bob, carol, then alice again.
    expect(shiftAt(game, schedule, null, at('2026-11-23T00:00:40Z')).userId).toBe('U0CAROL');
    expect(shiftAt(game, schedule, null, at('2026-11-23T00:01:00Z'))).toMatchObject({ shiftIndex: 3, userId: 'U0ALICE' });
  });

  it('names what is wrong with a bad expression', () => {
    expect(cronProblem('61 * * * *', 'UTC')).toMatch(/minute/);
    expect(cronProblem('0 10 * * MON', 'Asia/Seoul')).toBeNull();
  });
});

describe('anchors and overrides', () => {
  const daily = rotation({ timezone: 'UTC', handoffCron: '0 9 * * *' }, '2026-11-01T09:00');
  const schedule = cronSchedule(daily.handoffCron, daily.timezone);

  it('walks from the latest stored handoff, so a manual handoff moves the rotation on', () => {
    expect(shiftAt(daily, schedule, null, at('2026-11-02T12:00:00Z')).userId).toBe('U0BOB');
    // A manual handoff at 12:00 on the 2nd to carol (index 2): the next day's handoff goes to alice (index 3).
    const anchor = { at: at('2026-11-02T12:00:00Z'), shiftIndex: 2 };
    expect(shiftAt(daily, schedule, anchor, at('2026-11-02T12:00:00Z')).userId).toBe('U0CAROL');
    expect(shiftAt(daily, schedule, anchor, at('2026-11-03T09:00:00Z')).userId).toBe('U0ALICE');
    // Before the anchor, the walk starts from the rotation start.
    expect(shiftAt(daily, schedule, anchor, at('2026-11-01T10:00:00Z')).userId).toBe('U0ALICE');
  });

  it('an override takes the shift for its span; the latest one wins; the schedule resumes after', () => {
    const overrides: Override[] = [
      { id: 1, rotation: 'platform', userId: 'U0DAVE', from: at('2026-11-02T10:00:00Z'), until: at('2026-11-02T12:00:00Z'), createdBy: 'U0BOB', createdAt: at('2026-11-02T10:00:00Z') },
      { id: 2, rotation: 'platform', userId: 'U0ERIN', from: at('2026-11-02T11:00:00Z'), until: at('2026-11-02T11:30:00Z'), createdBy: 'U0DAVE', createdAt: at('2026-11-02T11:00:00Z') },
    ];
    const who = (iso: string) => onCallAt(daily, schedule, null, overrides, at(iso));
    expect(who('2026-11-02T09:59:59Z').userId).toBe('U0BOB');
    expect(who('2026-11-02T10:00:00Z')).toMatchObject({ userId: 'U0DAVE', override: { id: 1 }, shift: { userId: 'U0BOB' } });
    expect(who('2026-11-02T11:10:00Z').userId).toBe('U0ERIN');
    expect(who('2026-11-02T11:30:00Z').userId).toBe('U0DAVE');
    expect(who('2026-11-02T12:00:00Z')).toMatchObject({ userId: 'U0BOB', override: null });
  });

  it('the view shows now and next, with the next handoff time', () => {
    const view = onCallView(daily, schedule, null, [], at('2026-11-02T12:00:00Z'));
    expect(view.now.userId).toBe('U0BOB');
    expect(view.next).toMatchObject({ userId: 'U0CAROL', at: at('2026-11-03T09:00:00Z') });
  });
});
