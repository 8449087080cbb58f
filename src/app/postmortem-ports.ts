import type { Incident, MessageRef, TimelineEvent, TimelineKind } from '../domain/incident.js';
import type { AlertGroup } from './triage-ports.js';

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
