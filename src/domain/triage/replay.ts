import type { ParsedAlert } from './alert.js';
import { fingerprintOf } from './fingerprint.js';
import { addToGroup, startGroup, withinWindow, type GroupCounts } from './group.js';
import { decideTriage, type TriageDecision, type TriageRule } from './rules.js';

export interface ReplayAlert {
  readonly channelId: string;
  readonly at: Date;
  readonly text: string;
  readonly parsed: ParsedAlert;
}

export interface ReplayGroup {
  readonly channelId: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly name: string;
  readonly decision: TriageDecision;
  readonly counts: GroupCounts;
}

export interface ReplaySettings {
  readonly groupWindowMs: number;
  readonly groupBy: readonly string[];
  readonly rules: readonly TriageRule[];
}

/** What a (new) rule set would have done with stored alerts: the same grouping and rules as live, without Slack. */
export function replayTriage(alerts: readonly ReplayAlert[], settings: ReplaySettings): ReplayGroup[] {
  const groups: Array<ReplayGroup & { key: string }> = [];
  for (const alert of alerts) {
    const fingerprint = fingerprintOf(alert.parsed, settings.groupBy);
    const index = groups.findLastIndex(
      (g) => g.key === fingerprint.key && g.channelId === alert.channelId && withinWindow(g.counts.lastSeenAt, alert.at, settings.groupWindowMs),
    );
    const open = groups[index];
    if (open) {
      groups[index] = { ...open, counts: addToGroup(open.counts, alert.parsed, alert.at) };
    } else {
      groups.push({
        key: fingerprint.key,
        channelId: alert.channelId,
        fields: fingerprint.fields,
        name: alert.parsed.name,
        decision: decideTriage(alert.parsed, alert.text, settings.rules),
        counts: startGroup(alert.parsed, alert.at),
      });
    }
  }
  return groups.map(({ key: _key, ...group }) => group);
}
