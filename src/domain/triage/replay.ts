import type { Alert } from '../alerts/alert.js';
import { fingerprintOf } from './fingerprint.js';
import { addToGroup, resolveGroup, reviseInGroup, startGroup, withdrawFromGroup, withinWindow, type GroupCounts } from './group.js';
import { placeMessage, promotedByRule, subjectCovers } from './placement.js';
import { decideTriage, type TriageDecision, type TriageRule } from './rules.js';

export interface ReplayMessage {
  readonly channelId: string;
  readonly ts: string;
  readonly at: Date;
  readonly text: string;
  /** The message as first posted. */
  readonly parsed: Alert;
  /** Its edits in Slack (`message_changed`), oldest first; the store keeps the latest. */
  readonly revisions?: readonly { readonly at: Date; readonly text: string; readonly parsed: Alert }[] | undefined;
  /** When it was deleted in Slack, if it was. */
  readonly deletedAt?: Date | null | undefined;
}

export interface ReplayGroup {
  readonly id: number;
  readonly channelId: string;
  /** The `ts` of each message in the group. */
  readonly members: readonly string[];
  readonly fields: Readonly<Record<string, string>>;
  readonly name: string;
  readonly decision: TriageDecision;
  readonly counts: GroupCounts;
}

/** A message no group took, and why (a question, a tool's info post, a recovery of nothing open …). */
export interface UngroupedMessage {
  readonly channelId: string;
  readonly ts: string;
  readonly at: Date;
  readonly parsed: Alert;
  readonly why: string;
}

export interface ReplayOutcome {
  readonly groups: readonly ReplayGroup[];
  readonly ungrouped: readonly UngroupedMessage[];
}

export interface ReplaySettings {
  readonly groupWindowMs: number;
  readonly groupBy: readonly string[];
  readonly rules: readonly TriageRule[];
}

interface WorkingGroup extends ReplayGroup {
  readonly key: string;
  readonly source: string;
  readonly subject: string | null;
}

type Step =
  | { at: Date; message: ReplayMessage; kind: 'post' | 'delete' }
  | { at: Date; message: ReplayMessage; kind: 'edit'; text: string; parsed: Alert };

function stepsOf(messages: readonly ReplayMessage[]): Step[] {
  const steps: Step[] = [];
  for (const message of messages) {
    steps.push({ at: message.at, message, kind: 'post' });
    for (const revision of message.revisions ?? []) steps.push({ ...revision, message, kind: 'edit' });
    if (message.deletedAt) steps.push({ at: message.deletedAt, message, kind: 'delete' });
  }
  // Stable: messages keep their order when times tie, and a post precedes its own edit.
  return steps.map((step, i) => ({ step, i })).sort((a, b) => a.step.at.getTime() - b.step.at.getTime() || a.i - b.i).map(({ step }) => step);
}

/**
 * What a (new) rule set would have done with stored messages: the same classification, grouping, recovery pairing,
 * edits and deletions as live (see placement.ts), without Slack.
 */
export function replayTriage(messages: readonly ReplayMessage[], settings: ReplaySettings): ReplayOutcome {
  const groups: WorkingGroup[] = [];
  const ungrouped = new Map<ReplayMessage, UngroupedMessage>();
  const groupOf = new Map<ReplayMessage, number>();
  const current = new Map<ReplayMessage, Alert>();

  const update = (id: number, counts: GroupCounts): void => {
    const index = groups.findIndex((g) => g.id === id);
    const group = groups[index];
    if (group) groups[index] = { ...group, counts };
  };

  const join = (id: number, message: ReplayMessage): void => {
    const index = groups.findIndex((g) => g.id === id);
    const group = groups[index];
    if (group) groups[index] = { ...group, members: [...group.members, message.ts] };
  };

  const post = (message: ReplayMessage, raw: Alert, text: string, at: Date): void => {
    const decision = decideTriage(raw, text, settings.rules);
    const parsed = promotedByRule(raw, decision);
    current.set(message, parsed);
    const fingerprint = fingerprintOf(parsed, settings.groupBy);
    const sameChannel = groups.filter((g) => g.channelId === message.channelId);
    const recent = sameChannel.findLast((g) => g.key === fingerprint.key && withinWindow(g.counts.lastSeenAt, at, settings.groupWindowMs));
    const stillFiring = sameChannel
      .filter((g) => g.counts.status === 'firing' && (g.key === fingerprint.key || (parsed.subject !== null && g.source === parsed.source && g.subject !== null && subjectCovers(parsed.subject, g.subject))))
      .reverse();
    const placement = placeMessage(parsed, { recent, stillFiring });
    switch (placement.action) {
      case 'store':
        ungrouped.set(message, { channelId: message.channelId, ts: message.ts, at, parsed, why: placement.why });
        return;
      case 'join': {
        const group = groups.find((g) => g.id === placement.groupId);
        if (group) update(group.id, addToGroup(group.counts, parsed, at));
        groupOf.set(message, placement.groupId);
        join(placement.groupId, message);
        return;
      }
      case 'resolve': {
        const [first, ...others] = placement.groupIds;
        for (const id of others) {
          const group = groups.find((g) => g.id === id);
          if (group) update(id, resolveGroup(group.counts, at));
        }
        const group = groups.find((g) => g.id === first);
        if (group && first !== undefined) {
          update(first, addToGroup(group.counts, parsed, at));
          groupOf.set(message, first);
          join(first, message);
        }
        return;
      }
      case 'open': {
        const id = groups.length + 1;
        groups.push({
          id,
          members: [message.ts],
          key: fingerprint.key,
          source: parsed.source,
          subject: parsed.subject,
          channelId: message.channelId,
          fields: fingerprint.fields,
          name: parsed.name,
          decision,
          counts: startGroup(parsed, at),
        });
        groupOf.set(message, id);
      }
    }
  };

  for (const step of stepsOf(messages)) {
    const { message } = step;
    const groupId = groupOf.get(message);
    const group = groups.find((g) => g.id === groupId);
    if (step.kind === 'post') {
      post(message, message.parsed, message.text, step.at);
    } else if (step.kind === 'edit') {
      const before = current.get(message) ?? message.parsed;
      if (group) {
        current.set(message, step.parsed);
        update(group.id, reviseInGroup(group.counts, before, step.parsed, step.at));
      } else {
        // Not grouped so far: the edited message is read as if it had just been posted.
        ungrouped.delete(message);
        post(message, step.parsed, step.text, step.at);
      }
    } else if (step.kind === 'delete') {
      if (group) update(group.id, withdrawFromGroup(group.counts, current.get(message) ?? message.parsed, step.at));
      ungrouped.delete(message);
    }
  }
  return {
    groups: groups.map(({ id, channelId, members, fields, name, decision, counts }) => ({ id, channelId, members, fields, name, decision, counts })),
    ungrouped: [...ungrouped.values()],
  };
}
