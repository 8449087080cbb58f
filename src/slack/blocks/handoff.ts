import type { types } from '@slack/bolt';
import { formatDuration } from '../../domain/duration.js';
import { incidentRef, type Incident } from '../../domain/incident.js';
import type { Handoff } from '../../domain/oncall/handoff.js';
import type { Rotation } from '../../domain/oncall/rotation.js';
import type { ShiftAlertGroup, ShiftReport } from '../../domain/oncall/shift-report.js';
import type { Severity } from '../../domain/severity.js';
import type { Catalog } from '../../i18n/index.js';
import { ACTION } from '../ids.js';
import { context, plain, safe, section, user, type Block } from './format.js';
import { severityLabel } from './summary-card.js';
import { formatZoned } from '../../domain/zoned-time.js';

export interface HandoffView {
  readonly handoff: Handoff;
  readonly rotation: Pick<Rotation, 'name' | 'timezone' | 'channelId'>;
  readonly report: ShiftReport;
  readonly severities: readonly Severity[];
  readonly t: Catalog;
}

export interface RenderedMessage {
  readonly text: string;
  readonly blocks: Block[];
}

const MAX_LINES = 15;

function listed<T>(items: readonly T[], line: (item: T) => string, empty: string): string {
  if (items.length === 0) return empty;
  const shown = items.slice(0, MAX_LINES).map(line);
  return [...shown, ...(items.length > MAX_LINES ? [`… +${items.length - MAX_LINES}`] : [])].join('\n');
}

function incidentLine(incident: Incident, view: HandoffView): string {
  const { t } = view;
  return `• *${incidentRef(incident.number)}* · ${severityLabel(incident.severity, view.severities, t)} · ${t.status[incident.status]} · IC ${user(incident.commanderId, t.noCommander)} — ${safe(incident.title, 200)}`;
}

function groupLine(group: ShiftAlertGroup, view: HandoffView): string {
  const service = group.service === null ? '' : ` (${safe(group.service, 80)})`;
  const severity = group.severity === null ? '' : ` · ${safe(group.severity, 30)}`;
  return `• ${safe(group.name, 150)}${service}${severity} · ${view.t.oncall.firing(group.firing)} · ${view.t.oncall.since(formatZoned(group.firstSeenAt, view.rotation.timezone))}`;
}

const refs = (incidents: readonly Incident[], none: string): string => (incidents.length === 0 ? none : incidents.map((i) => incidentRef(i.number)).join(', '));

function openWork(view: HandoffView): Block[] {
  const o = view.t.oncall;
  return [
    section(`*${o.openIncidents}*\n${listed(view.report.openIncidents, (i) => incidentLine(i, view), o.noOpenIncidents)}`),
    section(`*${o.unresolvedGroups}*\n${listed(view.report.unresolvedGroups, (g) => groupLine(g, view), o.noUnresolvedGroups)}`),
  ];
}

function notesBlock(view: HandoffView): Block {
  const { handoff, t } = view;
  return section(handoff.notes === null ? t.oncall.noNotes : `${t.oncall.notes(user(handoff.notesBy, '?'))}\n${safe(handoff.notes, 2_600)}`);
}

/** The DM to the outgoing person before the handoff: what is open, and a button for notes. */
export function renderHandoffReminder(view: HandoffView): RenderedMessage {
  const { handoff, rotation, report, t } = view;
  const o = t.oncall;
  const text = o.reminder(safe(rotation.name, 40), formatZoned(handoff.dueAt, rotation.timezone), user(handoff.incomingId, '?'));
  const button: types.Button = { type: 'button', action_id: ACTION.handoffNotes, text: plain(o.notesButton), value: String(handoff.id), style: 'primary' };
  return {
    text,
    blocks: [
      section(text),
      ...openWork(view),
      context(o.duringShift(refs(report.declared, o.none), refs(report.resolved, o.none))),
      ...(handoff.notes === null ? [] : [context(`✓ ${o.notesSaved}`), notesBlock(view)]),
      { type: 'actions', elements: [button] },
    ],
  };
}

function alertLine(view: HandoffView): string {
  const { report, t } = view;
  const bySeverity = report.alertsBySeverity.map((c) => `${c.severity === null ? t.oncall.noSeverity : safe(c.severity, 30)} ${c.count}`).join(' · ');
  const ack = report.acknowledgement;
  const median = ack.medianMs === null ? null : formatDuration(ack.medianMs);
  return `${t.oncall.alerts(report.alertTotal, bySeverity)}\n${t.oncall.timeToAcknowledge(median, ack.acknowledged, ack.groups)}`;
}

/** The incoming person's Acknowledge, on the handoff post and on their App Home. */
export const handoffAckButton = (handoff: Pick<Handoff, 'id'>, t: Catalog): types.Button => ({
  type: 'button',
  action_id: ACTION.handoffAcknowledge,
  text: plain(t.oncall.ackButton),
  value: String(handoff.id),
  style: 'primary',
});

/** The handoff post in the rotation channel, re-rendered from the record on every change. */
export function renderHandoffPost(view: HandoffView): RenderedMessage {
  const { handoff, rotation, t } = view;
  const o = t.oncall;
  const title = o.postTitle(safe(rotation.name, 40), user(handoff.outgoingId, '?'), user(handoff.incomingId, '?'));
  const notices = [
    ...(handoff.late ? [o.late(formatZoned(handoff.dueAt, rotation.timezone))] : []),
    ...(handoff.trigger === 'manual' ? [o.manual(formatZoned(handoff.dueAt, rotation.timezone))] : []),
  ];
  const button = handoffAckButton(handoff, t);
  const closing: Block[] =
    handoff.acknowledgedAt === null
      ? [context(o.waiting(user(handoff.incomingId, '?'))), { type: 'actions', elements: [button] }]
      : [section(o.acknowledged(user(handoff.acknowledgedBy, '?'), formatZoned(handoff.acknowledgedAt, rotation.timezone)))];
  return {
    text: title,
    blocks: [section(title), ...notices.map(context), notesBlock(view), ...openWork(view), section(alertLine(view)), ...closing],
  };
}

export function renderAckReminder(view: Pick<HandoffView, 'handoff' | 'rotation' | 't'>, to: 'incoming' | 'outgoing'): RenderedMessage {
  const { handoff, rotation, t } = view;
  const text =
    to === 'incoming'
      ? t.oncall.ackReminderIncoming(safe(rotation.name, 40), user(handoff.outgoingId, '?'), `<#${rotation.channelId}>`)
      : t.oncall.ackReminderOutgoing(safe(rotation.name, 40), user(handoff.incomingId, '?'));
  return { text, blocks: [section(text)] };
}
