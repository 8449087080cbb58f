import type { Alert, AlertLink } from '../domain/alerts/alert.js';
import type { GroupCounts } from '../domain/triage/group.js';
import type { TriageAction } from '../domain/triage/rules.js';
import type { AlertInstanceRecords } from './alert-instance-ports.js';

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
  /** The group of webhook instances whose own message (the bot's, at the top of the channel) is this one. */
  instanceGroupByMessage(channelId: string, messageTs: string): Promise<AlertGroup | undefined>;
  /** The group of webhook instances whose own message is the newest in this channel. */
  latestInstanceGroupIn(channelId: string): Promise<AlertGroup | undefined>;
  alertByMessage(channelId: string, messageTs: string): Promise<StoredAlert | undefined>;
  latestAlertIn(channelId: string): Promise<StoredAlert | undefined>;
  alertsOfGroup(groupId: number, limit: number): Promise<StoredAlert[]>;
  /** Oldest first; `last` keeps only the newest N. */
  storedAlerts(last: number | null): Promise<StoredAlert[]>;
  linkIncidentToGroup(incidentNumber: number, groupId: number): Promise<void>;
}
