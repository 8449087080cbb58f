import type { AlertGroup } from '../../app/triage-ports.js';
import { MUTE_CHOICES_MS } from '../../app/triage-actions.js';
import { formatDuration } from '../../domain/duration.js';
import { incidentRef } from '../../domain/incident.js';
import type { Catalog } from '../../i18n/index.js';
import { ACTION } from '../ids.js';
import { firingInstancesLine, linksLine, toolName, type InstanceView } from './alert-instances.js';
import { context, plain, safe, section, slackDate, user, type Block } from './format.js';
import { declareAsButton, sloSection, type SloShown } from './slo-lines.js';

export interface TriageReplyInput {
  readonly group: AlertGroup;
  /** The incident the group was declared as; a private one is not named in the (shared) alert channel. */
  readonly incident: { readonly channelId: string | null; readonly isPrivate: boolean } | null;
  readonly groupWindowMs: number;
  readonly now: Date;
  readonly t: Catalog;
  /** Set while the bot is behind a storm: how many events wait and how often this reply is rewritten meanwhile. */
  readonly behind?: { readonly waiting: number; readonly everyMs: number } | null;
  /** A group of identified instances: what each of them is (the message lists those firing now). */
  readonly instances?: readonly InstanceView[];
  /** The group is one SLO's: its burn, budget and suggested severity. */
  readonly slo?: SloShown | null;
}

/** The one triage reply of an alert group, re-rendered from the record on every change. Alert text is untrusted. */
export function renderTriageReply(input: TriageReplyInput): { text: string; blocks: Block[] } {
  const { group, t, now } = input;
  const { counts, first } = group;
  const state = counts.status === 'firing' ? t.triage.firing(counts.firing) : t.triage.resolved;
  // "Firing: 8 instances" over "6 alert messages" reads like a disagreement unless the reply says why they differ (a
  // group of identified instances counts instances on both lines: fewer firing than seen needs no explaining).
  const countsDiffer = !group.tracksInstances && counts.status === 'firing' && counts.firing !== counts.alertCount;
  const title = [first.name, first.service, first.severity].filter((part): part is string => Boolean(part)).map((part) => safe(part, 200)).join(' · ');
  const value = String(group.id);
  const counted = group.tracksInstances ? t.triage.instances(counts.alertCount) : t.triage.alerts(counts.alertCount);
  const countLabel = group.tracksInstances ? t.triage.instanceCount : t.triage.count;
  const more = [firingInstancesLine(input.instances ?? [], t), linksLine(group.links, t)].filter((line): line is string => line !== null);
  const blocks: Block[] = [
    section(`*${title}*  ${state}\n${safe(first.summary, 1_500)}${first.link ? `\n${safe(first.link, 500)}` : ''}${more.map((line) => `\n${line}`).join('')}`),
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*${countLabel}*\n${counted}${countsDiffer ? `\n_${t.triage.countsDiffer}_` : ''}` },
        { type: 'mrkdwn', text: `*${t.triage.source}*\n${safe(first.source, 50)}` },
        { type: 'mrkdwn', text: `*${t.triage.firstSeen}*\n${slackDate(counts.firstSeenAt)}` },
        { type: 'mrkdwn', text: `*${t.triage.lastSeen}*\n${slackDate(counts.lastSeenAt)}` },
      ],
    },
  ];
  if (input.slo) blocks.push(sloSection(input.slo, t));
  const fields = Object.entries(group.fields).map(([k, v]) => `${k}=${v === '' ? '∅' : v}`).join(', ');
  const notes = [t.triage.whyGrouped(safe(fields, 1_000), formatDuration(input.groupWindowMs))];
  if (group.truncatedAlerts > 0) notes.push(t.triage.truncated(group.truncatedAlerts, safe(toolName(first.source), 40)));
  if (group.ruleIndex !== null) notes.push(t.triage.rule(group.ruleIndex + 1, group.action, group.suggestedSeverity ?? ''));
  if (group.acknowledgedAt) {
    const after = formatDuration(group.acknowledgedAt.getTime() - counts.firstSeenAt.getTime());
    if (group.acknowledgedBy) notes.push(t.triage.acknowledged(user(group.acknowledgedBy, ''), after));
    else if (group.acknowledgedVia) notes.push(t.triage.acknowledgedVia(safe(group.acknowledgedVia, 40), after));
  }
  if (group.mutedUntil && group.mutedUntil.getTime() > now.getTime()) notes.push(t.triage.muted(slackDate(group.mutedUntil)));
  if (group.dismissedBy) notes.push(t.triage.dismissed(user(group.dismissedBy, '')));
  if (input.behind) notes.push(t.triage.behind(input.behind.waiting, formatDuration(input.behind.everyMs)));
  if (group.incidentNumber !== null && input.incident?.isPrivate) notes.push(t.triage.declaredPrivately);
  else if (group.incidentNumber !== null) {
    notes.push(t.triage.declared(incidentRef(group.incidentNumber), input.incident?.channelId ? `<#${input.incident.channelId}>` : ''));
  }
  blocks.push(context(notes.join('\n')));
  if (group.incidentNumber === null && group.dismissedBy === null) {
    const declareAs = input.slo ? declareAsButton(input.slo.report, group.id, input.slo.severities, t) : null;
    blocks.push({
      type: 'actions',
      block_id: 'triage_actions',
      elements: [
        ...(declareAs ? [declareAs] : []),
        { type: 'button', action_id: ACTION.triageDeclare, text: plain(t.triage.declare, 75), value, ...(declareAs ? {} : { style: 'danger' as const }) },
        ...(group.acknowledgedBy ? [] : [{ type: 'button' as const, action_id: ACTION.triageAcknowledge, text: plain(t.triage.acknowledge, 75), value }]),
        {
          type: 'static_select',
          action_id: ACTION.triageMute,
          placeholder: plain(t.triage.mute),
          options: MUTE_CHOICES_MS.map((ms) => ({ text: plain(t.triage.muteFor(formatDuration(ms)), 75), value: `${group.id}:${ms}` })),
        },
        { type: 'button', action_id: ACTION.triageDismiss, text: plain(t.triage.dismiss, 75), value },
      ],
    });
  }
  return { text: `${safe(first.name, 200)} · ${state} · ${counted}`, blocks };
}
