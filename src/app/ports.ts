import type { FollowUp, Incident, MessageRef, TimelineEvent, TimelineEventDraft, TimelineKind } from '../domain/incident.js';
import type { JobKind, PromptKind, PromptState } from '../domain/prompts.js';
import type { OncallRecords } from './oncall-ports.js';
import type { Effect, OutboxQueue } from './outbox.js';
import type { InboxQueue } from '../inbound/inbox.js';
import type { ControlRecords } from './access-ports.js';
import type { LeadHandoffRecords } from './lead-handoff-ports.js';
import type { Alert, AlertLink } from '../domain/alerts/alert.js';
import type { InstanceStatus } from '../domain/alerts/instances.js';
import type { HomeRecords } from './home/home-ports.js';
import type { GroupCounts } from '../domain/triage/group.js';
import type { TriageAction } from '../domain/triage/rules.js';
import type { HappeningRecords } from './happenings.js';
import type { FigureReads, MeasureRecords } from './record-figures.js';
import type { Result } from '../domain/result.js';

export type { Clock } from '../domain/clock.js';

export type { Effect, EffectKind, EffectHandlers } from './outbox.js';
export { effectKey, isReconciling } from './outbox.js';

/** Where the Slack views of an incident live; kept by the Slack adapter so it can resume after a crash. */
export interface ViewRefs {
  readonly channelId: string | null;
  readonly channelName: string | null;
  readonly cardTs: string | null;
  readonly announceChannelId: string | null;
  readonly announceTs: string | null;
  readonly topic: string | null;
  readonly invited: readonly string[];
  readonly cardPinned: boolean;
}

/** A send that must reach Slack once: marked before the call, completed with where it landed. */
export interface SlackSend {
  readonly startedAt: Date;
  readonly channelId: string | null;
  readonly ts: string | null;
}

export interface SendRecords {
  slackSend(key: string): Promise<SlackSend | undefined>;
  markSendStarted(key: string, at: Date): Promise<void>;
  recordSent(key: string, channelId: string, ts: string): Promise<void>;
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
  getJob(key: string): Promise<ScheduledJob | undefined>;
  /** The job if `owner` still holds its claim, held until the transaction ends; undefined when re-armed, cancelled or taken over. */
  claimedJob(key: string, owner: string): Promise<ScheduledJob | undefined>;
  /** Records a run (and ends its claim): re-armed at `nextDueAt`, or done when null. */
  finishJob(key: string, nextDueAt: Date | null, now: Date): Promise<void>;
  insertPrompt(prompt: { incidentNumber: number; kind: PromptKind; recipientId: string | null; now: Date }): Promise<Prompt>;
  getPrompt(id: number): Promise<Prompt | undefined>;
  pendingPrompts(incidentNumber: number): Promise<Prompt[]>;
  updatePrompt(
    id: number,
    patch: Partial<Pick<Prompt, 'state' | 'channelId' | 'messageTs' | 'sendStartedAt' | 'answer' | 'answeredBy' | 'answeredAt'>>,
  ): Promise<void>;
  commanderActiveAt(incidentNumber: number): Promise<Date | null>;
  /**
   * Stores the commander's activity at `at` unless a time within `resolutionMs` before it (or a later one) is
   * already stored; true when written. One statement, so concurrent messages never move it back.
   */
  touchCommanderActivity(incidentNumber: number, at: Date, resolutionMs: number): Promise<boolean>;
  /** A new commander: the previous one's messages no longer hold nudges back. */
  forgetCommanderActivity(incidentNumber: number): Promise<void>;
}

export interface AlertGroup {
  readonly id: number;
  readonly fingerprint: string;
  /** The fields behind the fingerprint: "why grouped". */
  readonly fields: Readonly<Record<string, string>>;
  readonly channelId: string;
  /**
   * The first alert's message: the triage reply lives in its thread. Null when the first alert came with no message
   * (a webhook): the bot posts the group's message itself, at the top of the channel.
   */
  readonly threadTs: string | null;
  readonly first: Pick<Alert, 'source' | 'name' | 'severity' | 'service' | 'summary'> & { readonly link: string | null };
  /** The first alert's links (its tool's page, the rule, silence, dashboard, runbook …), most useful first. */
  readonly links: readonly AlertLink[];
  /** Its alerts are instances the tool identifies: the counts are of instances, not of messages. */
  readonly tracksInstances: boolean;
  /** How many alerts of the tool's group its latest notification left out (`truncatedAlerts`). */
  readonly truncatedAlerts: number;
  /** What the group is about (its first alert's subject): recoveries of the same subject resolve it. */
  readonly subject: string | null;
  readonly counts: GroupCounts;
  readonly action: TriageAction;
  readonly ruleIndex: number | null;
  readonly suggestedSeverity: string | null;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: Date | null;
  /** The tool that reported the acknowledgement (PagerDuty, Zabbix), when no one pressed Acknowledge here. */
  readonly acknowledgedVia: string | null;
  readonly mutedUntil: Date | null;
  readonly dismissedBy: string | null;
  readonly incidentNumber: number | null;
  readonly replyTs: string | null;
  readonly replyWrittenAt: Date | null;
}

export interface StoredAlert {
  readonly id: number;
  readonly channelId: string;
  readonly messageTs: string;
  readonly receivedAt: Date;
  /** The message as first posted; `parsed` is read from its latest edit when there is one. */
  readonly raw: string;
  readonly parsed: Alert;
  readonly groupId: number | null;
  readonly revisedRaw: string | null;
  readonly revisedAt: Date | null;
  /** Deleted in Slack: kept in the record, no longer counted. */
  readonly deletedAt: Date | null;
}

export type NewAlertGroup = Omit<
  AlertGroup,
  'id' | 'acknowledgedBy' | 'acknowledgedAt' | 'acknowledgedVia' | 'mutedUntil' | 'dismissedBy' | 'incidentNumber' | 'replyTs' | 'replyWrittenAt' | 'truncatedAlerts'
>;

export type AlertGroupPatch = Partial<
  Pick<
    AlertGroup,
    | 'counts'
    | 'acknowledgedBy'
    | 'acknowledgedAt'
    | 'acknowledgedVia'
    | 'mutedUntil'
    | 'dismissedBy'
    | 'incidentNumber'
    | 'replyTs'
    | 'replyWrittenAt'
    | 'truncatedAlerts'
  > & { readonly severity: string | null }
>;

/** Where a recovery may land: still-firing groups of one fingerprint, or of one source and subject. */
export interface StillFiringQuery {
  readonly channelId: string;
  readonly fingerprint: string;
  readonly source: string;
  readonly subject: string | null;
}

/** One alert instance a tool identifies, in the group it counts in, as its latest report left it. */
export interface AlertInstance {
  readonly id: number;
  readonly groupId: number;
  readonly channelId: string;
  readonly status: InstanceStatus;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  /** The latest report (labels, annotations, start and end …). */
  readonly alert: Alert & { readonly fingerprint: string };
}

export interface AlertInstanceRecords {
  /** For each fingerprint from this tool in this channel, its newest instance (its latest occurrence), if ever seen. */
  latestInstances(channelId: string, source: string, fingerprints: readonly string[]): Promise<AlertInstance[]>;
  insertInstance(instance: { groupId: number; channelId: string; alert: AlertInstance['alert']; at: Date }): Promise<number>;
  /** The instance as its latest report says (status, start, end, labels …), seen at `at`. */
  updateInstance(id: number, report: { alert: AlertInstance['alert']; at: Date }): Promise<void>;
  /** Oldest first. */
  instancesOfGroup(groupId: number, limit: number): Promise<AlertInstance[]>;
}

export interface TriageRecords extends AlertInstanceRecords {
  /** Stores an alert message before anything else; null when this message was already stored (a re-delivery). */
  insertAlert(alert: { channelId: string; messageTs: string; receivedAt: Date; raw: string; parsed: Alert }): Promise<number | null>;
  assignAlert(alertId: number, groupId: number): Promise<void>;
  /** The newest group with this fingerprint in this channel whose last alert is at or after `since`. */
  findOpenGroup(fingerprint: string, channelId: string, since: Date): Promise<AlertGroup | undefined>;
  /** Still-firing groups matching the fingerprint, or whose subject falls under the query's subject; newest first. */
  findStillFiringGroups(query: StillFiringQuery): Promise<AlertGroup[]>;
  /** The message as edited in Slack: its new payload and reading replace the current ones; the original raw stays. */
  reviseAlert(alertId: number, revision: { raw: string; parsed: Alert; at: Date }): Promise<void>;
  markAlertDeleted(alertId: number, at: Date): Promise<void>;
  /**
   * Opens a group as its fingerprint's current one; the current group whose last alert is before `staleBefore` (the
   * window's start) stops being current. One the window still covers stays: it was opened by a concurrent
   * transaction, and this insert fails as a conflict (the transaction runs again and joins it).
   */
  insertGroup(group: NewAlertGroup, staleBefore: Date): Promise<AlertGroup>;
  updateGroup(id: number, patch: AlertGroupPatch): Promise<void>;
  getGroup(id: number): Promise<AlertGroup | undefined>;
  groupByThread(channelId: string, threadTs: string): Promise<AlertGroup | undefined>;
  alertByMessage(channelId: string, messageTs: string): Promise<StoredAlert | undefined>;
  latestAlertIn(channelId: string): Promise<StoredAlert | undefined>;
  alertsOfGroup(groupId: number, limit: number): Promise<StoredAlert[]>;
  /** Oldest first; `last` keeps only the newest N. */
  storedAlerts(last: number | null): Promise<StoredAlert[]>;
  linkIncidentToGroup(incidentNumber: number, groupId: number): Promise<void>;
}

/** One stored version of a postmortem draft and how far posting it got. */
export interface StoredDraft {
  readonly id: number;
  readonly incidentNumber: number;
  readonly version: number;
  readonly markdown: string;
  readonly json: string;
  readonly createdAt: Date;
  readonly createdBy: string;
  /** One ts per part posted so far, in the card's thread (a retry resumes after the last). */
  readonly postedTs: readonly string[];
  readonly alertLinkTs: string | null;
  /** `part:<n>` or `alert_link` while a Slack post is under way: after a crash it may have happened. */
  readonly sending: string | null;
  readonly postedAt: Date | null;
}

export type StoredDraftPatch = Partial<Pick<StoredDraft, 'markdown' | 'json' | 'postedTs' | 'alertLinkTs' | 'sending' | 'postedAt'>>;

export interface PostmortemRecords {
  insertDraft(draft: { incidentNumber: number; version: number; markdown: string; json: string; createdAt: Date; createdBy: string }): Promise<StoredDraft>;
  getDraft(id: number): Promise<StoredDraft | undefined>;
  latestDraft(incidentNumber: number): Promise<StoredDraft | undefined>;
  updateDraft(id: number, patch: StoredDraftPatch): Promise<void>;
  /** The alert group an incident was declared from, if any. */
  alertGroupOfIncident(incidentNumber: number): Promise<AlertGroup | undefined>;
  /** Incidents declared at or after `since`, any status. */
  incidentsDeclaredSince(since: Date): Promise<Incident[]>;
  /** Events of these kinds that no Slack message shows yet, oldest first. */
  eventsWithoutMessage(incidentNumber: number, kinds: readonly TimelineKind[]): Promise<Array<TimelineEvent & { sendingAt: Date | null }>>;
  /** Records the message that shows an event (the bot's own post, the card, the update broadcast). */
  setEventMessage(eventId: number, message: MessageRef): Promise<void>;
  markEventSending(eventId: number, at: Date): Promise<void>;
  readState(key: string): Promise<string | null>;
  writeState(key: string, value: string, now: Date): Promise<void>;
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

/**
 * Due jobs as the scheduler takes them: claimed with a lease first (like the outbox's rows), so two replicas never run
 * one job twice and a job whose replica died is run by another once its lease runs out.
 */
export interface JobQueue {
  claimDueJobs(owner: string, now: Date, leaseMs: number, limit: number): Promise<ScheduledJob[]>;
  /** When the earliest job still waiting falls due (null: none waits); the playground moves its clock there. */
  nextJobDueAt(): Promise<Date | null>;
  /** Hands this worker's claimed jobs back (shutdown). */
  releaseJobLeases(owner: string): Promise<number>;
  /** Hands every claimed job back: only for a database one process uses (SQLite), at start after a crash. */
  releaseAllJobLeases(): Promise<number>;
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
