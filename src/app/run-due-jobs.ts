import type { Incident } from '../domain/incident.js';
import { decideDueJob, type JobKind } from '../domain/prompts.js';
import type { UseCaseDeps } from './deps.js';
import { remindLeadHandoff } from './lead-handoffs.js';
import type { Effect, IncidentRecords } from './ports.js';

type PromptJobKind = Exclude<JobKind, 'lead_ack_reminder'>;

export interface JobRunReport {
  readonly asked: number;
  readonly postponed: number;
  readonly dropped: number;
}

/** Where a timed prompt goes: the channel (mentioning the commander) or the commander's DMs. */
function recipientOf(kind: PromptJobKind, commanderId: string | null, nudgeVia: 'channel' | 'dm'): string | null {
  switch (kind) {
    case 'mitigation_check':
      return null;
    case 'update_nudge':
      return nudgeVia === 'dm' && commanderId !== null ? commanderId : null;
  }
}

/** The prompt a due job asks, or the messages of a lead handoff's reminder; returns the effects that post them. */
async function ask(deps: UseCaseDeps, records: IncidentRecords, kind: JobKind, incident: Incident, now: Date): Promise<Effect[]> {
  if (kind === 'lead_ack_reminder') return remindLeadHandoff(records, incident.number, now);
  const effects: Effect[] = [];
  // At most one open question of a kind: an unanswered earlier one is closed as the new one is asked.
  for (const stale of (await records.pendingPrompts(incident.number)).filter((p) => p.kind === kind)) {
    await records.updatePrompt(stale.id, { state: 'expired', answeredAt: now });
    records.happened({ kind: 'prompt_ignored', prompt: kind });
    effects.push({ kind: 'refresh_prompt', incidentNumber: incident.number, promptId: stale.id });
  }
  const prompt = await records.insertPrompt({ incidentNumber: incident.number, kind, recipientId: recipientOf(kind, incident.commanderId, deps.nudgeVia), now });
  records.happened({ kind: 'prompt_asked', prompt: kind });
  effects.push({ kind: 'post_prompt', incidentNumber: incident.number, promptId: prompt.id });
  return effects;
}

/** Who runs the jobs (the name written in their claims) and how long a claim holds before another may take it. */
export interface JobWorker {
  readonly owner: string;
  readonly leaseMs: number;
}

/** One process on its own (tests, the CLI): whatever name it is given will do. */
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
  const due = await deps.store.claimDueJobs(worker.owner, claimedAt, worker.leaseMs, 100);
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
      const effects = await ask(deps, records, job.kind, incident, now);
      await records.finishJob(job.key, decision.nextDueAt, now);
      for (const effect of effects) await records.enqueue(effect, now);
      report.asked += 1;
      return true;
    });
    if (queued) deps.effectsQueued();
  }
  return report;
}
