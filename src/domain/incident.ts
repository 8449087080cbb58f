export const STATUSES = ['triage', 'investigating', 'mitigated', 'resolved', 'declined'] as const;
export type Status = (typeof STATUSES)[number];

export const OPEN_STATUSES: readonly Status[] = ['triage', 'investigating', 'mitigated'];

export interface Milestones {
  readonly impactStartedAt: Date | null;
  readonly detectedAt: Date | null;
  readonly declaredAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly mitigatedAt: Date | null;
  readonly resolvedAt: Date | null;
}

export interface StatusUpdate {
  readonly text: string;
  readonly at: Date;
  readonly by: string;
}

export interface PendingLead {
  readonly userId: string;
  readonly by: string;
  readonly since: Date;
}

export interface Incident {
  /** Shown as INC-<number>; also the primary key. */
  readonly number: number;
  readonly title: string;
  readonly impact: string;
  readonly severity: string | null;
  readonly status: Status;
  readonly commanderId: string | null;
  /** A lead handoff waiting for the new commander's acknowledgement; until then the commander stays responsible. */
  readonly pendingLead: PendingLead | null;
  readonly declaredBy: string;
  readonly responders: readonly string[];
  readonly isPrivate: boolean;
  readonly origin: 'manual' | 'alert';
  readonly channelId: string | null;
  readonly milestones: Milestones;
  readonly lastUpdate: StatusUpdate | null;
  readonly resolutionSummary: string | null;
  readonly cause: string | null;
}

export const TIMELINE_KINDS = [
  'declared',
  'severity_changed',
  'status_changed',
  'commander_changed',
  'status_update',
  'note',
  'followup_added',
  'pinned_message',
  'channel_created',
  'impact_changed',
  'prompt_answered',
  'lead_handoff_requested',
  'alert_linked',
  'lead_handoff_declined',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface MessageRef {
  readonly channelId: string;
  readonly ts: string;
  /** The thread the message is a reply in, if any (its permalink needs it). */
  readonly threadTs?: string;
}

export interface TimelineEventDraft {
  readonly kind: TimelineKind;
  readonly actorId: string | null;
  readonly occurredAt: Date;
  readonly text: string | null;
  readonly data: Readonly<Record<string, string | number | boolean | null>>;
  readonly message: MessageRef | null;
  /** Idempotency key for events that mirror a Slack message, e.g. `pin:<ts>`. */
  readonly sourceKey: string | null;
}

export interface TimelineEvent extends TimelineEventDraft {
  readonly id: number;
  readonly incidentNumber: number;
}

export interface FollowUp {
  readonly id: number;
  readonly incidentNumber: number;
  readonly text: string;
  readonly ownerId: string | null;
  readonly done: boolean;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export const incidentRef = (number: number): string => `INC-${number}`;

export const isOpen = (incident: Pick<Incident, 'status'>): boolean => OPEN_STATUSES.includes(incident.status);
