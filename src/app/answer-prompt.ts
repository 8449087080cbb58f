import { event, changeSeverity, handOverLead, transition, type Change } from '../domain/lifecycle.js';
import type { DomainError } from '../domain/errors.js';
import type { Incident } from '../domain/incident.js';
import { snoozeMs, type PromptAnswer } from '../domain/prompts.js';
import { err, ok, type Result } from '../domain/result.js';
import type { AppError } from './app-error.js';
import { applyChange } from './apply-change.js';
import type { UseCaseDeps } from './deps.js';
import type { Effect } from './ports.js';
import type { Prompt } from './prompt-ports.js';
import { pressedMessage, type Press } from './controls.js';
import { findIncident } from './mutate-incident.js';

export interface AnsweredPrompt {
  readonly incident: Incident;
  readonly prompt: Prompt;
  /** The answer needs a form next (e.g. "Post update" opens the update modal). */
  readonly opens: 'update_form' | null;
}

function decide(incident: Incident, answer: PromptAnswer, actorId: string, deps: UseCaseDeps, now: Date): Result<Change, DomainError> {
  if (answer === 'mitigated') return transition(incident, { to: 'mitigated', actorId, note: null, now });
  if (answer === 'lead_self') return handOverLead(incident, actorId, actorId, now);
  if (answer.startsWith('severity:')) {
    const severity = deps.severities.find((s) => s.id === answer.slice('severity:'.length));
    if (!severity) return err({ code: 'unknown_severity', input: answer.slice('severity:'.length), known: deps.severities.map((s) => s.label) });
    return changeSeverity(incident, severity, actorId, now);
  }
  return ok({ incident, events: [] });
}

/**
 * A button on a prompt was pressed: apply what it means, record the answer on the timeline, and re-arm the
 * cadence it belongs to ("Not yet" asks again after a full period; a snooze waits as long as chosen).
 */
export async function answerPrompt(
  deps: UseCaseDeps,
  input: { promptId: number; answer: PromptAnswer; actorId: string; press: Press },
): Promise<Result<AnsweredPrompt, AppError>> {
  // The press must come from this prompt's own message, by someone who may change its incident.
  const message = await pressedMessage(deps.store, input.press, ['prompt'], (m) => m.promptId === input.promptId);
  if (!message.ok) return message;
  // "I'll lead" is the natural way into a public incident: the bot lets the presser into its channel rather than refusing.
  const access = input.answer === 'lead_self' ? 'join' : 'change';
  const allowed = await findIncident(deps, { ref: message.value.incidentNumber, channelId: null, subcommand: 'status', actorId: input.actorId }, access);
  if (!allowed.ok) return allowed;
  const outcome = await deps.store.transaction(async (records): Promise<Result<AnsweredPrompt, AppError>> => {
    const now = deps.clock.now();
    const prompt = await records.getPrompt(input.promptId);
    if (!prompt || prompt.state !== 'pending') return err({ code: 'prompt_answered', answeredBy: prompt?.answeredBy ?? null });
    const before = await records.getIncident(prompt.incidentNumber);
    if (!before) return err({ code: 'incident_not_found', number: prompt.incidentNumber });
    const decided = decide(before, input.answer, input.actorId, deps, now);
    if (!decided.ok) return decided;
    const answered = { state: 'answered' as const, answer: input.answer, answeredBy: input.actorId, answeredAt: now };
    // The setup question is answered once nothing it asks is missing (applyChange decides that).
    if (prompt.kind !== 'setup') {
      await records.updatePrompt(prompt.id, answered);
      records.happened({ kind: 'prompt_answered', prompt: prompt.kind });
    }
    // The prompt's own message shows the answer; a DM is nobody else's to open, so it is not linked.
    const shownIn = prompt.recipientId === null && prompt.channelId !== null && prompt.messageTs !== null ? { channelId: prompt.channelId, ts: prompt.messageTs } : null;
    const answerEvent = { ...event('prompt_answered', input.actorId, now, null, { prompt: prompt.kind, answer: input.answer }), message: shownIn };
    const events = [...decided.value.events, answerEvent];
    const effects: Effect[] = [{ kind: 'refresh_prompt', incidentNumber: before.number, promptId: prompt.id }];
    await applyChange(deps, records, before, decided.value.incident, events, prompt.kind === 'setup' ? [] : effects);
    const cadence = deps.severities.find((s) => s.id === decided.value.incident.severity);
    if (input.answer === 'not_yet' && cadence?.mitigationCheckMs !== undefined) {
      await records.scheduleJob('mitigation_check', before.number, new Date(now.getTime() + cadence.mitigationCheckMs), now);
    }
    const snooze = snoozeMs(input.answer);
    if (snooze !== null) await records.scheduleJob('update_nudge', before.number, new Date(now.getTime() + snooze), now);
    const after = (await records.getPrompt(prompt.id)) ?? prompt;
    return ok({ incident: decided.value.incident, prompt: after, opens: input.answer === 'post_update' ? 'update_form' : null });
  });
  if (outcome.ok) deps.effectsQueued();
  return outcome;
}
