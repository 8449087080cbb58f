import type { AlertInstance } from '../../app/alert-instance-ports.js';
import type { GroupExplanation } from '../../app/explain-group.js';
import { incidentRef } from '../../domain/incident.js';
import type { Catalog } from '../../i18n/index.js';
import { groupingKeyText, ruleLine } from './alert-explanation.js';
import { toolName } from './alert-instances.js';
import { safe, section, slackDate, type Block } from './format.js';
import { sloSection } from './slo-lines.js';

/** One instance: its status, the labels that are not the grouping key's, and when it fired (and ended). */
function instanceLine(instance: AlertInstance, keyLabels: ReadonlySet<string>, t: Catalog): string {
  const own = Object.entries(instance.alert.labels).filter(([key]) => !keyLabels.has(key));
  const labels = own.length === 0 ? t.explain.group.noLabels : `\`${safe(own.map(([k, v]) => `${k}=${v}`).join(' '), 200)}\``;
  const { startsAt, endsAt } = instance.alert;
  if (instance.status === 'firing') return startsAt ? t.explain.group.firingSince(labels, slackDate(startsAt)) : t.explain.group.firingUnknownStart(labels);
  return t.explain.group.resolvedSpan(labels, slackDate(startsAt ?? instance.firstSeenAt), slackDate(endsAt ?? instance.lastSeenAt));
}

function severityLine(explanation: GroupExplanation, t: Catalog): string {
  const { group, severity, slo } = explanation;
  const words = t.explain.group;
  switch (severity.from) {
    case 'label':
      return words.severityLabel(safe(group.first.severity ?? '', 40), severity.label);
    case 'slo': {
      const suggestion = slo?.report.view.suggestion;
      const id = suggestion?.kind === 'declare' ? suggestion.severity : '';
      return words.severitySlo(safe(slo?.severities.find((s) => s.id === id)?.label ?? id, 40));
    }
    case 'rule':
      return words.severityRule(safe(group.suggestedSeverity ?? '', 40));
    case 'alerts':
      return words.severityAlerts(safe(group.first.severity ?? '', 40));
    case 'none':
      return words.severityNone;
  }
}

/**
 * `/incident triage explain` on the bot's own message of a group of webhook instances: where they came from, how they
 * grouped, the newest of them, the severity and its origin, the rule, and the incident (named only when visible).
 */
export function renderGroupExplanation(explanation: GroupExplanation, t: Catalog): { text: string; blocks: Block[] } {
  const { group, sources } = explanation;
  const words = t.explain.group;
  const kind = safe(group.first.source, 40);
  const message = group.replyTs ? `<https://slack.com/app_redirect?channel=${group.channelId}&message_ts=${group.replyTs}|${words.messageLink}>` : words.messageLink;
  const keyLabels = Object.keys(group.fields).filter((key) => key !== 'source');
  const origin = sources.length === 0 ? words.sourceGone(kind) : words.source(sources.map((s) => `\`${safe(s.name, 60)}\``).join(', '), kind);
  const about = [words.heading(group.id, safe(group.first.name, 200), message), origin, words.groupedBy(groupingKeyText(group.fields), safe(keyLabels.join(', ') || '—', 300))];

  const { firing, alertCount } = group.counts;
  const instances = [words.instances(alertCount, firing, Math.max(0, alertCount - firing))];
  if (group.truncatedAlerts > 0) instances.push(t.triage.truncated(group.truncatedAlerts, safe(toolName(group.first.source), 40)));
  if (explanation.newest.length > 0) instances.push(words.newest(explanation.newest.length), ...explanation.newest.map((i) => instanceLine(i, new Set(keyLabels), t)));

  const ruled = [severityLine(explanation, t), ruleLine(group, t)];
  const { incident } = explanation;
  if (incident === 'private') ruled.push(t.triage.declaredPrivately);
  else if (incident) ruled.push(t.triage.declared(incidentRef(incident.number), incident.channelId ? `<#${incident.channelId}>` : ''));

  const blocks: Block[] = [section(about.join('\n')), section(instances.join('\n')), section(ruled.join('\n'))];
  if (explanation.slo) blocks.push(sloSection({ ...explanation.slo, timeoutMs: 0 }, t));
  return { text: words.fallback(group.id, safe(group.first.name, 200), kind), blocks };
}
