/**
 * Sentry's Slack integration issue alerts: Block Kit (`:red_circle: <…/issues/123/?referrer=slack|*Title*>`, culprit,
 * tags `level: \`error\``, `Project: <…|slug>` context, block ids `{"issue":123}`, "*Issue resolved by <@U…>*" after an
 * action) and the older attachment form (issue title linking to the issue, level colour, `[project] title` fallback);
 * metric alerts (`Critical: …` / `Resolved: …`) are read by sentry-metric-alert.ts.
 */
import { z } from 'zod';
import type { AlertParser, ParsedAlert } from '../alert.js';
import { fieldValue, type MessageView } from './message-view.js';
import { normaliseAlert } from './normalise-alert.js';
import { readSentryMetricAlert } from './sentry-metric-alert.js';
import { plainText, slackLinks, stripEmphasis } from './slack-markup.js';

/**
 * Issue links of sentry.io and self-hosted Sentry alike, in the organization form and the older `<org>/<project>/`
 * form of the webhook plugin; the host alone does not make a message Sentry's.
 */
const ISSUE_URL = /^https?:\/\/[^\s/]+\/(?:organizations\/[^/\s]+\/|[\w.-]+\/[\w.-]+\/)?issues\/\d+/i;
const SENTRY_HOST = /^https?:\/\/(?:[\w-]+\.)*sentry\.io\//i;
const TAG = /([A-Za-z][\w.:-]{0,60}):\s*`([^`\n]{0,300})`/g;
const ACTION_TEXT = /\bIssue (resolved|archived|ignored|unresolved|marked as ongoing|assigned)\b/i;
/** Sentry's LEVEL_TO_EMOJI: red is error or fatal (error is the common case), yellow warning, blue info. */
const EMOJI_LEVEL: Readonly<Record<string, string>> = {
  ':red_circle:': 'error',
  ':large_yellow_circle:': 'warning',
  ':large_blue_circle:': 'info',
  ':bug:': 'debug',
};
/** Sentry's legacy attachment colours by level (the app's, then the webhook plugin's #f43f20 / #f18500). */
const COLOUR_LEVEL: Readonly<Record<string, string>> = {
  '#d20f2a': 'fatal',
  '#e03e2f': 'error',
  '#f43f20': 'error',
  '#f18500': 'warning',
  '#ffc227': 'warning',
  '#2788ce': 'info',
  '#fbe14f': 'debug',
};

const issueBlockId = z.object({ issue: z.union([z.number(), z.string()]) });

function hasIssueBlockId(view: MessageView): boolean {
  return view.blockIds.some((id) => {
    try {
      return issueBlockId.safeParse(JSON.parse(id)).success;
    } catch {
      return false;
    }
  });
}

interface IssueTitle {
  readonly title: string;
  readonly url: string;
  readonly line: string;
}

/**
 * Block Kit titles error issues by exception type alone (`TypeError`, `KeyError`); the quoted value after it completes
 * the issue title. Other issue types are titled in words ("N+1 Query", "Slow DB Query"): the quoted text under them is
 * the offending span, not part of the name.
 */
function withQuotedValue(title: string, lines: readonly string[]): string {
  const plain = stripEmphasis(plainText(title)).trim();
  if (!/^[\w.$]+$/.test(plain)) return plain;
  const quoted = lines.find((line) => line.trim().startsWith('```'));
  const value = quoted ? plainText(quoted).replace(/`/g, '').trim().split('\n')[0] : '';
  return value && !plain.includes(value) ? `${plain}: ${value}` : plain;
}

function findIssueTitle(view: MessageView): IssueTitle | null {
  const lines = [...view.blockLines, ...view.attachments.flatMap((a) => a.blockLines)];
  for (const line of lines) {
    const link = slackLinks(line).find((l) => ISSUE_URL.test(l.url));
    if (link) return { title: withQuotedValue(link.label, lines), url: link.url, line };
  }
  for (const attachment of view.attachments) {
    if (ISSUE_URL.test(attachment.titleLink) && attachment.title.trim() !== '') {
      return { title: attachment.title, url: attachment.titleLink, line: attachment.title };
    }
  }
  return null;
}

function projectOf(view: MessageView): string | null {
  // The webhook plugin's Project field holds the full name, "<org> / <project>".
  const field = fieldValue(view, /^Project$/)?.split(' / ').at(-1)?.trim();
  if (field) return field;
  const context = /Project:\s*(<[^>]+>|\S+)/.exec(view.fullText)?.[1];
  if (context) return plainText(context);
  const bracketed = /^\[([\w.-]{1,100})\]\s/.exec(view.text.trim()) ?? /^\[([\w.-]{1,100})\]\s/.exec(view.attachments[0]?.fallback ?? '');
  if (bracketed?.[1]) return bracketed[1];
  const footer = /^([\w.-]{1,100})\s*\|/.exec(view.attachments[0]?.footer ?? '');
  return footer?.[1] ?? null;
}

function levelOf(view: MessageView, titleLine: string, tags: Readonly<Record<string, string>>): string | null {
  if (tags['level']) return tags['level'];
  const emoji = /^\s*(:[a-z_]+:)/.exec(titleLine)?.[1];
  if (emoji && EMOJI_LEVEL[emoji]) return EMOJI_LEVEL[emoji];
  for (const attachment of view.attachments) {
    const level = COLOUR_LEVEL[attachment.color];
    if (level) return level;
  }
  return null;
}

function parseSentry(view: MessageView): ParsedAlert | null {
  const metricAlert = readSentryMetricAlert(view);
  if (metricAlert) return metricAlert;
  const issue = findIssueTitle(view);
  const looksSentry =
    hasIssueBlockId(view) || (issue !== null && SENTRY_HOST.test(issue.url)) || (issue !== null && /sentry/i.test(view.username));
  if (!issue || !looksSentry) return null;
  const tags = Object.fromEntries([...view.fullText.matchAll(TAG)].map((m) => [m[1] ?? '', plainText(m[2] ?? '')]));
  const project = projectOf(view);
  const action = ACTION_TEXT.exec(stripEmphasis(plainText(view.fullText)))?.[1]?.toLowerCase() ?? null;
  // Archived (formerly "ignored") issues are treated as resolved: nobody is expected to act on them any more.
  const resolved = action === 'resolved' || action === 'archived' || action === 'ignored';
  const topText = view.text.trim();
  const issueId = /\/issues\/(\d{1,20})/.exec(issue.url)?.[1] ?? null;
  return normaliseAlert({
    source: 'sentry',
    status: resolved ? 'resolved' : 'firing',
    name: issue.title,
    severity: levelOf(view, issue.line, tags),
    service: project,
    summary: topText.startsWith('[') ? topText : issue.title,
    labels: { ...tags, ...(project ? { project } : {}), ...(action ? { action } : {}) },
    // One message per issue; a resolution or archive covers the whole issue.
    count: resolved ? 0 : 1,
    countIsTotal: resolved,
    link: issue.url,
    subject: issueId ? `issue ${issueId}` : null,
    reason: action ? `Sentry issue alert, marked "Issue ${action}"` : 'Sentry issue alert',
  });
}

/**
 * Sentry's bot name, a sentry.io link, the metric alert referrer or rule link with its incident (`?alert=<n>`), the
 * "Sentry Incident" footer, or Block Kit ids carrying the issue.
 */
const detectSentry = (view: MessageView): boolean =>
  /sentry/i.test(view.username) ||
  /sentry\.io\//i.test(view.fullText) ||
  /referrer=metric_alert_slack|\/organizations\/[^/\s]+\/alerts\/rules\/details\/\d+\/\?(?:[^\s|>]*&(?:amp;)?)?alert=\d+/.test(view.fullText) ||
  view.attachments.some((a) => /^Sentry Incident$/i.test(a.footer.trim())) ||
  view.blockIds.some((id) => id.includes('"issue"'));

export const sentryParser: AlertParser = { source: 'sentry', detect: detectSentry, parse: parseSentry };
