/**
 * Sentry's metric alert notifications: text `<…/alerts/rules/details/48213/?alert=912&referrer=metric_alert_slack|
 * *Critical: rule name*>` (or `Warning:`, `Resolved:`) and one attachment, coloured by status, whose block says
 * `5000 events in the last 10 minutes` and `<!date^…^Started: … | Sentry Incident>`.
 */
import type { ParsedAlert } from '../alert.js';
import type { MessageView } from './message-view.js';
import { normaliseAlert } from './normalise-alert.js';
import { firstMeaningfulLine, plainText, slackLinks, stripEmphasis } from './slack-markup.js';

const RULE_URL = /^https?:\/\/[^\s/]+\/(?:organizations\/[^/\s]+\/)?alerts\/rules\/details\/(\d{1,20})\//i;
const SENTRY_HOST = /^https?:\/\/(?:[\w-]+\.)*sentry\.io\//i;
const STATUS_TITLE = /^(Critical|Warning|Resolved):\s*(.+)$/i;

interface RuleLink {
  readonly url: string;
  readonly ruleId: string;
  readonly status: string;
  readonly name: string;
}

function findRuleLink(view: MessageView): RuleLink | null {
  const lines = [view.text, ...view.blockLines, ...view.attachments.flatMap((a) => [a.pretext, a.text, ...a.blockLines])];
  for (const link of lines.flatMap(slackLinks)) {
    const rule = RULE_URL.exec(link.url);
    const title = STATUS_TITLE.exec(stripEmphasis(plainText(link.label)).trim());
    // A self-hosted Sentry has its own host; its referrer (or the bot's name) still says the link is Sentry's.
    const sentry = SENTRY_HOST.test(link.url) || /[?&]referrer=metric_alert_slack\b/.test(link.url) || /sentry/i.test(view.username);
    if (rule?.[1] && title?.[1] && title[2] && sentry) {
      return { url: link.url, ruleId: rule[1], status: title[1].toLowerCase(), name: title[2] };
    }
  }
  return null;
}

/** The metric line of the attachment (`5000 events in the last 10 minutes`), not the `<!date^…>` line under it. */
function metricText(view: MessageView): string {
  const body = view.attachments.flatMap((a) => [...a.blockLines, a.text]).join('\n');
  return firstMeaningfulLine(body.replace(/^\s*<!date\^[^\n]*$/gm, ''));
}

export function readSentryMetricAlert(view: MessageView): ParsedAlert | null {
  const rule = findRuleLink(view);
  if (!rule) return null;
  const resolved = rule.status === 'resolved';
  return normaliseAlert({
    source: 'sentry',
    status: resolved ? 'resolved' : 'firing',
    name: rule.name,
    // Critical and Warning are the rule's trigger levels; a resolution says none.
    severity: resolved ? null : rule.status,
    service: null,
    summary: metricText(view) || `${rule.status}: ${rule.name}`,
    labels: { alert_rule_id: rule.ruleId, status: rule.status },
    // A metric alert is one incident of its rule: resolved means the whole of it.
    count: resolved ? 0 : 1,
    countIsTotal: resolved,
    link: rule.url,
    subject: `alert rule ${rule.ruleId}`,
    reason: `Sentry metric alert "${rule.status}:" title`,
  });
}
