/** What a user reads when a command, button or form is refused, in English. */
export const errorsEn = {
  unknownSubcommand: (input: string) => `I don't know \`${input}\`. Try \`/incident help\`.`,
  missingArgument: (usage: string) => `That needs more: \`${usage}\``,
  invalidArgument: (input: string, usage: string) => `\`${input}\` does not fit here. The form is \`${usage}\``,
  invalidTime: (input: string, timeZone: string) => `"${input}" is not a time I can read. Write 14:05 or 2026-11-23 14:05 (${timeZone}).`,
  timeInFuture: 'That time is in the future.',
  invalidUser: (input: string) => `"${input}" is not a Slack user. Mention them, like \`/incident lead @alex\`.`,
  unknownUser: (userId: string) => `I can't find user <@${userId}> in this workspace.`,
  botUser: (userId: string) => `<@${userId}> is a bot; a person has to lead.`,
  notFound: (ref: string) => `There is no incident ${ref}. \`/incident list\` shows the open ones.`,
  noIncidentHere: (usage: string) =>
    `This channel is not an incident channel. Run it in the incident's channel, or name the incident: \`${usage.replace('/incident ', '/incident <number> ')}\``,
  invalidTransition: (from: string, to: string, allowed: string) =>
    `Can't go from ${from} to ${to}. From ${from} you can go to: ${allowed}.`,
  alreadyInStatus: (status: string) => `It is already ${status}.`,
  unknownSeverity: (input: string, known: string) => `"${input}" is not a severity. Use one of: ${known}.`,
  sameSeverity: (severity: string) => `It is already ${severity}.`,
  titleMissing: 'Give the incident a title.',
  textTooLong: (field: string, max: number, length: number) => `The ${field} is ${length} characters; the limit is ${max}.`,
  textMissing: (field: string) => `The ${field} can't be empty.`,
  textInvisible: (field: string) =>
    `The ${field} shows as nothing: it has only invisible characters (zero-width spaces, direction marks, control characters). Write something people can read.`,
  notIncidentMember: (ref: string, channelId: string) =>
    `Only people in <#${channelId}> can change ${ref}. Anyone can join it: join, then try again. (Reading it needs no membership: \`/incident status ${ref.replace('INC-', '')}\`.)`,
  accessUnknown: (ref: string | null) =>
    `Can't check your access to ${ref ?? 'that channel'} right now (Slack is not answering who is in it); try again in a minute.`,
  joinFailed: (channelId: string) => `Couldn't add you to <#${channelId}> right now. Try again in a minute, or join it yourself.`,
  controlNotRecognised: (what: 'button' | 'form'): string =>
    what === 'button'
      ? "I don't recognise that button: it is not on a message I posted for this. Nothing was changed; use the `/incident` command instead."
      : 'I did not open this form for you (or it is from before an update). Nothing was changed; open it again.',
  alreadyCommander: (userId: string) => `<@${userId}> already leads this incident.`,
  incidentClosed: (status: string) => `This incident is ${status}. Reopen it first: \`/incident reopen <reason>\``,
  alreadySubmitted: 'That form was already submitted.',
  notPendingLead: (pending: string | null) =>
    pending === null ? 'There is no lead handoff waiting for an answer.' : `Only <@${pending}> can acknowledge or decline this handoff.`,
  leadAlreadyPending: (userId: string) =>
    `<@${userId}> has already been asked to lead this incident and has not answered yet; they will be reminded. To ask someone else instead: \`/incident lead @user\`.`,
  groupNotFound: 'That alert group no longer exists.',
  invalidMessageLink: (input: string) => `"${input}" is not a Slack message link. Use *Copy link* on the alert message: \`/incident triage explain <link>\``,
  alertNotFound: 'I have no stored alert for that message. Run it with the link of a message in an alert channel.',
  groupAcknowledged: (by: string) => `<@${by}> already acknowledged this.`,
  groupHasIncident: (ref: string | null) => (ref === null ? 'This alert group already has an incident.' : `This alert group is already ${ref}.`),
  promptAnswered: (by: string | null) => (by === null ? 'That question is no longer open.' : `<@${by}> already answered that.`),
  noRotations: 'No on-call rotations are configured. Add them under `oncall.rotations` in the config file.',
  whichRotation: (input: string | null, names: string) =>
    input === null ? `Which rotation? Name one of: ${names} (e.g. \`/incident oncall override @alex 2h ${names.split(', ')[0] ?? ''}\`).` : `There is no rotation "${input}". Rotations: ${names}.`,
  handoffToSelf: (userId: string, rotation: string) => `<@${userId}> would hand *${rotation}* to themselves; the rotation needs another member.`,
  handoffNotFound: 'That handoff no longer exists.',
  notHandoffIncoming: (incoming: string) => `Only <@${incoming}> can acknowledge this handoff.`,
  notHandoffOutgoing: (outgoing: string) => `Only <@${outgoing}> writes the notes for this handoff.`,
  overrideTooLong: (maxDays: number) => `An override can last at most ${maxDays} days. Use a shorter duration, like \`8h\` or \`2d\`.`,
  invalidDuration: (input: string) => `"${input}" is not a duration. Write it like \`30m\`, \`2h\` or \`1d\`: \`/incident oncall override @user 2h\``,
  internal: 'Something went wrong on our side; nothing was changed. Try again, and tell the bot admins if it persists.',
  storeUnavailable: 'The bot’s database is not taking changes right now, so this was not saved. Try again in a minute.',
};
