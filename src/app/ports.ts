import type { FollowUp, Incident, TimelineEvent, TimelineEventDraft } from '../domain/incident.js';

export type { Clock } from '../domain/clock.js';

/** Slack side effects, stored with the change that causes them and delivered after commit (the outbox). */
export type Effect =
  | { kind: 'sync_incident'; incidentNumber: number }
  | { kind: 'broadcast_update'; incidentNumber: number; text: string; by: string }
  | { kind: 'brief_new_lead'; incidentNumber: number; userId: string; by: string };

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

/** Reads and writes of the record. Inside `transaction` every call commits or rolls back together. */
export interface IncidentRecords {
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
