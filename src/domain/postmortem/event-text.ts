import type { Status, TimelineKind } from '../incident.js';
import { STATUSES } from '../incident.js';
import type { Dialect } from './dialect.js';
import type { DraftLine } from './draft.js';
import type { PostmortemWords } from './words.js';

/**
 * Events a person makes with a command or button, which no Slack message shows by itself: the bot posts one message
 * for each in the thread of the summary card (a status update as its broadcast), so every timeline line of the
 * postmortem can link to a message.
 */
export const THREADED_KINDS: readonly TimelineKind[] = [
  'status_update',
  'note',
  'severity_changed',
  'status_changed',
  'commander_changed',
  'lead_handoff_requested',
  'lead_handoff_declined',
  'impact_changed',
  'followup_added',
];

const asStatus = (value: string | null): Status | null => STATUSES.find((s) => s === value) ?? null;

/** What happened, in one line (without who and when): the draft's timeline and the bot's thread messages share it. */
export function describeEvent(line: Pick<DraftLine, 'kind' | 'text' | 'from' | 'to'>, words: PostmortemWords, dialect: Dialect): string {
  const e = words.events;
  const body = line.text === null || line.text === '' ? '' : dialect.continueItem(dialect.text(line.text));
  const withBody = (label: string): string => (body === '' ? label : `${label}: ${body}`);
  const status = (value: string | null): string => {
    const known = asStatus(value);
    return known ? words.status[known] : (value ?? '?');
  };
  const user = (value: string | null): string => (value === null ? words.nobody : dialect.mention(value));
  switch (line.kind) {
    case 'declared':
      return e.declared(body, line.to ?? words.noSeverity);
    case 'severity_changed':
      return e.severityChanged(dialect.text(line.from ?? words.noSeverity), dialect.text(line.to ?? words.noSeverity));
    case 'status_changed':
      return withBody(e.statusChanged(status(line.from), status(line.to)));
    case 'commander_changed':
      return e.commanderChanged(user(line.to));
    case 'lead_handoff_requested':
      return e.leadRequested(user(line.to));
    case 'lead_handoff_declined':
      return e.leadDeclined(user(line.from));
    case 'status_update':
      return withBody(e.statusUpdate);
    case 'note':
      return withBody(e.note);
    case 'followup_added':
      return `${withBody(e.followUp)}${line.to === null ? '' : ` (${words.owner(user(line.to))})`}`;
    case 'pinned_message':
      return withBody(e.pinned);
    case 'impact_changed':
      return withBody(e.impactChanged);
    case 'alert_linked':
      return withBody(e.alert);
    case 'channel_created':
      return e.channelCreated;
    case 'prompt_answered':
      return e.promptAnswered(line.to ?? '');
  }
}
