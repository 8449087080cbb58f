/**
 * GitHub Actions results posted by the common Slack notifiers (see github-actions-notifiers.ts for each one's format).
 * A failure is an alert; a success is not, and clears the same workflow's failure on the same ref; a cancelled or
 * skipped run is an info post.
 */
import type { AlertParser, AlertStatus, MessageKind, ParsedAlert } from '../alert.js';
import { ravsamTitled, readRun, RUN_URL, type Outcome } from './github-actions-notifiers.js';
import { fieldValue, type MessageView } from './message-view.js';
import { normaliseAlert } from './normalise-alert.js';
import { allUrls, plainText } from './slack-markup.js';

const REPO_URL = /^https?:\/\/[^/\s]+\/([\w.-]+\/[\w.-]+)\/(?:commit|actions|pull|runs|tree)\b/;

const OUTCOMES: Readonly<Record<Outcome, { kind: MessageKind; status: AlertStatus; word: string }>> = {
  failure: { kind: 'alert', status: 'firing', word: 'failed' },
  success: { kind: 'notice', status: 'resolved', word: 'succeeded' },
  cancelled: { kind: 'notice', status: 'info', word: 'cancelled' },
  other: { kind: 'notice', status: 'info', word: 'notification' },
};

function parseGitHubActions(view: MessageView): ParsedAlert | null {
  const run = readRun(view);
  if (!run) return null;
  const repo = allUrls(view.fullText).map((u) => REPO_URL.exec(u)?.[1]).find((r) => r !== undefined) ?? null;
  const outcome = OUTCOMES[run.outcome];
  const workflow = run.workflow ?? 'GitHub Actions';
  const branch = run.ref?.replace(/^refs\/(?:heads|tags)\//, '') ?? null;
  const message = fieldValue(view, /^(?:Message|message)$/) ?? '';
  const firing = outcome.status === 'firing';
  return normaliseAlert({
    source: 'github-actions',
    kind: outcome.kind,
    status: outcome.status,
    name: `${workflow} ${outcome.word}`,
    // A workflow run fails or succeeds: GitHub gives it no severity.
    severity: null,
    service: repo,
    // The same workflow on the same branch: its next success clears the failure.
    subject: [repo ?? '', workflow, branch ?? ''].filter((part) => part !== '').join(' '),
    summary: [`${workflow} ${outcome.word}`, repo ? `in ${repo}` : '', branch ? `on ${branch}` : '', message ? `— ${plainText(message).split('\n')[0] ?? ''}` : ''].filter((p) => p !== '').join(' '),
    labels: { notifier: run.notifier, ...(run.ref ? { ref: run.ref } : {}), ...(repo ? { repository: repo } : {}) },
    count: firing ? 1 : 0,
    countIsTotal: !firing,
    link: run.link,
    reason: `GitHub Actions result via ${run.notifier}: ${run.outcome}${firing ? '' : ' (not an alert)'}`,
  });
}

export const githubActionsParser: AlertParser = {
  source: 'github-actions',
  detect: (view) =>
    /GitHub Actions?\b|github-actions-library|8398a7@action-slack|\[GitHub\]: \[/i.test(view.fullText) ||
    ravsamTitled(view) ||
    RUN_URL.test(view.fullText) ||
    /^rtBot$/i.test(view.username) ||
    view.attachments.some((a) => a.fields.some((f) => f.title === 'Actions URL')),
  parse: parseGitHubActions,
};
