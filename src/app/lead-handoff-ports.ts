import type { LeadHandoff, LeadHandoffEnd, LeadMessagePart } from '../domain/lead-handoff.js';

export type NewLeadHandoff = Pick<LeadHandoff, 'incidentNumber' | 'fromId' | 'toId' | 'requestedBy' | 'requestedAt'>;

/** A DM of a lead handoff as Slack placed it. */
export interface SentLeadMessage {
  readonly handoffId: number;
  readonly part: LeadMessagePart;
  readonly channelId: string;
  readonly ts: string;
  readonly postedAt: Date;
}

export interface LeadHandoffRecords {
  insertLeadHandoff(handoff: NewLeadHandoff): Promise<LeadHandoff>;
  getLeadHandoff(id: number): Promise<LeadHandoff | undefined>;
  /** The open request of an incident: at most one, the one behind the incident's pending lead. */
  pendingLeadHandoff(incidentNumber: number): Promise<LeadHandoff | undefined>;
  endLeadHandoff(id: number, end: LeadHandoffEnd, at: Date): Promise<void>;
  markLeadHandoffReminded(id: number, at: Date): Promise<void>;
  leadMessage(handoffId: number, part: LeadMessagePart): Promise<SentLeadMessage | undefined>;
  saveLeadMessage(message: SentLeadMessage): Promise<void>;
}
