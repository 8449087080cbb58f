/** The DMs of a lead handoff, in English. */
export const leadEn = {
  briefing: (ref: string, by: string) => `${by} asked you to lead ${ref}. Here is where it stands; press Acknowledge to take over, or Decline.`,
  currentState: 'Current state',
  openFollowUps: 'Open follow-ups',
  tried: 'Tried so far (notes and updates since the last handoff)',
  none: 'none',
  channelLink: (channel: string) => `Join ${channel} to take over.`,
  channel: (channel: string) => `Incident channel: ${channel}`,
  acknowledge: 'Acknowledge',
  decline: 'Decline',
  reminder: (ref: string, by: string, asked: string) =>
    `Reminder: ${by} asked you to lead ${ref} (${asked}). Acknowledge to take over, or decline so they can ask someone else.`,
  waiting: (ref: string, who: string, asked: string) => `${who} has not acknowledged the ${ref} handoff yet (asked ${asked}); you are still the commander.`,
  youTookOver: (ref: string, from: string, when: string) => `✓ You acknowledged the handoff from ${from} and took over ${ref} as commander (${when}).`,
  theyTookOver: (ref: string, who: string, when: string) => `✓ ${who} acknowledged the ${ref} handoff and took over as commander (${when}); you can step back.`,
  youDeclined: (ref: string, from: string, when: string) => `You declined to lead ${ref} (${when}); ${from} stayed the commander.`,
  theyDeclined: (ref: string, who: string, when: string) =>
    `${who} declined to lead ${ref} (${when}); you stayed the commander. To ask someone else: \`/incident lead @user\`.`,
  youReplaced: (ref: string, by: string, next: string, when: string) => `Closed: ${by} asked ${next} to lead ${ref} instead (${when}). Nothing for you to do.`,
  theyReplaced: (ref: string, who: string, by: string, next: string, when: string) => `The ${ref} handoff to ${who} was replaced: ${by} asked ${next} instead (${when}).`,
  youWithdrawn: (ref: string, status: string, when: string) =>
    `${ref} was closed as ${status} (${when}) before you acknowledged; the handoff was withdrawn. Nothing to take over.`,
  theyWithdrawn: (ref: string, who: string, status: string, when: string) =>
    `${ref} was closed as ${status} (${when}) before ${who} acknowledged; the handoff was withdrawn and you stayed the commander.`,
  withdrawn: (ref: string, when: string) => `The ${ref} handoff was withdrawn (${when}).`,
  /** A reminder stored as a prompt before migration 011, once its handoff is over. */
  settled: (ref: string, commander: string) => `The ${ref} lead handoff is settled: ${commander} leads.`,
};
