import { incidentRef, type Incident } from '../../domain/incident.js';
import { escapeText } from '../../domain/slack-text.js';
import type { Severity } from '../../domain/severity.js';
import type { Catalog } from '../../i18n/index.js';
import { context, section, user, type Block } from './format.js';
import { durationLine, severityLabel } from './summary-card.js';

/** One message per incident in the announce channel, edited in place as the incident moves. */
export function renderAnnouncement(incident: Incident, severities: readonly Severity[], now: Date, t: Catalog): { text: string; blocks: Block[] } {
  const ref = incidentRef(incident.number);
  const headline = t.announce.declared(ref, escapeText(incident.title));
  const summary = t.announce.summary(
    severityLabel(incident.severity, severities, t),
    t.status[incident.status],
    user(incident.commanderId, t.noCommander),
    incident.channelId ? `<#${incident.channelId}>` : '…',
  );
  const blocks: Block[] = [section(`*${headline}*\n${summary}`)];
  const durations = durationLine(incident, now, t);
  if (durations !== '') blocks.push(context(`⏱ ${durations}`));
  return { text: `${headline} · ${summary}`, blocks };
}
