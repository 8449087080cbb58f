import type { Migration } from 'kysely';
import * as initial from './001_initial.js';
import * as promptsAndJobs from './002_prompts_and_jobs.js';
import * as alertTriage from './003_alert_triage.js';
import * as oncall from './004_oncall.js';
import * as postmortems from './005_postmortems.js';
import * as outboxLanes from './006_outbox_lanes.js';
import * as inbox from './007_inbox.js';
import * as alertClassification from './008_alert_classification.js';
import * as access from './009_access.js';
import * as leadHandoffs from './011_lead_handoffs.js';
import * as replicas from './012_replicas.js';
import * as incidentMeasures from './013_incident_measures.js';
import * as homeViews from './014_home_views.js';
import * as alertInstances from './015_alert_instances.js';

/** Listed in code, not read from disk, so `src` under vitest and `dist` in production run the same set. */
export const migrations: Record<string, Migration> = {
  '001_initial': initial,
  '002_prompts_and_jobs': promptsAndJobs,
  '003_alert_triage': alertTriage,
  '004_oncall': oncall,
  '005_postmortems': postmortems,
  '006_outbox_lanes': outboxLanes,
  '007_inbox': inbox,
  '008_alert_classification': alertClassification,
  '009_access': access,
  '011_lead_handoffs': leadHandoffs,
  '012_replicas': replicas,
  '013_incident_measures': incidentMeasures,
  '014_home_views': homeViews,
  '015_alert_instances': alertInstances,
};
