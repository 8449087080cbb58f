import type { AlertExplanation } from '../../app/explain-alert.js';
import { formatDuration } from '../../domain/duration.js';
import type { MessageKind } from '../../domain/triage/alert.js';
import { context, safe, section, slackDate, type Block } from './format.js';

const KIND_WORDS: Record<MessageKind, string> = {
  alert: "a tool's alert",
  notice: "a tool's non-alert post",
  person: "a person's message",
};

/** `/incident triage explain`: what the message was read as and why, the grouping and the rule, in the record's words. */
export function renderAlertExplanation(explanation: AlertExplanation): { text: string; blocks: Block[] } {
  const { alert, group } = explanation;
  const p = alert.parsed;
  const labels = Object.entries(p.labels).map(([k, v]) => `${k}=${v}`).join(', ') || '—';
  const history = [
    alert.revisedAt ? `edited ${slackDate(alert.revisedAt)} (read as edited)` : '',
    alert.deletedAt ? `deleted ${slackDate(alert.deletedAt)}: kept in the record, not counted` : '',
  ].filter((line) => line !== '');
  const parsed = [
    `*Parsed as ${safe(p.source, 40)}*: ${KIND_WORDS[p.kind]}, ${p.status}${p.status === 'info' ? '' : `, ${p.count} instance${p.count === 1 ? '' : 's'}`}`,
    `*Why*: ${safe(p.reason || 'stored before reasons were recorded', 300)}`,
    `name: ${safe(p.name, 200)} · severity: ${safe(p.severity ?? '—', 40)} · service: ${safe(p.service ?? '—', 100)}${p.subject ? ` · subject: ${safe(p.subject, 200)}` : ''}`,
    `summary: ${safe(p.summary, 500)}`,
    `labels: ${safe(labels, 1_000)}`,
    ...history,
  ].join('\n');
  const blocks: Block[] = [section(parsed)];
  if (group) {
    const fields = Object.entries(group.fields).map(([k, v]) => `${k}=${v === '' ? '∅' : v}`).join(', ');
    const rule = group.ruleIndex === null ? 'no rule matched: suggest (the default)' : `rule #${group.ruleIndex + 1}: ${group.action}${group.suggestedSeverity ? ` as ${group.suggestedSeverity}` : ''}`;
    const window = formatDuration(explanation.groupWindowMs);
    const recovers = p.status === 'resolved' && p.subject !== null && group.subject !== null && group.fields['alertname'] !== p.name.trim().toLowerCase();
    const joined =
      group.threadTs === alert.messageTs
        ? `opened it; later alerts join when they have the same ${safe(fields, 1_000)} within ${window}`
        : recovers
          ? `recovers it: the same ${safe(p.source, 40)} subject "${safe(p.subject ?? '', 200)}"`
          : `has the same ${safe(fields, 1_000)} as an alert seen within ${window}`;
    blocks.push(
      section(
        [
          `*Grouped into group ${group.id}* (thread <https://slack.com/app_redirect?channel=${group.channelId}&message_ts=${group.threadTs}|of its first alert>)`,
          `because it ${joined}`,
          `*Rule*: ${safe(rule, 300)}`,
          `*Group now*: ${group.counts.status}, ${group.counts.firing} firing, ${group.counts.alertCount} alert messages`,
        ].join('\n'),
      ),
    );
  } else {
    const why = p.status === 'info' ? 'it says nothing is wrong, so it opens no group and gets no reply' : p.status === 'resolved' ? 'nothing of the same fingerprint or subject was open to resolve' : 'its group is gone';
    blocks.push(context(`Not grouped: ${why}. It is stored and replayable.`));
  }
  return { text: `Parsed as ${p.source}: ${p.name}`, blocks };
}
