/** The triage reply on an alert group, in English. */
export const triageEn = {
  /** Alert instances firing (Alertmanager's `[FIRING:8]`), which is not the number of messages. */
  firing: (n: number) => `🔥 Firing: ${n} instance${n === 1 ? '' : 's'}`,
  resolved: '✅ Resolved',
  alerts: (n: number) => `${n} alert message${n === 1 ? '' : 's'}`,
  /** Said under the message count when it differs from the instances firing, so the two do not look like a disagreement. */
  countsDiffer: 'every post counts, repeats and recoveries too; one post can report several instances',
  firstSeen: 'First seen',
  lastSeen: 'Last seen',
  source: 'Source',
  count: 'Messages',
  whyGrouped: (fields: string, window: string) => `Why grouped: same ${fields} within ${window}`,
  rule: (n: number, action: string, severity: string) => `Rule #${n}: ${action}${severity ? ` as ${severity}` : ''}`,
  acknowledged: (who: string, after: string) => `👀 Acknowledged by ${who} after ${after}`,
  acknowledgedVia: (tool: string, after: string) => `👀 Acknowledged in ${tool} after ${after}`,
  muted: (until: string) => `🔕 Muted until ${until}: later alerts are stored, not posted`,
  dismissed: (who: string) => `Not an incident — ${who}`,
  declared: (ref: string, channel: string) => `🚨 Declared as ${ref} ${channel}`,
  declaredPrivately: '🚨 Declared as a private incident',
  declare: 'Declare incident',
  acknowledge: 'Acknowledge',
  mute: 'Mute…',
  muteFor: (d: string) => `Mute ${d}`,
  dismiss: 'Not an incident',
  behind: (waiting: number, every: string) => `⏳ Alert storm: ${waiting} messages still to read. This reply is updated every ${every} until the bot has caught up; nothing is dropped.`,
};
