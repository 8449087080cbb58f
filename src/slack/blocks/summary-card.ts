import type { types } from '@slack/bolt';
import { formatDuration } from '../../domain/duration.js';
import { escapeText } from '../../domain/slack-text.js';
import { incidentRef, isOpen, type Incident } from '../../domain/incident.js';
import type { Severity } from '../../domain/severity.js';
import type { Catalog } from '../../i18n/index.js';
import { ACTION } from '../ids.js';
import { context, plain, safe, section, slackDate, user, type Block } from './format.js';
import { sloSection, type SloShown } from './slo-lines.js';

export interface CardInput {
  readonly incident: Incident;
  readonly openFollowUps: number;
  readonly severities: readonly Severity[];
  readonly now: Date;
  readonly t: Catalog;
  /** Declared from an SLO's alert group: its burn as it stands (a suggestion, never the incident's severity). */
  readonly slo?: SloShown | null;
}

export const severityLabel = (id: string | null, severities: readonly Severity[], t: Catalog): string =>
  severities.find((s) => s.id === id)?.label ?? id ?? t.noSeverity;

/** Honest durations: only between milestones that happened; an open incident counts up to now. */
export function durationLine(incident: Incident, now: Date, t: Catalog): string {
  const m = incident.milestones;
  const since = (at: Date | null): string | null => (at === null ? null : formatDuration(at.getTime() - m.declaredAt.getTime()));
  const parts = [
    isOpen(incident) ? t.card.openFor(formatDuration(now.getTime() - m.declaredAt.getTime())) : null,
    m.acknowledgedAt && incident.origin === 'alert' ? t.card.acknowledgedAfter(since(m.acknowledgedAt) ?? '') : null,
    m.mitigatedAt ? t.card.mitigatedAfter(since(m.mitigatedAt) ?? '') : null,
    m.resolvedAt ? t.card.resolvedAfter(since(m.resolvedAt) ?? '') : null,
  ];
  return parts.filter((p): p is string => p !== null).join(' · ');
}

export function severityOptions(severities: readonly Severity[]): types.PlainTextOption[] {
  return severities.slice(0, 100).map((s) => ({
    text: plain(s.description ? `${s.label} · ${s.description}` : s.label, 75),
    value: s.id,
  }));
}

function actions(incident: Incident, severities: readonly Severity[], t: Catalog): Block {
  const value = String(incident.number);
  const current = severityOptions(severities).find((o) => o.value === incident.severity);
  return {
    type: 'actions',
    block_id: 'card_actions',
    elements: [
      {
        type: 'static_select',
        action_id: ACTION.severity,
        placeholder: plain(t.card.changeSeverity),
        options: severityOptions(severities),
        ...(current ? { initial_option: current } : {}),
      },
      { type: 'button', action_id: ACTION.postUpdate, text: plain(t.card.postUpdate, 75), value },
      ...(incident.status === 'mitigated'
        ? []
        : [{ type: 'button' as const, action_id: ACTION.mitigated, text: plain(t.card.mitigated, 75), value }]),
      { type: 'button', action_id: ACTION.resolve, text: plain(t.card.resolve, 75), value, style: 'primary' },
      { type: 'button', action_id: ACTION.handOverLead, text: plain(t.card.handOverLead, 75), value },
    ],
  };
}

/** The one live summary of an incident: rendered from the record on every change and edited in place. */
export function renderSummaryCard(input: CardInput): { text: string; blocks: Block[] } {
  const { incident, severities, now, t } = input;
  const ref = incidentRef(incident.number);
  const severity = severityLabel(incident.severity, severities, t);
  const status = t.status[incident.status];
  const commander = user(incident.commanderId, t.noCommander);
  const blocks: Block[] = [
    { type: 'header', text: plain(`${ref} · ${incident.title}`) },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*${t.card.severity}*\n${safe(severity, 200)}` },
        { type: 'mrkdwn', text: `*${t.card.status}*\n${status}` },
        { type: 'mrkdwn', text: `*${t.card.commander}*\n${commander}` },
        { type: 'mrkdwn', text: `*${t.card.declared}*\n${slackDate(incident.milestones.declaredAt)} · <@${incident.declaredBy}>` },
      ],
    },
  ];
  if (incident.pendingLead !== null) blocks.push(context(t.prompt.handoffPending(`<@${incident.pendingLead.userId}>`, slackDate(incident.pendingLead.since))));
  if (incident.impact !== '') blocks.push(section(`*${t.card.impact}*\n${safe(incident.impact)}`));
  if (input.slo) blocks.push(sloSection(input.slo, t));
  const durations = durationLine(incident, now, t);
  if (durations !== '') blocks.push(context(`⏱ ${durations}`));
  blocks.push(
    incident.lastUpdate
      ? section(
          `*${t.card.lastUpdate}* · ${t.card.updatedBy(`<@${incident.lastUpdate.by}>`, slackDate(incident.lastUpdate.at))}\n${safe(incident.lastUpdate.text)}`,
        )
      : context(t.card.noUpdate),
  );
  if (incident.resolutionSummary) blocks.push(section(`*${t.card.resolution}*\n${safe(incident.resolutionSummary)}`));
  if (incident.cause) blocks.push(section(`*${t.card.cause}*\n${safe(incident.cause)}`));
  if (input.openFollowUps > 0) blocks.push(context(t.card.followUps(input.openFollowUps)));
  blocks.push(isOpen(incident) ? actions(incident, severities, t) : context(t.card.reopenHint));
  // The top-level text is mrkdwn and shows in notifications: the title must be escaped there too.
  return { text: `${ref} · ${severity} · ${status} · ${escapeText(incident.title)}`, blocks };
}

export function renderTopic(incident: Incident, severities: readonly Severity[], t: Catalog): string {
  const severity = severityLabel(incident.severity, severities, t);
  return t.topic(severity, t.status[incident.status], user(incident.commanderId, t.noCommander)).slice(0, 250);
}
