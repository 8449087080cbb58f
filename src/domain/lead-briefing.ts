import type { TimelineEvent } from './incident.js';

/**
 * What was tried since the current commander took over: the notes and status updates after the last change of
 * commander (or since declaring), newest last, so the next commander does not repeat it. With `until` (a handoff
 * that ended), only what happened before then: the briefing keeps showing what its reader was handed.
 */
export function triedSinceLastHandoff(timeline: readonly TimelineEvent[], limit = 10, until: Date | null = null): TimelineEvent[] {
  const before = until === null ? timeline : timeline.filter((e) => e.occurredAt.getTime() < until.getTime());
  const lastHandoff = before.map((e) => e.kind).lastIndexOf('commander_changed');
  return before
    .slice(lastHandoff + 1)
    .filter((e) => e.kind === 'note' || e.kind === 'status_update')
    .slice(-limit);
}
