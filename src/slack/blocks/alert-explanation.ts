import type { AlertExplanation } from '../../app/explain-alert.js';
import { formatDuration } from '../../domain/duration.js';
import { context, safe, section, type Block } from './format.js';

/** `/incident triage explain`: the parse, the grouping and the rule, in the words of the record. */
export function renderAlertExplanation(explanation: AlertExplanation): { text: string; blocks: Block[] } {
  const { alert, group } = explanation;
  const p = alert.parsed;
  const labels = Object.entries(p.labels).map(([k, v]) => `${k}=${v}`).join(', ') || '—';
  const parsed = [
    `*Parsed as ${safe(p.source, 40)}*: ${p.status}, ${p.count} instance${p.count === 1 ? '' : 's'}`,
    `name: ${safe(p.name, 200)} · severity: ${safe(p.severity ?? '—', 40)} · service: ${safe(p.service ?? '—', 100)}`,
    `summary: ${safe(p.summary, 500)}`,
    `labels: ${safe(labels, 1_000)}`,
  ].join('\n');
  const blocks: Block[] = [section(parsed)];
  if (group) {
    const fields = Object.entries(group.fields).map(([k, v]) => `${k}=${v === '' ? '∅' : v}`).join(', ');
    const rule = group.ruleIndex === null ? 'no rule matched: suggest (the default)' : `rule #${group.ruleIndex + 1}: ${group.action}${group.suggestedSeverity ? ` as ${group.suggestedSeverity}` : ''}`;
    blocks.push(
      section(
        [
          `*Grouped into group ${group.id}* (thread <https://slack.com/app_redirect?channel=${group.channelId}&message_ts=${group.threadTs}|of its first alert>)`,
          `because it has the same ${safe(fields, 1_000)} as an alert seen within ${formatDuration(explanation.groupWindowMs)}`,
          `*Rule*: ${safe(rule, 300)}`,
          `*Group now*: ${group.counts.status}, ${group.counts.firing} firing, ${group.counts.alertCount} alert messages`,
        ].join('\n'),
      ),
    );
  } else blocks.push(context('Not grouped.'));
  return { text: `Parsed as ${p.source}: ${p.name}`, blocks };
}
