/**
 * Sentry's metric alert notifications, in each layout Sentry has used: the linked `Critical: rule name` (or
 * `Warning:`, `Resolved:`) as the top-level text with the metric in an attachment's block (`5000 events in the last
 * 10 minutes`, `<!date^…^Started: … | Sentry Incident>`); the link and metric together in the attachment's one block
 * section; or, before Block Kit, a legacy attachment titled `Critical: …`, linked to the rule, footer "Sentry Incident".
 * The rule link (`/alerts/rules/details/<id>/?alert=<n>`) is Sentry's on sentry.io and self-hosted alike.
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

/**
 * A self-hosted Sentry has its own host; its referrer, the incident query (`?alert=<n>` on an organization's rule),
 * the "Sentry Incident" footer or the bot's name still say the link is Sentry's.
 */
const isSentryRuleLink = (view: MessageView, url: string): boolean =>
  SENTRY_HOST.test(url) ||
  /[?&]referrer=metric_alert_slack\b/.test(url) ||
  /\/organizations\/[^/\s]+\/alerts\/rules\/details\/\d+\/\?(?:[^#\s]*&)?alert=\d+/.test(url) ||
  /sentry/i.test(view.username) ||
  view.attachments.some((a) => /^Sentry Incident$/i.test(a.footer.trim()));

function findRuleLink(view: MessageView): RuleLink | null {
  const lines = [view.text, ...view.blockLines, ...view.attachments.flatMap((a) => [a.pretext, a.text, ...a.blockLines])];
  const links = [...lines.flatMap(slackLinks), ...view.attachments.filter((a) => a.titleLink !== '').map((a) => ({ url: a.titleLink, label: a.title }))];
  for (const link of links) {
    const rule = RULE_URL.exec(link.url);
    const title = STATUS_TITLE.exec(stripEmphasis(plainText(link.label)).trim());
    if (rule?.[1] && title?.[1] && title[2] && isSentryRuleLink(view, link.url)) {
      return { url: link.url, ruleId: rule[1], status: title[1].toLowerCase(), name: title[2] };
    }
  }
  return null;
}

/**
 * The metric line of the attachment (`5000 events in the last 10 minutes`), not the `<!date^…>` line under it nor the
 * rule link above it in the one-section layout.
 */
function metricText(view: MessageView, rule: RuleLink): string {
  const body = view.attachments.flatMap((a) => [...a.blockLines, a.text]).join('\n');
  const lines = body.split('\n').filter((line) => !line.includes(rule.url.replace(/&/g, '&amp;')) && !line.includes(rule.url));
  return firstMeaningfulLine(lines.join('\n').replace(/^\s*<!date\^[^\n]*$/gm, ''));
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
    summary: metricText(view, rule) || `${rule.status}: ${rule.name}`,
    labels: { alert_rule_id: rule.ruleId, status: rule.status },
    // A metric alert is one incident of its rule: resolved means the whole of it.
    count: resolved ? 0 : 1,
    countIsTotal: resolved,
    link: rule.url,
    subject: `alert rule ${rule.ruleId}`,
    reason: `Sentry metric alert "${rule.status}:" title`,
  });
}
