/** What the composer suggests after `/incident`: the subcommands, as `/incident help` lists them. */
export interface SlashHint {
  readonly usage: string;
  readonly insert: string;
  readonly does: string;
}

export const SLASH_HINTS: readonly SlashHint[] = [
  { usage: 'declare [title]', insert: 'declare ', does: 'open the declare form' },
  { usage: 'update <text>', insert: 'update ', does: 'post a status update' },
  { usage: 'severity <sev>', insert: 'severity ', does: 'change severity (sev1, 2 …)' },
  { usage: 'mitigated [note]', insert: 'mitigated', does: 'customer impact is mitigated' },
  { usage: 'resolve [note]', insert: 'resolve', does: 'resolve; asks for summary and cause' },
  { usage: 'reopen <reason>', insert: 'reopen ', does: 'back to investigating' },
  { usage: 'lead @user', insert: 'lead @', does: 'hand the commander role over' },
  { usage: 'note <text>', insert: 'note ', does: 'add a timeline note' },
  { usage: 'followup <text> [@owner]', insert: 'followup ', does: 'add an action item' },
  { usage: 'list', insert: 'list', does: 'open incidents' },
  { usage: 'status [n]', insert: 'status', does: 'the summary card, just for you' },
  { usage: 'postmortem [n]', insert: 'postmortem', does: 'post a new postmortem draft' },
  { usage: 'oncall', insert: 'oncall', does: 'who is on call now and next' },
  { usage: 'handoff [notes]', insert: 'handoff ', does: 'hand the shift over now' },
  { usage: 'triage explain [link]', insert: 'triage explain', does: 'how an alert was grouped' },
  { usage: 'stats [30d]', insert: 'stats', does: 'durations and counts' },
  { usage: 'help', insert: 'help', does: 'every command' },
];
