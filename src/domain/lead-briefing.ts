import type { TimelineEvent } from './incident.js';

/**
 * What was tried since the current commander took over: the notes and status updates after the last change of
 * commander (or since declaring), newest last, so the next commander does not repeat it.
 */
export function triedSinceLastHandoff(timeline: readonly TimelineEvent[], limit = 10): TimelineEvent[] {
  const lastHandoff = timeline.map((e) => e.kind).lastIndexOf('commander_changed');
  return timeline
    .slice(lastHandoff + 1)
    .filter((e) => e.kind === 'note' || e.kind === 'status_update')
    .slice(-limit);
}
