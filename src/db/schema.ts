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
  done_at: string | null;
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

export interface Database {
  incidents: IncidentsTable;
  timeline_events: TimelineEventsTable;
  follow_ups: FollowUpsTable;
  processed_events: ProcessedEventsTable;
  outbox: OutboxTable;
  scheduled_jobs: ScheduledJobsTable;
  prompts: PromptsTable;
}
