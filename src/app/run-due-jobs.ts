import { decideDueJob } from '../domain/prompts.js';
import type { UseCaseDeps } from './deps.js';
import type { Effect, ScheduledJob } from './ports.js';

export interface JobRunReport {
  readonly asked: number;
  readonly postponed: number;
  readonly dropped: number;
}

/** Who a timed prompt goes to: the channel (mentioning the commander) or a person's DMs. */
function recipientsOf(job: ScheduledJob, commanderId: string | null, pendingLeadId: string | null, nudgeVia: 'channel' | 'dm'): Array<string | null> {
  switch (job.kind) {
    case 'mitigation_check':
      return [null];
    case 'update_nudge':
      return [nudgeVia === 'dm' && commanderId !== null ? commanderId : null];
    case 'lead_ack_reminder':
      return [...new Set([pendingLeadId, commanderId])].filter((u): u is string => u !== null);
  }
}

/** Who runs the jobs (the name written in their claims) and how long a claim holds before another may take it. */
export interface JobWorker {
  readonly owner: string;
  readonly leaseMs: number;
}

/** One process on its own (tests, the CLI): any name will do. */
export const LOCAL_WORKER: JobWorker = { owner: 'local', leaseMs: 30_000 };

/**
 * Runs every due job once. Due jobs are first claimed for this worker with a lease (another replica skips them); a job
 * whose worker died is claimed again once its lease runs out. Each job is decided and recorded in its own transaction together with the prompt it
 * creates and the Slack effect that posts it, so a crash either leaves the job due (and it runs again) or finished
 * (and the outbox posts the prompt): never both, never neither. After downtime a recurring job runs once, then
 * re-arms from now, instead of firing once per missed period.
 */
export async function runDueJobs(deps: UseCaseDeps, worker: JobWorker = LOCAL_WORKER): Promise<JobRunReport> {
  const report = { asked: 0, postponed: 0, dropped: 0 };
  const claimedAt = deps.clock.now();
  const due = await deps.store.claimDueJobs(worker.owner, claimedAt, new Date(claimedAt.getTime() + worker.leaseMs), 100);
  for (const candidate of due) {
    const queued = await deps.store.transaction(async (records) => {
      const now = deps.clock.now();
      // Re-read under lock: a change may have re-timed or cancelled the job since it was claimed (then it is not ours).
      const job = await records.claimedJob(candidate.key, worker.owner);
      if (!job) return false;
      const incident = await records.getIncident(job.incidentNumber);
      if (!incident) {
        await records.finishJob(job.key, null, now);
        return false;
      }
      const severity = deps.severities.find((s) => s.id === incident.severity);
      const decision = decideDueJob(job.kind, incident, severity, await records.commanderActiveAt(incident.number), now, deps.promptTiming);
      if (decision.action === 'drop') {
        report.dropped += 1;
        await records.finishJob(job.key, null, now);
        return false;
      }
      if (decision.action === 'postpone') {
        report.postponed += 1;
        await records.finishJob(job.key, decision.nextDueAt, now);
        return false;
      }
      const effects: Effect[] = [];
      // At most one open question of a kind: an unanswered earlier one is closed as the new one is asked.
      for (const stale of (await records.pendingPrompts(incident.number)).filter((p) => p.kind === job.kind)) {
        await records.updatePrompt(stale.id, { state: 'expired', answeredAt: now });
        effects.push({ kind: 'refresh_prompt', incidentNumber: incident.number, promptId: stale.id });
      }
      for (const recipientId of recipientsOf(job, incident.commanderId, incident.pendingLead?.userId ?? null, deps.nudgeVia)) {
        const prompt = await records.insertPrompt({ incidentNumber: incident.number, kind: job.kind, recipientId, now });
        effects.push({ kind: 'post_prompt', incidentNumber: incident.number, promptId: prompt.id });
      }
      await records.finishJob(job.key, decision.nextDueAt, now);
      for (const effect of effects) await records.enqueue(effect, now);
      report.asked += 1;
      return true;
    });
    if (queued) deps.effectsQueued();
  }
  return report;
}
