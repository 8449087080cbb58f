import { incidentRef } from '../../domain/incident.js';
import type { OwnFollowUp } from '../../app/home/home-of.js';
import type { Catalog } from '../../i18n/index.js';
import { safe, section, type Block } from './format.js';

/** One follow-up of the reader's: its text, and the incident it came from. */
export function followUpLine({ followUp, incident }: OwnFollowUp): string {
  const where = incident.channelId ? ` · <#${incident.channelId}>` : '';
  return `• ${safe(followUp.text, 200)} — *${incidentRef(incident.number)}* ${safe(incident.title, 80)}${where}`;
}

/** `/incident followups`: the caller's open follow-ups, in one message within Slack's limits. */
export function renderFollowUpList(items: readonly OwnFollowUp[], t: Catalog): { text: string; blocks: Block[] } {
  const f = t.home.followUpList;
  if (items.length === 0) return { text: f.empty, blocks: [section(f.empty)] };
  // Ten lines a section keep each under Slack's 3,000 characters; 45 sections keep the message under its 50 blocks.
  const chunks: string[][] = [];
  for (let i = 0; i < Math.min(items.length, 450); i += 10) chunks.push(items.slice(i, i + 10).map(followUpLine));
  return { text: f.heading(items.length), blocks: [section(`*${f.heading(items.length)}*`), ...chunks.map((lines) => section(lines.join('\n')))] };
}
