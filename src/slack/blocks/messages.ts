import { formatDuration } from '../../domain/duration.js';
import { incidentRef, type FollowUp, type Incident, type TimelineEvent } from '../../domain/incident.js';
import { escapeText } from '../../domain/slack-text.js';
import type { Severity } from '../../domain/severity.js';
import type { Catalog } from '../../i18n/index.js';
import { ACTION } from '../ids.js';
import { context, plain, safe, section, slackDate, user, type Block } from './format.js';
import { durationLine, renderSummaryCard, severityLabel } from './summary-card.js';

/** `/incident list`: most severe first, one line each, capped to Slack's 50 blocks. */
export function renderIncidentList(incidents: readonly Incident[], severities: readonly Severity[], now: Date, t: Catalog): { text: string; blocks: Block[] } {
  if (incidents.length === 0) return { text: t.list.empty, blocks: [section(t.list.empty)] };
  const lines = incidents.slice(0, 48).map((incident) => {
    const where = incident.channelId ? ` · <#${incident.channelId}>` : '';
    const head = `*${incidentRef(incident.number)}* ${escapeText(incident.title)}`;
    const facts = `${severityLabel(incident.severity, severities, t)} · ${t.status[incident.status]} · IC ${user(incident.commanderId, t.noCommander)}${where} · ${formatDuration(now.getTime() - incident.milestones.declaredAt.getTime())}`;
    return section(`${head}\n${facts}`);
  });
  return { text: t.list.heading(incidents.length), blocks: [section(`*${t.list.heading(incidents.length)}*`), ...lines] };
}

/** `/incident status`: the card, without its buttons (they would act on an ephemeral copy). */
export function renderStatusForCaller(input: Parameters<typeof renderSummaryCard>[0]): { text: string; blocks: Block[] } {
  const card = renderSummaryCard(input);
  return { text: card.text, blocks: card.blocks.filter((b) => b.type !== 'actions') };
}

export function renderUpdateBroadcast(incident: Incident, text: string, by: string, t: Catalog): { text: string; blocks: Block[] } {
  const headline = t.update.broadcast(incidentRef(incident.number), `<@${by}>`);
  return { text: `${headline}: ${escapeText(text).slice(0, 300)}`, blocks: [section(`${headline}\n${safe(text)}`)] };
}

/** The DM a new commander gets: enough state to take over without scrolling the channel. */
export function renderLeadBriefing(
  input: {
    incident: Incident;
    followUps: readonly FollowUp[];
    tried: readonly TimelineEvent[];
    by: string;
    severities: readonly Severity[];
    now: Date;
    t: Catalog;
  },
): { text: string; blocks: Block[] } {
  const { incident, t } = input;
  const ref = incidentRef(incident.number);
  const open = input.followUps.filter((f) => !f.done);
  const state = `${severityLabel(incident.severity, input.severities, t)} · ${t.status[incident.status]} · ${durationLine(incident, input.now, t)}`;
  const blocks: Block[] = [
    section(`*${t.lead.briefing(ref, `<@${input.by}>`)}*\n${safe(incident.title, 200)}`),
    section(`*${t.lead.currentState}*\n${state}`),
  ];
  if (incident.impact) blocks.push(section(`*${t.card.impact}*\n${safe(incident.impact)}`));
  blocks.push(
    incident.lastUpdate ? section(`*${t.card.lastUpdate}*\n${safe(incident.lastUpdate.text)}`) : context(t.card.noUpdate),
    section(`*${t.lead.tried}*\n${input.tried.length === 0 ? t.lead.none : input.tried.map((e) => `• ${slackDate(e.occurredAt)} ${safe(e.text ?? '', 250)}`).join('\n')}`),
    section(
      `*${t.lead.openFollowUps}*\n${open.length === 0 ? t.lead.none : open.slice(0, 20).map((f) => `• ${safe(f.text, 200)}${f.ownerId ? ` (${user(f.ownerId, '')})` : ''}`).join('\n')}`,
    ),
  );
  if (incident.channelId) blocks.push(context(t.lead.channelLink(`<#${incident.channelId}>`)));
  if (incident.pendingLead !== null) {
    blocks.push({
      type: 'actions',
      block_id: 'lead_ack',
      elements: [{ type: 'button', action_id: ACTION.acknowledgeLead, text: plain(t.prompt.acknowledge, 75), value: String(incident.number), style: 'primary' }],
    });
  }
  return { text: t.lead.briefing(ref, `<@${input.by}>`), blocks };
}
