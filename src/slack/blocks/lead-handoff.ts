import type { types } from '@slack/bolt';
import { incidentRef, type FollowUp, type Incident, type TimelineEvent } from '../../domain/incident.js';
import { offersAnswer, type LeadHandoff, type LeadMessagePart } from '../../domain/lead-handoff.js';
import type { Severity } from '../../domain/severity.js';
import type { Catalog } from '../../i18n/index.js';
import { ACTION } from '../ids.js';
import { context, plain, safe, section, slackDate, user, type Block } from './format.js';
import { durationLine, severityLabel } from './summary-card.js';

export interface LeadMessageView {
  readonly handoff: LeadHandoff;
  readonly part: LeadMessagePart;
  readonly incident: Incident;
  /** The briefing's body, read from the record (other parts leave them empty). */
  readonly followUps: readonly FollowUp[];
  readonly tried: readonly TimelineEvent[];
  readonly severities: readonly Severity[];
  readonly now: Date;
  readonly t: Catalog;
}

/**
 * What a message of a lead handoff says first: the request while it is open, then how it ended, in the words of
 * the person reading it (the proposed commander reads the briefing and the reminder, the current one the notice).
 */
export function leadHeadline(handoff: LeadHandoff, part: LeadMessagePart, t: Catalog): string {
  const ref = incidentRef(handoff.incidentNumber);
  const to = `<@${handoff.toId}>`;
  const from = `<@${handoff.fromId}>`;
  const when = slackDate(handoff.endedAt ?? handoff.requestedAt);
  const mine = part !== 'notice';
  const l = t.lead;
  switch (handoff.state) {
    case 'pending':
      if (part === 'briefing') return l.briefing(ref, `<@${handoff.requestedBy}>`);
      return part === 'reminder' ? l.reminder(ref, `<@${handoff.requestedBy}>`, slackDate(handoff.requestedAt)) : l.waiting(ref, to, slackDate(handoff.requestedAt));
    case 'acknowledged':
      return mine ? l.youTookOver(ref, from, when) : l.theyTookOver(ref, to, when);
    case 'declined':
      return mine ? l.youDeclined(ref, from, when) : l.theyDeclined(ref, to, when);
    case 'replaced': {
      const by = user(handoff.endedBy, t.noCommander);
      const next = user(handoff.nextLeadId, t.noCommander);
      return mine ? l.youReplaced(ref, by, next, when) : l.theyReplaced(ref, to, by, next, when);
    }
    case 'withdrawn': {
      if (handoff.closedAs === null) return l.withdrawn(ref, when);
      const status = t.status[handoff.closedAs];
      return mine ? l.youWithdrawn(ref, status, when) : l.theyWithdrawn(ref, to, status, when);
    }
  }
}

/** Acknowledge and Decline, in the proposed commander's DMs and on their App Home (a Home names each block apart). */
export function leadAnswerButtons(incident: Pick<Incident, 'number'>, t: Catalog, blockId = 'lead_answer'): types.ActionsBlock {
  const value = String(incident.number);
  return {
    type: 'actions',
    block_id: blockId,
    elements: [
      { type: 'button', action_id: ACTION.acknowledgeLead, text: plain(t.lead.acknowledge, 75), value, style: 'primary' },
      { type: 'button', action_id: ACTION.declineLead, text: plain(t.lead.decline, 75), value },
    ],
  };
}

/** The state a new commander needs to take over without scrolling the channel. */
function briefingBody(view: LeadMessageView): Block[] {
  const { incident, t } = view;
  const open = view.followUps.filter((f) => !f.done);
  const state = `${severityLabel(incident.severity, view.severities, t)} · ${t.status[incident.status]} · ${durationLine(incident, view.now, t)}`;
  const blocks: Block[] = [section(`*${t.lead.currentState}*\n${state}`)];
  if (incident.impact) blocks.push(section(`*${t.card.impact}*\n${safe(incident.impact)}`));
  blocks.push(
    incident.lastUpdate ? section(`*${t.card.lastUpdate}*\n${safe(incident.lastUpdate.text)}`) : context(t.card.noUpdate),
    section(`*${t.lead.tried}*\n${view.tried.length === 0 ? t.lead.none : view.tried.map((e) => `• ${slackDate(e.occurredAt)} ${safe(e.text ?? '', 250)}`).join('\n')}`),
    section(
      `*${t.lead.openFollowUps}*\n${open.length === 0 ? t.lead.none : open.slice(0, 20).map((f) => `• ${safe(f.text, 200)}${f.ownerId ? ` (${user(f.ownerId, '')})` : ''}`).join('\n')}`,
    ),
  );
  if (incident.channelId) {
    const channel = `<#${incident.channelId}>`;
    blocks.push(context(view.handoff.state === 'pending' ? t.lead.channelLink(channel) : t.lead.channel(channel)));
  }
  return blocks;
}

/**
 * A DM of a lead handoff as the record has it now: rendered when it is posted and again whenever the handoff
 * ends, so it never keeps a live button or a sentence that stopped being true.
 */
export function renderLeadMessage(view: LeadMessageView): { text: string; blocks: Block[] } {
  const { handoff, part, incident, t } = view;
  const headline = leadHeadline(handoff, part, t);
  const blocks: Block[] =
    part === 'briefing'
      ? [section(`*${headline}*\n${safe(incident.title, 200)}`), ...briefingBody(view)]
      : [section(`${headline}\n${safe(incident.title, 200)}`)];
  if (offersAnswer(handoff, part)) blocks.push(leadAnswerButtons(incident, t));
  return { text: headline, blocks };
}
