import { describe, expect, it } from 'vitest';
import { startGroup, type GroupCounts } from '../triage/group.js';
import { countsAfterInstance, placeInstance, type KnownInstance } from './instances.js';

const t = (minute: number): Date => new Date(Date.UTC(2026, 10, 23, 9, minute));
const firing = (startsAt = t(0)) => ({ status: 'firing' as const, startsAt, endsAt: null });
const resolved = (startsAt = t(0), endsAt = t(5)) => ({ status: 'resolved' as const, startsAt, endsAt });
const counts = (status: 'firing' | 'resolved', firingNow = status === 'firing' ? 1 : 0): GroupCounts => ({
  status,
  firing: firingNow,
  alertCount: 1,
  firstSeenAt: t(0),
  lastSeenAt: t(0),
  resolvedAt: status === 'resolved' ? t(5) : null,
});
const known = (status: 'firing' | 'resolved', groupId = 7): KnownInstance => ({ groupId, status, startsAt: t(0), endsAt: status === 'resolved' ? t(5) : null });

describe('where a report of an identified alert goes', () => {
  it('a first firing opens a group, or joins the firing group of its fingerprint as a new instance', () => {
    expect(placeInstance(firing(), { known: undefined, knownGroup: undefined, current: undefined })).toEqual({ action: 'open' });
    expect(placeInstance(firing(), { known: undefined, knownGroup: undefined, current: { id: 3, counts: counts('firing') } })).toEqual({ action: 'join', groupId: 3, step: 'new', row: 'insert' });
    // A group that resolved is over: a new instance opens a new occurrence.
    expect(placeInstance(firing(), { known: undefined, knownGroup: undefined, current: { id: 3, counts: counts('resolved') } })).toEqual({ action: 'open' });
  });

  it('a firing instance reported again is seen; its resolve (by status or by an end) resolves it in its own group, however old', () => {
    const candidates = { known: known('firing'), knownGroup: { id: 7, counts: counts('firing') }, current: { id: 9, counts: counts('firing') } };
    expect(placeInstance(firing(), candidates)).toEqual({ action: 'join', groupId: 7, step: 'seen', row: 'update' });
    expect(placeInstance(resolved(), candidates)).toEqual({ action: 'join', groupId: 7, step: 'resolved', row: 'update' });
    expect(placeInstance({ status: 'firing', startsAt: t(0), endsAt: t(5) }, candidates)).toMatchObject({ step: 'resolved' });
  });

  it('a resolve of nothing seen firing, a resolve repeated, and an older copy of an ended occurrence change nothing', () => {
    expect(placeInstance(resolved(), { known: undefined, knownGroup: undefined, current: undefined })).toMatchObject({ action: 'store' });
    const ended = { known: known('resolved'), knownGroup: { id: 7, counts: counts('firing') }, current: undefined };
    expect(placeInstance(resolved(), ended)).toMatchObject({ action: 'store' });
    // An HA peer's late copy still says "firing since 09:00": that occurrence ended at 09:05.
    expect(placeInstance(firing(t(0)), ended)).toMatchObject({ action: 'store', why: expect.stringContaining('older state') });
    expect(placeInstance(firing(t(3)), ended)).toMatchObject({ action: 'store' });
  });

  it('firing again after its end: back into its group while that group still fires, else a new occurrence', () => {
    const refire = firing(t(10));
    expect(placeInstance(refire, { known: known('resolved'), knownGroup: { id: 7, counts: counts('firing') }, current: undefined })).toEqual({ action: 'join', groupId: 7, step: 'again', row: 'update' });
    expect(placeInstance(refire, { known: known('resolved'), knownGroup: { id: 7, counts: counts('resolved') }, current: { id: 7, counts: counts('resolved') } })).toEqual({ action: 'open' });
    expect(placeInstance(refire, { known: known('resolved'), knownGroup: { id: 7, counts: counts('resolved') }, current: { id: 8, counts: counts('firing') } })).toEqual({ action: 'join', groupId: 8, step: 'new', row: 'insert' });
  });
});

describe("a group of identified instances counts them", () => {
  it('resolves when its last instance does, and counts instances, not notifications', () => {
    let group = startGroup({ status: 'firing', count: 1, countIsTotal: false } as Parameters<typeof startGroup>[0], t(0));
    group = countsAfterInstance(group, 'new', t(1));
    group = countsAfterInstance(group, 'seen', t(2));
    expect(group).toMatchObject({ status: 'firing', firing: 2, alertCount: 2, lastSeenAt: t(2) });
    group = countsAfterInstance(group, 'resolved', t(3));
    expect(group).toMatchObject({ status: 'firing', firing: 1 });
    group = countsAfterInstance(group, 'again', t(4));
    expect(group).toMatchObject({ status: 'firing', firing: 2, alertCount: 2 });
    group = countsAfterInstance(group, 'resolved', t(5));
    group = countsAfterInstance(group, 'resolved', t(6));
    expect(group).toMatchObject({ status: 'resolved', firing: 0, resolvedAt: t(6) });
  });
});
