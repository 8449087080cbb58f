import { isOpen, type Incident } from './incident.js';
import type { Severity } from './severity.js';

/** The questions the bot asks so the responder does not have to remember what comes next. */
export const PROMPT_KINDS = ['setup', 'mitigation_check', 'update_nudge', 'lead_ack_reminder'] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

/** Timed prompts run from the durable scheduler; `setup` is asked right after declaring. */
export const JOB_KINDS = ['mitigation_check', 'update_nudge', 'lead_ack_reminder'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export type PromptState = 'pending' | 'answered' | 'expired';

/** A snooze carries its length: `snooze:1800000`. */
export type Snooze = `snooze:${number}`;

export type PromptAnswer = 'mitigated' | 'not_yet' | 'post_update' | Snooze | 'lead_self' | `severity:${string}`;

export const MAX_SNOOZE_MS = 24 * 3_600_000;

export function snoozeMs(answer: PromptAnswer): number | null {
  const match = /^snooze:(\d+)$/.exec(answer);
  return match ? Number(match[1]) : null;
}

export interface PromptTiming {
  /** How long a commander's own message in the channel holds back an update nudge. */
  readonly backOffWhileActiveMs: number;
  /** How long a lead handoff may wait for acknowledgement before both people are reminded. */
  readonly leadAckTimeoutMs: number;
  /** The snooze choices offered on an update nudge. */
  readonly snoozesMs: readonly number[];
}

/**
 * How finely the commander's activity is stored: a tenth of the back-off, and never coarser than the scheduler's
 * one-second tick, so a nudge is held back by their real last message (at most this much early), whatever the
 * configured back-off. Writes stay rare: one per incident per this interval while the commander types.
 */
export const activityResolutionMs = (timing: Pick<PromptTiming, 'backOffWhileActiveMs'>): number =>
  Math.max(1, Math.min(Math.floor(timing.backOffWhileActiveMs / 10), 1_000));

export const DEFAULT_PROMPT_TIMING: PromptTiming = {
  backOffWhileActiveMs: 5 * 60_000,
  leadAckTimeoutMs: 10 * 60_000,
  snoozesMs: [30 * 60_000, 60 * 60_000],
};

export interface JobPlan {
  readonly schedule: ReadonlyArray<{ kind: JobKind; dueAt: Date }>;
  readonly cancel: readonly JobKind[];
}

/**
 * Which timed prompts an incident needs after a change. A cadence is re-timed from now when what it measures
 * changes (severity, entering investigation, a new status update, a new handoff); otherwise the job keeps its time.
 */
export function planJobs(
  before: Incident | null,
  after: Incident,
  severity: Severity | undefined,
  scheduled: ReadonlySet<JobKind>,
  now: Date,
  timing: PromptTiming,
): JobPlan {
  const schedule: Array<{ kind: JobKind; dueAt: Date }> = [];
  const cancel: JobKind[] = [];
  const at = (ms: number): Date => new Date(now.getTime() + ms);
  const severityChanged = before !== null && before.severity !== after.severity;

  const check = severity?.mitigationCheckMs;
  if (after.status !== 'investigating' || check === undefined) cancel.push('mitigation_check');
  else if (!scheduled.has('mitigation_check') || severityChanged || before?.status !== 'investigating') {
    schedule.push({ kind: 'mitigation_check', dueAt: at(check) });
  }

  const reminder = severity?.updateReminderMs;
  const updated = before !== null && before.lastUpdate?.at.getTime() !== after.lastUpdate?.at.getTime();
  const reopened = before !== null && !isOpen(before) && isOpen(after);
  if (!isOpen(after) || reminder === undefined) cancel.push('update_nudge');
  else if (!scheduled.has('update_nudge') || severityChanged || updated || reopened) {
    schedule.push({ kind: 'update_nudge', dueAt: at(reminder) });
  }

  if (after.pendingLead === null || !isOpen(after)) cancel.push('lead_ack_reminder');
  else if (before?.pendingLead?.userId !== after.pendingLead.userId || !scheduled.has('lead_ack_reminder')) {
    schedule.push({ kind: 'lead_ack_reminder', dueAt: at(timing.leadAckTimeoutMs) });
  }
  return { schedule, cancel };
}

export type DueDecision =
  /** Ask now; `nextDueAt` re-arms the job (null: it is done). */
  | { action: 'ask'; nextDueAt: Date | null }
  /** Not now (the commander is active); try again then. */
  | { action: 'postpone'; nextDueAt: Date }
  /** No longer needed. */
  | { action: 'drop' };

/** What a due job does, decided from the record as it is now, not as it was when the job was scheduled. */
export function decideDueJob(
  kind: JobKind,
  incident: Incident,
  severity: Severity | undefined,
  commanderActiveAt: Date | null,
  now: Date,
  timing: PromptTiming,
): DueDecision {
  const after = (ms: number): Date => new Date(now.getTime() + ms);
  switch (kind) {
    case 'mitigation_check': {
      const cadence = severity?.mitigationCheckMs;
      if (incident.status !== 'investigating' || cadence === undefined) return { action: 'drop' };
      return { action: 'ask', nextDueAt: after(cadence) };
    }
    case 'update_nudge': {
      const cadence = severity?.updateReminderMs;
      if (!isOpen(incident) || cadence === undefined) return { action: 'drop' };
      const quietUntil = commanderActiveAt === null ? 0 : commanderActiveAt.getTime() + timing.backOffWhileActiveMs;
      if (quietUntil > now.getTime()) return { action: 'postpone', nextDueAt: new Date(quietUntil) };
      return { action: 'ask', nextDueAt: after(cadence) };
    }
    case 'lead_ack_reminder':
      if (incident.pendingLead === null || !isOpen(incident)) return { action: 'drop' };
      return { action: 'ask', nextDueAt: null };
  }
}

/** What the setup prompt still needs after declaring; empty means it is answered. */
export function missingSetup(incident: Incident): Array<'severity' | 'impact' | 'commander'> {
  const missing: Array<'severity' | 'impact' | 'commander'> = [];
  if (incident.severity === null) missing.push('severity');
  if (incident.impact.trim() === '') missing.push('impact');
  if (incident.commanderId === null) missing.push('commander');
  return missing;
}

export function parseAnswer(text: string): PromptAnswer | null {
  if (text === 'mitigated' || text === 'not_yet' || text === 'post_update' || text === 'lead_self') return text;
  const snooze = /^snooze:(\d+)$/.exec(text);
  if (snooze) {
    const ms = Number(snooze[1]);
    return ms > 0 && ms <= MAX_SNOOZE_MS ? `snooze:${ms}` : null;
  }
  if (/^severity:[a-z0-9_-]{1,20}$/i.test(text)) return text as `severity:${string}`;
  return null;
}
