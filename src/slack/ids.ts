import type { FormKind } from '../app/access-ports.js';

/** Every action, view and block id the bot puts in Slack, in one place, so listeners and renderers agree. */
export const ACTION = {
  severity: 'incident.severity',
  postUpdate: 'incident.post_update',
  mitigated: 'incident.mitigated',
  resolve: 'incident.resolve',
  handOverLead: 'incident.hand_over_lead',
  /** Prefix: `prompt.answer:<answer>`, value `<promptId>:<answer>` (action ids must be unique per message). */
  promptAnswer: 'prompt.answer',
  promptImpact: 'prompt.impact',
  acknowledgeLead: 'lead.acknowledge',
  declineLead: 'lead.decline',
  triageDeclare: 'triage.declare',
  /** The SLO suggestion's one click: value `<groupId>:<severity id>`, the declare form opens with that severity. */
  triageDeclareAs: 'triage.declare_as',
  triageAcknowledge: 'triage.acknowledge',
  triageMute: 'triage.mute',
  triageDismiss: 'triage.dismiss',
  handoffNotes: 'handoff.notes',
  handoffAcknowledge: 'handoff.acknowledge',
  /** Under a refusal to a non-member of a public incident: the bot invites the presser (value: the incident number). */
  joinIncident: 'incident.join',
} as const;

export const VIEW = {
  declare: 'incident.declare',
  resolve: 'incident.resolve',
  update: 'incident.update',
  lead: 'incident.lead',
  impact: 'incident.impact',
  handoffNotes: 'handoff.notes',
  home: 'home',
  homeNotice: 'home.notice',
} as const;

/** The view (callback id) each kind of stored form opens as. */
export const FORM_VIEW: Readonly<Record<FormKind, string>> = {
  declare: VIEW.declare,
  resolve: VIEW.resolve,
  update: VIEW.update,
  lead: VIEW.lead,
  impact: VIEW.impact,
  handoff_notes: VIEW.handoffNotes,
};

/** Input blocks in modals; every input's element uses the action id `value`. */
export const INPUT = {
  title: 'title',
  severity: 'severity',
  impact: 'impact',
  commander: 'commander',
  private: 'private',
  summary: 'summary',
  cause: 'cause',
  impactStart: 'impact_start',
  text: 'text',
  user: 'user',
  notes: 'notes',
} as const;

export const INPUT_ACTION = 'value';
