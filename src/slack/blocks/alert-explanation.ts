import type { AlertExplanation } from '../../app/explain-alert.js';
import type { AlertGroup } from '../../app/triage-ports.js';
import { formatDuration } from '../../domain/duration.js';
import type { Alert } from '../../domain/alerts/alert.js';
import { isOpenStatus } from '../../domain/triage/alert.js';
import type { Catalog } from '../../i18n/index.js';
import { context, safe, section, slackDate, type Block } from './format.js';

/**
 * Read as "not an alert" (a tool's info or success post, a person's talk or question): the reason names the signal
 * that decided it, and the hint says how a rule can change that when the bot was wrong.
 */
function quietLines(p: Alert, t: Catalog): string[] {
  const reason = safe(p.reason || t.explain.noReason, 300);
  if (p.kind === 'alert' || isOpenStatus(p.status)) return [t.explain.why(reason)];
  const hint = p.kind === 'notice' && p.status === 'info' ? t.explain.ruleForTool(safe(p.source, 40)) : p.kind === 'person' && p.status === 'info' ? t.explain.ruleForPerson : null;
  return [t.explain.notAnAlert(reason), ...(hint ? [hint] : [])];
}

/** A group's grouping key as the reply shows it: `source=alertmanager, alertname=highlatency, service=∅`. */
export const groupingKeyText = (fields: Readonly<Record<string, string>>): string => safe(Object.entries(fields).map(([k, v]) => `${k}=${v === '' ? '∅' : v}`).join(', '), 1_000);

/** The rule that matched the group, or that none did. */
export const ruleLine = (group: Pick<AlertGroup, 'ruleIndex' | 'action' | 'suggestedSeverity'>, t: Catalog): string =>
  group.ruleIndex === null ? t.explain.noRule : t.explain.rule(group.ruleIndex + 1, group.action, group.suggestedSeverity ?? '');

/** `/incident triage explain`: what the message was read as and why, the grouping and the rule, in the record's words. */
export function renderAlertExplanation(explanation: AlertExplanation, t: Catalog): { text: string; blocks: Block[] } {
  const { alert, group } = explanation;
  const p = alert.parsed;
  const labels = Object.entries(p.labels).map(([k, v]) => `${k}=${v}`).join(', ') || '—';
  const history = [alert.revisedAt ? t.explain.edited(slackDate(alert.revisedAt)) : '', alert.deletedAt ? t.explain.deleted(slackDate(alert.deletedAt)) : ''].filter((line) => line !== '');
  const parsed = [
    `${t.explain.parsedAs(safe(p.source, 40), t.explain.kind[p.kind], p.status)}${p.status === 'info' ? '' : `, ${t.explain.instances(p.count)}`}`,
    ...quietLines(p, t),
    `${t.explain.fields(safe(p.name, 200), safe(p.severity ?? '—', 40), safe(p.service ?? '—', 100))}${p.subject ? t.explain.subject(safe(p.subject, 200)) : ''}`,
    t.explain.summary(safe(p.summary, 500)),
    t.explain.labels(safe(labels, 1_000)),
    ...history,
  ].join('\n');
  const blocks: Block[] = [section(parsed)];
  if (group) {
    const fields = groupingKeyText(group.fields);
    const rule = ruleLine(group, t);
    const window = formatDuration(explanation.groupWindowMs);
    const recovers = p.status === 'resolved' && p.subject !== null && group.subject !== null && group.fields['alertname'] !== p.name.trim().toLowerCase();
    const joined =
      group.threadTs === alert.messageTs
        ? t.explain.opened(fields, window)
        : recovers
          ? t.explain.recovers(safe(p.source, 40), safe(p.subject ?? '', 200))
          : t.explain.joined(fields, window);
    const thread = `<https://slack.com/app_redirect?channel=${group.channelId}&message_ts=${group.threadTs}|${t.explain.threadLink}>`;
    blocks.push(section([t.explain.grouped(group.id, thread), joined, rule, t.explain.groupNow(group.counts.status, group.counts.firing, group.counts.alertCount)].join('\n')));
  } else {
    blocks.push(context(p.status === 'info' ? t.explain.notGroupedQuiet : p.status === 'resolved' ? t.explain.notGroupedRecovery : t.explain.notGroupedGone));
  }
  return { text: t.explain.fallback(safe(p.source, 40), safe(p.name, 200)), blocks };
}
