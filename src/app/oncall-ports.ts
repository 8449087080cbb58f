import type { Incident } from '../domain/incident.js';
import type { Handoff, HandoffPart } from '../domain/oncall/handoff.js';
import type { Override, ShiftAnchor } from '../domain/oncall/rotation.js';
import type { AlertGroup } from './triage-ports.js';

export interface HandoffMessage {
  readonly channelId: string | null;
  readonly ts: string | null;
  /** Set just before the Slack call: set without a ts means a crash may have hidden a successful send. */
  readonly sendStartedAt: Date | null;
}

export type NewHandoff = Pick<Handoff, 'rotation' | 'dueAt' | 'trigger' | 'shiftIndex' | 'outgoingId' | 'incomingId' | 'late' | 'notes' | 'notesBy'> &
  Partial<Pick<Handoff, 'remindedAt' | 'postedAt'>>;

export type HandoffPatch = Partial<
  Pick<Handoff, 'shiftIndex' | 'outgoingId' | 'incomingId' | 'late' | 'skipped' | 'notes' | 'notesBy' | 'remindedAt' | 'postedAt' | 'acknowledgedBy' | 'acknowledgedAt' | 'ackRemindedAt'>
>;

export interface OncallRecords {
  /** When the bot first saw this rotation (recorded now if never). */
  trackRotation(name: string, now: Date): Promise<Date>;
  /**
   * `trackRotation` for the scheduler: the rotation is held until the transaction ends, and null comes back at once
   * while another replica's transaction holds it (that replica is taking this step).
   */
  claimRotation(name: string, now: Date): Promise<Date | null>;
  latestHandoff(rotation: string): Promise<Handoff | undefined>;
  lastPostedHandoff(rotation: string): Promise<Handoff | undefined>;
  /** The latest posted handoff at or before `at`: where the walk through shifts starts. */
  shiftAnchor(rotation: string, at: Date): Promise<ShiftAnchor | null>;
  insertHandoff(handoff: NewHandoff, now: Date): Promise<Handoff>;
  updateHandoff(id: number, patch: HandoffPatch): Promise<void>;
  getHandoff(id: number): Promise<Handoff | undefined>;
  handoffMessage(handoffId: number, part: HandoffPart): Promise<HandoffMessage | undefined>;
  saveHandoffMessage(handoffId: number, part: HandoffPart, message: Partial<HandoffMessage>): Promise<void>;
  /** Overrides not yet over at `now`. */
  activeOverrides(rotation: string, now: Date): Promise<Override[]>;
  insertOverride(override: Omit<Override, 'id'>): Promise<Override>;
  endOverride(id: number, at: Date): Promise<void>;
  /** Incidents declared or resolved in [from, to). */
  incidentsTouchedBetween(from: Date, to: Date): Promise<Incident[]>;
  /** Alerts received in [from, to), counted by the severity their tool gave (null: none given). */
  alertCountsBySeverity(from: Date, to: Date): Promise<Array<{ severity: string | null; count: number }>>;
  /** Groups still firing that nobody dismissed, newest first. */
  unresolvedAlertGroups(limit: number): Promise<AlertGroup[]>;
  alertGroupsFirstSeenBetween(from: Date, to: Date): Promise<AlertGroup[]>;
}
