import type { MessageKind } from '../domain/triage/alert.js';

/** `/incident triage explain`, in English. Alert text, names and reasons are the record's and arrive escaped. */
export const explainEn = {
  kind: { alert: "a tool's alert", notice: "a tool's non-alert post", person: "a person's message" } satisfies Record<MessageKind, string>,
  parsedAs: (source: string, kind: string, status: string) => `*Parsed as ${source}*: ${kind}, ${status}`,
  instances: (n: number) => `${n} instance${n === 1 ? '' : 's'}`,
  why: (reason: string) => `*Why*: ${reason}`,
  notAnAlert: (reason: string) => `*Not an alert, because*: ${reason}`,
  noReason: 'stored before reasons were recorded',
  fields: (name: string, severity: string, service: string) => `name: ${name} · severity: ${severity} · service: ${service}`,
  subject: (subject: string) => ` · subject: ${subject}`,
  summary: (summary: string) => `summary: ${summary}`,
  labels: (labels: string) => `labels: ${labels}`,
  edited: (when: string) => `edited ${when} (read as edited)`,
  deleted: (when: string) => `deleted ${when}: kept in the record, not counted`,
  /** How to make posts like this one open a group, when the bot was wrong to stay quiet. */
  ruleForTool: (source: string) => `If posts like this should open a group, add a triage rule that names the tool: \`{ match: { source: ${source}, text: "(?i)…" }, action: suggest }\``,
  ruleForPerson: 'If messages like this should open a group, add a triage rule: `{ match: { text: "(?i)…" }, action: suggest }` (a question never does)',
  grouped: (id: number, threadLink: string) => `*Grouped into group ${id}* (${threadLink})`,
  threadLink: 'thread of its first alert',
  opened: (fields: string, window: string) => `because it opened it; later alerts join when they have the same ${fields} within ${window}`,
  recovers: (source: string, subject: string) => `because it recovers it: the same ${source} subject "${subject}"`,
  joined: (fields: string, window: string) => `because it has the same ${fields} as an alert seen within ${window}`,
  noRule: '*Rule*: no rule matched: suggest (the default)',
  rule: (n: number, action: string, severity: string) => `*Rule*: rule #${n}: ${action}${severity ? ` as ${severity}` : ''}`,
  groupNow: (status: string, firing: number, messages: number) => `*Group now*: ${status}, ${firing} firing, ${messages} alert message${messages === 1 ? '' : 's'}`,
  notGroupedQuiet: 'Not grouped: it says nothing is wrong, so it opens no group and gets no reply. It is stored and replayable.',
  notGroupedRecovery: 'Not grouped: nothing of the same fingerprint or subject was open to resolve. It is stored and replayable.',
  notGroupedGone: 'Not grouped: its group is gone. It is stored and replayable.',
  fallback: (source: string, name: string) => `Parsed as ${source}: ${name}`,
};
