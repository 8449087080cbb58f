import type { Incident, TimelineEventDraft } from '../domain/incident.js';
import { measuresOf } from '../domain/incident-measures.js';
import { THREADED_KINDS } from '../domain/postmortem/event-text.js';
import { missingSetup, planJobs, type PromptKind } from '../domain/prompts.js';
import type { UseCaseDeps } from './deps.js';
import { incidentViewEffects, type Effect } from './outbox.js';
import { recordLeadHandoffChange } from './lead-handoffs.js';
import { homeAudienceOfChange, queueHomes } from './home/home-audience.js';
import type { IncidentRecords } from './ports.js';
import type { Prompt } from './prompt-ports.js';

/** Is a pending prompt still a live question after this change? */
function stillAsked(prompt: Prompt, before: Incident | null, after: Incident): boolean {
  const kind: PromptKind = prompt.kind;
  switch (kind) {
    case 'setup':
      return missingSetup(after).length > 0;
    case 'mitigation_check':
      return after.status === 'investigating';
    case 'update_nudge':
      return after.lastUpdate?.at.getTime() === before?.lastUpdate?.at.getTime() && after.status !== 'resolved' && after.status !== 'declined';
    case 'lead_ack_reminder':
      // Reminders stored as prompts before migration 011; newer ones are messages of the lead handoff.
      return after.pendingLead !== null && after.pendingLead.userId === before?.pendingLead?.userId;
  }
}

/**
 * Saves one change of an incident with everything that follows from it, in the caller's transaction: the new
 * state, its timeline events, the timed prompts it needs (re-armed or cancelled), open questions it settles, the
 * lead handoff it starts or ends, and the Slack effects to show it all (App Homes included, for the people it concerns).
 */
export async function applyChange(
  deps: UseCaseDeps,
  records: IncidentRecords,
  before: Incident | null,
  after: Incident,
  events: readonly TimelineEventDraft[],
  extraEffects: readonly Effect[] = [],
): Promise<void> {
  const now = deps.clock.now();
  if (before === null) await records.insertIncident(after, now);
  else await records.updateIncident(after, now);
  await records.appendEvents(after.number, events, now);
  await records.recordMeasures(after.number, measuresOf(after));
  if (before !== null && before.commanderId !== after.commanderId) await records.forgetCommanderActivity(after.number);

  const severity = deps.severities.find((s) => s.id === after.severity);
  const plan = planJobs(before, after, severity, await records.pendingJobKinds(after.number), now, deps.promptTiming);
  await records.cancelJobs(after.number, plan.cancel, now);
  for (const job of plan.schedule) await records.scheduleJob(job.kind, after.number, job.dueAt, now);

  const effects: Effect[] = [...incidentViewEffects(after.number), ...extraEffects, ...(await recordLeadHandoffChange(records, before, after, events, now))];
  if (events.some((e) => THREADED_KINDS.includes(e.kind))) effects.push({ kind: 'post_timeline_messages', incidentNumber: after.number });
  for (const prompt of await records.pendingPrompts(after.number)) {
    if (prompt.kind === 'setup') {
      // The setup question shrinks as it is answered; it is done when nothing is missing.
      if (!stillAsked(prompt, before, after)) {
        await records.updatePrompt(prompt.id, { state: 'answered', answeredAt: now });
        records.happened({ kind: 'prompt_answered', prompt: 'setup' });
      }
      effects.push({ kind: 'refresh_prompt', incidentNumber: after.number, promptId: prompt.id });
    } else if (!stillAsked(prompt, before, after)) {
      await records.updatePrompt(prompt.id, { state: 'expired', answeredAt: now });
      effects.push({ kind: 'refresh_prompt', incidentNumber: after.number, promptId: prompt.id });
    }
  }
  if (before === null && missingSetup(after).length > 0) {
    const setup = await records.insertPrompt({ incidentNumber: after.number, kind: 'setup', recipientId: null, now });
    records.happened({ kind: 'prompt_asked', prompt: 'setup' });
    effects.push({ kind: 'post_prompt', incidentNumber: after.number, promptId: setup.id });
  }
  for (const effect of effects) await records.enqueue(effect, now);
  await queueHomes(records, homeAudienceOfChange(before, after, events), now);
}
