import type { FollowUp, Incident, TimelineEvent, TimelineEventDraft } from '../domain/incident.js';
import type { OncallRecords } from './oncall-ports.js';
import type { Effect, OutboxQueue } from './outbox.js';
import type { InboxQueue } from '../inbound/inbox.js';
import type { ControlRecords } from './access-ports.js';
import type { LeadHandoffRecords } from './lead-handoff-ports.js';
import type { HomeRecords } from './home/home-ports.js';
import type { HappeningRecords } from './happenings.js';
import type { FigureReads, MeasureRecords } from './record-figures.js';
import type { JobQueue, PromptRecords } from './prompt-ports.js';
import type { TriageRecords } from './triage-ports.js';
import type { PostmortemRecords } from './postmortem-ports.js';
import type { SendRecords, ViewRefs } from './slack-send-ports.js';
import type { Result } from '../domain/result.js';

export type { Clock } from '../domain/clock.js';

export type { Effect, EffectKind, EffectHandlers } from './outbox.js';
export { effectKey, isReconciling } from './outbox.js';

export interface NewFollowUp {
  readonly incidentNumber: number;
  readonly text: string;
  readonly ownerId: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
}

/** Reads and writes of the record. Inside `transaction` every call commits or rolls back together. */
export interface IncidentRecords
  extends PromptRecords,
    TriageRecords,
    OncallRecords,
    PostmortemRecords,
    SendRecords,
    ControlRecords,
    LeadHandoffRecords,
    MeasureRecords,
    HappeningRecords,
    HomeRecords {
  nextIncidentNumber(): Promise<number>;
  getIncident(number: number): Promise<Incident | undefined>;
  getIncidentByChannel(channelId: string): Promise<Incident | undefined>;
  listOpenIncidents(): Promise<Incident[]>;
  insertIncident(incident: Incident, now: Date): Promise<void>;
  updateIncident(incident: Incident, now: Date): Promise<void>;
  /** Events with a `sourceKey` already recorded are skipped; returns how many were new. */
  appendEvents(incidentNumber: number, events: readonly TimelineEventDraft[], now: Date): Promise<number>;
  updateEventText(incidentNumber: number, sourceKey: string, text: string): Promise<boolean>;
  removeEvent(incidentNumber: number, sourceKey: string): Promise<boolean>;
  timeline(incidentNumber: number): Promise<TimelineEvent[]>;
  addFollowUp(followUp: NewFollowUp): Promise<FollowUp>;
  followUps(incidentNumber: number): Promise<FollowUp[]>;
  /** `notBefore` delays delivery (coalescing: at most one Slack write per alert group every few seconds). */
  enqueue(effect: Effect, now: Date, notBefore?: Date): Promise<void>;
  /** True the first time a key is claimed: Slack re-deliveries and double submits are applied once. */
  claimOnce(key: string, now: Date): Promise<boolean>;
  viewRefs(incidentNumber: number): Promise<ViewRefs | undefined>;
  saveViewRefs(incidentNumber: number, refs: Partial<ViewRefs>): Promise<void>;
}

export interface Store extends IncidentRecords, OutboxQueue, InboxQueue, JobQueue, FigureReads {
  /**
   * Work that answers with a Result commits only when it is ok: a refusal rolls back everything the work wrote (a
   * claimed once-only key, a taken number, events, effects) and is handed back as the transaction's value, so a
   * refused use case changes nothing. Work that must keep something and still say no answers ok with its refusal.
   */
  transaction<T, E>(work: (records: IncidentRecords) => Promise<Result<T, E>>): Promise<Result<T, E>>;
  /** Any other work commits when it returns and rolls back when it throws (a refused Result it returns still rolls back). */
  transaction<T>(work: (records: IncidentRecords) => Promise<T>): Promise<T>;
}
