import { formatDuration } from '../../domain/duration.js';
import { incidentRef } from '../../domain/incident.js';
import { slackDialect } from '../../domain/postmortem/dialect.js';
import { draftLine, type PostmortemDraft } from '../../domain/postmortem/draft.js';
import type { Severity } from '../../domain/severity.js';
import { describeEvent } from '../../domain/postmortem/event-text.js';
import { durationDefinitions, renderDocument, signedDuration } from '../../domain/postmortem/render.js';
import { planMessages, type PlannedBlock } from '../../domain/postmortem/split.js';
import type { IncidentStats } from '../../domain/postmortem/stats.js';
import type { TimelineEvent } from '../../domain/incident.js';
import type { Catalog } from '../../i18n/index.js';
import { context, plain, section, type Block } from './format.js';

export interface SlackMessage {
  readonly text: string;
  readonly blocks: Block[];
}

const toBlock = (block: PlannedBlock): Block => {
  switch (block.type) {
    case 'header':
      return { type: 'header', text: plain(block.text) };
    case 'section':
      return { type: 'section', text: { type: 'mrkdwn', text: block.text } };
    case 'context':
      return { type: 'context', elements: [{ type: 'mrkdwn', text: block.text }] };
  }
};

/** A draft as the messages of a thread, each within Slack's limits (see `planMessages`). */
export function renderDraftMessages(draft: PostmortemDraft, options: { timeZone: string; t: Catalog }): SlackMessage[] {
  const { t } = options;
  const doc = renderDocument(draft, { words: t.postmortem, dialect: slackDialect, timeZone: options.timeZone });
  const plan = planMessages({ ...doc, title: `📝 ${doc.title}` }, t.draft.continued);
  const ref = incidentRef(draft.incidentNumber);
  return plan.map((message, i) => ({ text: t.draft.part(ref, draft.version, i + 1, plan.length), blocks: message.blocks.map(toBlock) }));
}

/** The line the bot posts in the card's thread for a change made by command or button: what the timeline links to. */
export function renderTimelineMessage(event: TimelineEvent, severities: readonly Severity[], t: Catalog): string {
  const who = event.actorId === null ? '' : `${slackDialect.mention(event.actorId)} · `;
  return `${who}${describeEvent(draftLine(event, severities, null), t.postmortem, slackDialect)}`;
}

/** `/incident stats`: counts by severity and the median and p90 of each duration, with how many incidents each is over. */
export function renderStats(stats: IncidentStats, periodMs: number, t: Catalog): SlackMessage {
  const s = t.draft.stats;
  const heading = s.heading(formatDuration(periodMs));
  if (stats.total === 0 && stats.declined === 0) return { text: `${heading}: ${s.none}`, blocks: [section(`*${heading}*\n${s.none}`)] };
  const bySeverity = stats.bySeverity.map((c) => `• ${c.label ?? s.noSeverity}: ${c.count}`).join('\n');
  const durations = stats.durations
    .map((d) => {
      const name = t.postmortem.durationNames[d.id];
      return d.medianMs === null || d.p90Ms === null ? `• ${s.noData(name)}` : `• ${s.line(name, signedDuration(d.medianMs), signedDuration(d.p90Ms), d.count)}`;
    })
    .join('\n');
  return {
    text: `${heading}: ${s.total(stats.total, stats.declined)}`,
    blocks: [
      section(`*${heading}*\n${s.total(stats.total, stats.declined)}`),
      section(`*${s.bySeverity}*\n${bySeverity}`),
      section(`*${s.durations}*\n${durations}`),
      context(durationDefinitions(t.postmortem)),
    ],
  };
}
