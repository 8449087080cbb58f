import type { Generated } from 'kysely';

export interface IncidentsTable {
  number: number;
  title: string;
  impact: string;
  severity: string | null;
  status: string;
  commander_id: string | null;
  declared_by: string;
  responders: string;
  is_private: number;
  origin: string;
  channel_id: string | null;
  channel_name: string | null;
  card_ts: string | null;
  announce_channel_id: string | null;
  announce_ts: string | null;
  topic: string | null;
  invited: string;
  impact_started_at: string | null;
  detected_at: string | null;
  declared_at: string;
  acknowledged_at: string | null;
  mitigated_at: string | null;
  resolved_at: string | null;
  last_update_text: string | null;
  last_update_at: string | null;
  last_update_by: string | null;
  resolution_summary: string | null;
  cause: string | null;
  updated_at: string;
  commander_active_at: string | null;
  pending_lead_id: string | null;
  pending_lead_by: string | null;
  pending_lead_since: string | null;
  alert_group_id: number | null;
  card_pinned: Generated<number>;
}

export interface TimelineEventsTable {
  id: Generated<number>;
  incident_number: number;
  kind: string;
  actor_id: string | null;
  occurred_at: string;
  recorded_at: string;
  text: string | null;
  data: string;
  message_channel_id: string | null;
  message_ts: string | null;
  source_key: string | null;
  message_thread_ts: string | null;
  message_sending_at: string | null;
}

export interface FollowUpsTable {
  id: Generated<number>;
  incident_number: number;
  text: string;
  owner_id: string | null;
  done: number;
  created_by: string;
  created_at: string;
}

export interface ProcessedEventsTable {
  key: string;
  processed_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  incident_number: number | null;
  payload: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  /** when the row was delivered or buried */
  done_at: string | null;
  /** the Slack target the effect writes: rows of one key run in order, one at a time */
  target_key: string;
  state: OutboxState;
  lease_owner: string | null;
  lease_until: string | null;
}

export type OutboxState = 'queued' | 'running' | 'done' | 'dead';

export interface InboxTable {
  id: Generated<number>;
  event_id: string;
  /** events of one key (their channel) are processed in the order Slack delivered them */
  key: string;
  kind: string;
  body: string;
  received_at: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  done_at: string | null;
}

export interface SlackSendsTable {
  key: string;
  started_at: string;
  channel_id: string | null;
  ts: string | null;
}

export interface ScheduledJobsTable {
  key: string;
  kind: string;
  incident_number: number | null;
  due_at: string;
  state: string;
  runs: number;
  last_run_at: string | null;
  updated_at: string;
  /** while a worker runs the job (state `running`): who, and until when the claim holds */
  lease_owner: string | null;
  lease_until: string | null;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface PromptsTable {
  id: Generated<number>;
  incident_number: number;
  kind: string;
  state: string;
  recipient_id: string | null;
  channel_id: string | null;
  message_ts: string | null;
  send_started_at: string | null;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
  created_at: string;
}

export interface AlertGroupsTable {
  id: Generated<number>;
  fingerprint: string;
  fingerprint_fields: string;
  channel_id: string;
  thread_ts: string;
  source: string;
  name: string;
  severity: string | null;
  service: string | null;
  summary: string;
  link: string | null;
  status: string;
  firing: number;
  alert_count: number;
  first_seen_at: string;
  last_seen_at: string;
  resolved_at: string | null;
  action: string;
  rule_index: number | null;
  suggested_severity: string | null;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  muted_until: string | null;
  dismissed_by: string | null;
  incident_number: number | null;
  reply_ts: string | null;
  reply_written_at: string | null;
  subject: string | null;
  acknowledged_via: string | null;
  /** 1 for the newest group of its channel and fingerprint (a unique partial index keeps it one) */
  is_current: Generated<number>;
  /** 1 when its alerts are instances a tool identifies (counts are of instances) */
  tracks_instances: Generated<number>;
  truncated_alerts: Generated<number>;
  /** JSON list of the first alert's links */
  links: Generated<string>;
}

/** One identified alert instance per occurrence of its group, as its latest report left it. */
export interface AlertInstancesTable {
  id: Generated<number>;
  group_id: number;
  channel_id: string;
  source: string;
  fingerprint: string;
  status: string;
  name: string;
  severity: string | null;
  service: string | null;
  summary: string;
  labels: string;
  annotations: string;
  links: string;
  reason: string;
  starts_at: string | null;
  ends_at: string | null;
  first_seen_at: string;
  last_seen_at: string;
}

export interface AlertsTable {
  id: Generated<number>;
  channel_id: string;
  message_ts: string;
  received_at: string;
  raw: string;
  source: string;
  status: string;
  name: string;
  severity: string | null;
  service: string | null;
  summary: string;
  labels: string;
  count: number;
  link: string | null;
  group_id: number | null;
  kind: Generated<string>;
  subject: string | null;
  reason: Generated<string>;
  count_is_total: Generated<number>;
  revised_raw: string | null;
  revised_at: string | null;
  deleted_at: string | null;
}

export interface RotationsTable {
  name: string;
  tracked_since: string;
}

export interface HandoffsTable {
  id: Generated<number>;
  rotation: string;
  due_at: string;
  trigger: string;
  shift_index: number;
  outgoing_id: string;
  incoming_id: string;
  late: number;
  skipped: number;
  notes: string | null;
  notes_by: string | null;
  reminded_at: string | null;
  posted_at: string | null;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  ack_reminded_at: string | null;
  created_at: string;
}

export interface HandoffMessagesTable {
  handoff_id: number;
  part: string;
  channel_id: string | null;
  ts: string | null;
  send_started_at: string | null;
}

export interface OncallOverridesTable {
  id: Generated<number>;
  rotation: string;
  user_id: string;
  from_at: string;
  until_at: string;
  created_by: string;
  created_at: string;
}

export interface PostmortemDraftsTable {
  id: Generated<number>;
  incident_number: number;
  version: number;
  markdown: string;
  json: string;
  created_at: string;
  created_by: string;
  posted_ts: Generated<string>;
  alert_link_ts: string | null;
  sending: string | null;
  posted_at: string | null;
}

export interface BotStateTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface IssuedFormsTable {
  token: string;
  form: string;
  user_id: string;
  incident_number: number | null;
  alert_group_id: number | null;
  handoff_id: number | null;
  view_id: string | null;
  opened_at: string;
}

/** One request to take over as commander, and how it ended (migration 011). */
export interface LeadHandoffsTable {
  id: Generated<number>;
  incident_number: number;
  from_id: string;
  to_id: string;
  requested_by: string;
  requested_at: string;
  state: string;
  ended_at: string | null;
  ended_by: string | null;
  next_lead_id: string | null;
  closed_as: string | null;
  reminded_at: string | null;
}

/** The DMs of a lead handoff (briefing, reminder, notice), where Slack put them. */
export interface LeadHandoffMessagesTable {
  handoff_id: number;
  part: string;
  channel_id: string;
  ts: string;
  posted_at: string;
}

/** Time from detection to a milestone, kept from the first time the incident reached it (migration 013). */
export interface IncidentMeasuresTable {
  incident_number: number;
  measure: string;
  severity: string | null;
  /** bigint: PostgreSQL hands it back as a string */
  duration_ms: number | string;
  reached_at: string;
}

/** Each person's App Home as last opened and published (migration 014). */
export interface HomeViewsTable {
  user_id: string;
  opened_at: string | null;
  view_id: string | null;
  slack_hash: string | null;
  content_hash: string | null;
  published_at: string | null;
}

export interface Database {
  incidents: IncidentsTable;
  timeline_events: TimelineEventsTable;
  follow_ups: FollowUpsTable;
  processed_events: ProcessedEventsTable;
  outbox: OutboxTable;
  scheduled_jobs: ScheduledJobsTable;
  prompts: PromptsTable;
  alert_groups: AlertGroupsTable;
  alerts: AlertsTable;
  alert_instances: AlertInstancesTable;
  rotations: RotationsTable;
  handoffs: HandoffsTable;
  handoff_messages: HandoffMessagesTable;
  oncall_overrides: OncallOverridesTable;
  postmortem_drafts: PostmortemDraftsTable;
  bot_state: BotStateTable;
  slack_sends: SlackSendsTable;
  inbox: InboxTable;
  issued_forms: IssuedFormsTable;
  lead_handoffs: LeadHandoffsTable;
  lead_handoff_messages: LeadHandoffMessagesTable;
  counters: CountersTable;
  incident_measures: IncidentMeasuresTable;
  home_views: HomeViewsTable;
}
