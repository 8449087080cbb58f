import type { FollowUp, Incident, TimelineEvent, TimelineEventDraft } from '../domain/incident.js';
import type { JobKind, PromptKind, PromptState } from '../domain/prompts.js';

export type { Clock } from '../domain/clock.js';

/** Slack side effects, stored with the change that causes them and delivered after commit (the outbox). */
export type Effect =
  | { kind: 'sync_incident'; incidentNumber: number }
  | { kind: 'broadcast_update'; incidentNumber: number; text: string; by: string }
  | { kind: 'brief_new_lead'; incidentNumber: number; userId: string; by: string }
  | { kind: 'post_prompt'; incidentNumber: number; promptId: number }
  | { kind: 'refresh_prompt'; incidentNumber: number; promptId: number };

export type EffectKind = Effect['kind'];

export interface PendingEffect {
  readonly id: number;
  readonly effect: Effect;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
}

/** Where the Slack views of an incident live; kept by the Slack adapter so it can resume after a crash. */
export interface ViewRefs {
  readonly channelId: string | null;
  readonly channelName: string | null;
  readonly cardTs: string | null;
  readonly announceChannelId: string | null;
  readonly announceTs: string | null;
  readonly topic: string | null;
  readonly invited: readonly string[];
}

export interface NewFollowUp {
  readonly incidentNumber: number;
  readonly text: string;
  readonly ownerId: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export interface Prompt {
  readonly id: number;
  readonly incidentNumber: number;
  readonly kind: PromptKind;
  readonly state: PromptState;
  /** A DM recipient; null means the incident channel. */
  readonly recipientId: string | null;
  readonly channelId: string | null;
  readonly messageTs: string | null;
  /** Set just before the Slack call: if it is set without a ts, a crash may have hidden a successful send. */
  readonly sendStartedAt: Date | null;
  readonly answer: string | null;
  readonly answeredBy: string | null;
  readonly answeredAt: Date | null;
  readonly createdAt: Date;
}

export interface ScheduledJob {
  readonly key: string;
  readonly kind: JobKind;
  readonly incidentNumber: number;
  readonly dueAt: Date;
  readonly runs: number;
}

export interface PromptRecords {
  pendingJobKinds(incidentNumber: number): Promise<Set<JobKind>>;
  /** Arms (or re-times) the one job of this kind for the incident. */
  scheduleJob(kind: JobKind, incidentNumber: number, dueAt: Date, now: Date): Promise<void>;
  cancelJobs(incidentNumber: number, kinds: readonly JobKind[], now: Date): Promise<void>;
  dueJobs(now: Date, limit: number): Promise<ScheduledJob[]>;
  getJob(key: string): Promise<ScheduledJob | undefined>;
  /** Records a run: re-armed at `nextDueAt`, or done when null. */
  finishJob(key: string, nextDueAt: Date | null, now: Date): Promise<void>;
  insertPrompt(prompt: { incidentNumber: number; kind: PromptKind; recipientId: string | null; now: Date }): Promise<Prompt>;
  getPrompt(id: number): Promise<Prompt | undefined>;
  pendingPrompts(incidentNumber: number): Promise<Prompt[]>;
  updatePrompt(
    id: number,
    patch: Partial<Pick<Prompt, 'state' | 'channelId' | 'messageTs' | 'sendStartedAt' | 'answer' | 'answeredBy' | 'answeredAt'>>,
  ): Promise<void>;
  commanderActiveAt(incidentNumber: number): Promise<Date | null>;
  touchCommanderActivity(incidentNumber: number, at: Date): Promise<void>;
}

/** Reads and writes of the record. Inside `transaction` every call commits or rolls back together. */
export interface IncidentRecords extends PromptRecords {
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
  enqueue(effect: Effect, now: Date): Promise<void>;
  /** True the first time a key is claimed: Slack re-deliveries and double submits are applied once. */
  claimOnce(key: string, now: Date): Promise<boolean>;
  viewRefs(incidentNumber: number): Promise<ViewRefs | undefined>;
  saveViewRefs(incidentNumber: number, refs: Partial<ViewRefs>): Promise<void>;
}

export interface EffectQueue {
  pendingEffects(limit: number): Promise<PendingEffect[]>;
  markDone(id: number, now: Date): Promise<void>;
  markFailed(id: number, error: string, retryAt: Date): Promise<void>;
  countPending(): Promise<number>;
}

export interface Store extends IncidentRecords, EffectQueue {
  transaction<T>(work: (records: IncidentRecords) => Promise<T>): Promise<T>;
}

/** Delivers one kind of effect to Slack. Throwing means "try again later". */
export type EffectHandlers = { readonly [K in EffectKind]: (effect: Extract<Effect, { kind: K }>) => Promise<void> };
