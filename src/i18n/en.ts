import type { Status } from '../domain/incident.js';
import type { PostmortemWords } from '../domain/postmortem/words.js';
import { draftSlackEn, postmortemEn } from './postmortem-en.js';
import { explainEn } from './explain-en.js';
import { triageEn } from './triage-en.js';
import { sloEn } from './slo-en.js';
import { oncallEn } from './oncall-en.js';
import { homeEn } from './home-en.js';
import { leadEn } from './lead-en.js';
import { promptEn } from './prompt-en.js';
import { modalsEn } from './modals-en.js';
import { errorsEn } from './errors-en.js';

const status: Record<Status, string> = {
  triage: 'Triage',
  investigating: 'Investigating',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
  declined: 'Declined',
};

const postmortem: PostmortemWords = { status, ...postmortemEn };

/** English catalog; the shape every other locale must match. Values are plain text: callers escape user text. */
export const en = {
  status,
  postmortem,
  draft: draftSlackEn,
  noSeverity: 'No severity',
  noCommander: 'no commander',
  unknown: 'unknown',
  card: {
    severity: 'Severity',
    status: 'Status',
    commander: 'Commander',
    channel: 'Channel',
    declared: 'Declared',
    durations: 'Durations',
    impact: 'Impact',
    lastUpdate: 'Last update',
    noUpdate: 'No status update yet.',
    followUps: (n: number) => `${n} follow-up${n === 1 ? '' : 's'}`,
    openFor: (d: string) => `open for ${d}`,
    mitigatedAfter: (d: string) => `mitigated after ${d}`,
    resolvedAfter: (d: string) => `resolved after ${d}`,
    acknowledgedAfter: (d: string) => `acknowledged after ${d}`,
    changeSeverity: 'Change severity',
    postUpdate: 'Post update',
    mitigated: 'Mitigated',
    resolve: 'Resolve',
    handOverLead: 'Hand over lead',
    reopenHint: 'Closed. To reopen: `/incident reopen <reason>`',
    resolution: 'Resolution',
    cause: 'Cause',
    updatedBy: (who: string, when: string) => `${who} · ${when}`,
  },
  topic: (severity: string, status: string, commander: string) => `${severity} · ${status} · IC ${commander}`,
  announce: {
    declared: (ref: string, title: string) => `${ref} declared: ${title}`,
    privateIncident: 'A private incident was declared.',
    summary: (severity: string, status: string, commander: string, channel: string) =>
      `${severity} · ${status} · IC ${commander} · ${channel}`,
  },
  update: {
    broadcast: (ref: string, who: string) => `*Status update on ${ref}* from ${who}`,
  },
  /** The DMs of a lead handoff, by state and reader (`you…` to the proposed commander, `they…` to the current one). */
  lead: leadEn,
  prompt: promptEn,
  triage: triageEn,
  slo: sloEn,
  explain: explainEn,
  oncall: oncallEn,
  home: homeEn,
  ...modalsEn,
  join: {
    /** The button under "Only people in #inc-… can change INC-n": the bot invites the presser. */
    button: (channelName: string | null) => (channelName === null ? 'Join the channel' : `Join #${channelName}`),
    done: (channelId: string) => `You're in <#${channelId}> now. Try again.`,
  },
  done: {
    declared: (ref: string) => `${ref} declared. Setting up its channel now.`,
    severity: (ref: string, severity: string) => `${ref} is now ${severity}.`,
    status: (ref: string, status: string) => `${ref} is now ${status}.`,
    update: (ref: string) => `Status update posted on ${ref}.`,
    lead: (ref: string, who: string) => `${who} has been asked to lead ${ref} and sent a briefing; you stay commander until they acknowledge.`,
    impact: (ref: string) => `Impact of ${ref} updated.`,
    note: (ref: string) => `Note added to the ${ref} timeline.`,
    followUp: (ref: string) => `Follow-up added to ${ref}.`,
  },
  list: {
    heading: (n: number) => `${n} open incident${n === 1 ? '' : 's'}`,
    empty: 'No open incidents. 🎉',
  },
  help: [
    '*/incident* — run an incident from Slack',
    '`/incident declare [title]` open the declare form',
    '`/incident list` open incidents, most severe first',
    '`/incident status` the summary card, just for you',
    '`/incident update <text>` post a status update',
    '`/incident severity <sev>` change severity (e.g. `sev1`, `1`)',
    '`/incident mitigated [note]` customer impact is mitigated',
    '`/incident resolve [note]` resolve (asks for the resolution and cause)',
    '`/incident reopen <reason>` reopen a mitigated or closed incident',
    '`/incident decline [reason]` not an incident (from triage)',
    '`/incident lead @user` hand the commander role over',
    '`/incident note <text>` add a note to the timeline',
    '`/incident followup <text> [@owner]` add an action item',
    '`/incident followups` your open follow-ups',
    '`/incident triage explain [message link]` how an alert was parsed, grouped and ruled',
    '`/incident oncall` who is on call now and next, per rotation',
    '`/incident oncall override @user <duration> [rotation]` take the shift for a while (e.g. `2h`, `1d`)',
    '`/incident handoff [rotation] [notes]` hand the on-call shift to the next person now',
    '`/incident postmortem` (re)generate the postmortem draft and post it under the summary card',
    '`/incident stats [30d]` incidents by severity, median and p90 durations',
    'Outside an incident channel, name the incident: `/incident resolve 42 fixed`.',
  ].join('\n'),
  usage: {
    declare: '/incident declare [title]',
    list: '/incident list',
    status: '/incident status [number]',
    update: '/incident update <text>',
    severity: '/incident severity <sev>',
    mitigated: '/incident mitigated [note]',
    resolve: '/incident resolve [note]',
    reopen: '/incident reopen <reason>',
    decline: '/incident decline [reason]',
    lead: '/incident lead @user',
    note: '/incident note <text>',
    followup: '/incident followup <text> [@owner]',
    followups: '/incident followups',
    triage: '/incident triage explain [message link]',
    oncall: '/incident oncall [override @user <duration> [rotation]]',
    override: '/incident oncall override @user <duration> [rotation]',
    handoff: '/incident handoff [rotation] [notes]',
    postmortem: '/incident postmortem [number]',
    stats: '/incident stats [30d]',
  } as Record<string, string>,
  errors: errorsEn,
  fields: {
    title: 'title',
    impact: 'impact',
    update: 'update',
    note: 'note',
    followup: 'follow-up',
    notes: 'handoff notes',
    reason: 'reason',
    summary: 'resolution summary',
    cause: 'cause',
  } as Record<string, string>,
};

export type Catalog = typeof en;
