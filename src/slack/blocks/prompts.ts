import type { types } from '@slack/bolt';
import type { Prompt } from '../../app/prompt-ports.js';
import { formatDuration } from '../../domain/duration.js';
import { incidentRef, type Incident } from '../../domain/incident.js';
import { missingSetup, type PromptAnswer } from '../../domain/prompts.js';
import type { Severity } from '../../domain/severity.js';
import type { Catalog } from '../../i18n/index.js';
import { ACTION } from '../ids.js';
import { context, plain, section, slackDate, user, type Block } from './format.js';

type Button = types.Button;

const answerButton = (prompt: Prompt, answer: PromptAnswer, label: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  action_id: `${ACTION.promptAnswer}:${answer}`,
  text: plain(label, 75),
  value: `${prompt.id}:${answer}`,
  ...(style ? { style } : {}),
});

function answerLabel(answer: string, t: Catalog): string {
  if (answer.startsWith('severity:')) return t.prompt.answers.severity;
  if (answer.startsWith('snooze:')) return t.prompt.answers.snoozed(formatDuration(Number(answer.slice('snooze:'.length))));
  const { mitigated, not_yet, post_update, lead_self } = t.prompt.answers;
  const known: Record<string, string> = { mitigated, not_yet, post_update, lead_self };
  return known[answer] ?? answer;
}

function setupBlocks(prompt: Prompt, incident: Incident, severities: readonly Severity[], t: Catalog): Block[] {
  const missing = missingSetup(incident);
  if (missing.length === 0) return [context(`✓ ${t.prompt.setupDone}`)];
  const blocks: Block[] = [section(t.prompt.setupIntro)];
  if (missing.includes('severity')) {
    blocks.push(section(t.prompt.setupSeverity), {
      type: 'actions',
      block_id: 'setup_severity',
      elements: severities.slice(0, 25).map((s) => answerButton(prompt, `severity:${s.id}`, s.label)),
    });
  }
  if (missing.includes('impact')) {
    blocks.push({
      type: 'section',
      block_id: 'setup_impact',
      text: { type: 'mrkdwn', text: t.prompt.setupImpact },
      accessory: { type: 'button', action_id: ACTION.promptImpact, text: plain(t.prompt.addImpact, 75), value: String(incident.number) },
    });
  }
  if (missing.includes('commander')) {
    blocks.push({
      type: 'section',
      block_id: 'setup_lead',
      text: { type: 'mrkdwn', text: t.prompt.setupLead },
      accessory: answerButton(prompt, 'lead_self', t.prompt.leadSelf, 'primary'),
    });
  }
  return blocks;
}

function question(prompt: Prompt, incident: Incident, now: Date, snoozesMs: readonly number[], t: Catalog): { text: string; buttons: Button[] } {
  const ref = incidentRef(incident.number);
  const commander = user(incident.commanderId, t.noCommander);
  switch (prompt.kind) {
    case 'mitigation_check':
      return {
        text: t.prompt.mitigationQuestion(commander),
        buttons: [
          answerButton(prompt, 'mitigated', t.prompt.mitigated, 'primary'),
          answerButton(prompt, 'not_yet', t.prompt.notYet),
          answerButton(prompt, 'post_update', t.prompt.postUpdate),
        ],
      };
    case 'update_nudge': {
      const since = incident.lastUpdate?.at ?? incident.milestones.declaredAt;
      return {
        text: t.prompt.nudge(commander, formatDuration(now.getTime() - since.getTime())),
        buttons: [
          answerButton(prompt, 'post_update', t.prompt.postUpdate, 'primary'),
          ...snoozesMs.slice(0, 4).map((ms) => answerButton(prompt, `snooze:${ms}`, t.prompt.snooze(formatDuration(ms)))),
        ],
      };
    }
    case 'lead_ack_reminder': {
      // Stored as a prompt before migration 011 (newer reminders are messages of the lead handoff): the question
      // while the handoff it was about is still the pending one, else who leads now.
      const pending = incident.pendingLead;
      if (prompt.state !== 'pending' || pending === null) return { text: t.lead.settled(ref, commander), buttons: [] };
      if (prompt.recipientId !== pending.userId) return { text: t.lead.waiting(ref, `<@${pending.userId}>`, slackDate(pending.since)), buttons: [] };
      return {
        text: t.lead.reminder(ref, `<@${pending.by}>`, slackDate(pending.since)),
        buttons: [{ type: 'button', action_id: ACTION.acknowledgeLead, text: plain(t.lead.acknowledge, 75), value: String(incident.number), style: 'primary' }],
      };
    }
    case 'setup':
      return { text: t.prompt.setupIntro, buttons: [] };
  }
}

/** A prompt as Slack shows it: the question with its buttons while open; the answer and who gave it after. */
export function renderPrompt(
  prompt: Prompt,
  incident: Incident,
  options: { severities: readonly Severity[]; snoozesMs: readonly number[]; now: Date; t: Catalog },
): { text: string; blocks: Block[] } {
  const { severities, snoozesMs, now, t } = options;
  const ref = incidentRef(incident.number);
  if (prompt.kind === 'setup') return { text: `${ref}: ${t.prompt.setupIntro}`, blocks: setupBlocks(prompt, incident, severities, t) };
  const { text, buttons } = question(prompt, incident, now, snoozesMs, t);
  const blocks: Block[] = [section(`*${ref}* · ${text}`)];
  if (prompt.state === 'pending' && buttons.length > 0) blocks.push({ type: 'actions', block_id: 'prompt_answers', elements: buttons });
  if (prompt.state === 'answered' && prompt.answer !== null) {
    blocks.push(context(t.prompt.answeredBy(answerLabel(prompt.answer, t), user(prompt.answeredBy, ''), slackDate(prompt.answeredAt ?? now))));
  }
  if (prompt.state === 'expired') blocks.push(context(t.prompt.expired));
  return { text: `${ref}: ${text}`, blocks };
}
