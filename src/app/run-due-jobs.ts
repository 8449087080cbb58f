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
    effects.push({ kind: 'refresh_prompt', incidentNumber: incident.number, promptId: stale.id });
  }
  const prompt = await records.insertPrompt({ incidentNumber: incident.number, kind, recipientId: recipientOf(kind, incident.commanderId, deps.nudgeVia), now });
  effects.push({ kind: 'post_prompt', incidentNumber: incident.number, promptId: prompt.id });
  return effects;
}

/**
 * Runs every due job once. Each job is decided and recorded in its own transaction together with the prompt it
 * creates and the Slack effect that posts it, so a crash either leaves the job due (and it runs again) or finished
 * (and the outbox posts the prompt): never both, never neither. After downtime a recurring job runs once, then
 * re-arms from now, instead of firing once per missed period.
 */
export async function runDueJobs(deps: UseCaseDeps): Promise<JobRunReport> {
  const report = { asked: 0, postponed: 0, dropped: 0 };
  const due = await deps.store.dueJobs(deps.clock.now(), 100);
  for (const candidate of due) {
    const queued = await deps.store.transaction(async (records) => {
      const now = deps.clock.now();
      const job = await records.getJob(candidate.key);
      // Re-read inside the transaction: the job may have been re-timed or cancelled since the list was read.
      if (!job || job.dueAt.getTime() > now.getTime()) return false;
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
