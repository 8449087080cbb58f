import { formatDuration } from '../../domain/duration.js';
import { incidentRef, type Incident } from '../../domain/incident.js';
import { escapeText } from '../../domain/slack-text.js';
import type { Severity } from '../../domain/severity.js';
import type { Catalog } from '../../i18n/index.js';
import { safe, section, user, type Block } from './format.js';
import { renderSummaryCard, severityLabel } from './summary-card.js';

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
