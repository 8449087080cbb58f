import type { JobKind, PromptKind, PromptState } from '../domain/prompts.js';

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
