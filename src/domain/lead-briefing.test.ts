import { describe, expect, it } from 'vitest';
import type { TimelineEvent, TimelineKind } from './incident.js';
import { triedSinceLastHandoff } from './lead-briefing.js';

const at = (minute: number, kind: TimelineKind, text: string | null = null): TimelineEvent => ({
  id: minute,
  incidentNumber: 1,
  kind,
  actorId: 'U1',
  occurredAt: new Date(Date.UTC(2026, 10, 23, 3, minute)),
  text,
  data: {},
  message: null,
  sourceKey: null,
});

describe('what was tried since the last handoff', () => {
  it('lists notes and updates after the last change of commander', () => {
    const timeline = [at(0, 'declared'), at(1, 'note', 'restarted pods'), at(2, 'commander_changed'), at(3, 'note', 'flushed CDN'), at(4, 'severity_changed'), at(5, 'status_update', 'rolled back')];
    expect(triedSinceLastHandoff(timeline).map((e) => e.text)).toEqual(['flushed CDN', 'rolled back']);
  });

  it('lists everything since declaring when nobody handed over yet, capped to the latest', () => {
    const timeline = [at(0, 'declared'), ...Array.from({ length: 15 }, (_, i) => at(i + 1, 'note', `try ${i + 1}`))];
    expect(triedSinceLastHandoff(timeline, 3).map((e) => e.text)).toEqual(['try 13', 'try 14', 'try 15']);
  });

  it('for a handoff that ended, keeps what was handed over: nothing from its own change of commander on', () => {
    const timeline = [at(0, 'declared'), at(1, 'note', 'restarted pods'), at(2, 'commander_changed'), at(3, 'note', 'flushed CDN')];
    expect(triedSinceLastHandoff(timeline, 10, new Date(Date.UTC(2026, 10, 23, 3, 2))).map((e) => e.text)).toEqual(['restarted pods']);
  });
});
