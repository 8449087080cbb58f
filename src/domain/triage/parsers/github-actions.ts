/**
 * GitHub Actions results posted by the common Slack notifiers, read from their own source:
 * - rtCamp/action-slack-notify (main.go, main.sh): username `rtBot` by default, one attachment coloured by
 *   SLACK_COLOR (`success` → good, `failure` → danger, `cancelled` → #808080), author = the actor, fields `Ref`,
 *   `Event`, `Actions URL` (`<…/<owner>/<repo>/commit/<sha>/checks|<workflow>>`), `Commit`, then the message under
 *   SLACK_TITLE, footer "Powered By rtCamp's GitHub Actions Library | Triggered on this workflow run";
 * - 8398a7/action-slack (src/client.ts, src/fields.ts): text ":no_entry: Failed GitHub Actions" / ":white_check_mark:
 *   Succeeded GitHub Actions" / ":warning: Cancelled GitHub Actions", one attachment (danger / good / warning, author
 *   `8398a7@action-slack`) whose fields are the chosen of repo, message, commit, author, action, job, took,
 *   eventName, ref, workflow, workflowRun, pullRequest;
 * - slackapi/slack-github-action's documented payload (docs/sending-data-slack-incoming-webhook.md): "GitHub Action
 *   build result: <job.status>" and the commit or pull request URL.
 * A failure is an alert; a success is not, and clears the same workflow's failure on the same ref.
 */
import type { AlertParser, AlertStatus, MessageKind, ParsedAlert } from '../alert.js';
import { fieldValue, type MessageView } from './message-view.js';
import { normaliseAlert } from './normalise-alert.js';
import { allUrls, plainText, slackLinks, stripEmoji, stripEmphasis } from './slack-markup.js';

type Outcome = 'success' | 'failure' | 'cancelled' | 'other';

const REPO_URL = /^https?:\/\/[^/\s]+\/([\w.-]+\/[\w.-]+)\/(?:commit|actions|pull|runs|tree)\b/;
const ACTION_SLACK_TEXT = /\b(Succeeded|Failed|Cancelled) GitHub Actions\b/i;
const BUILD_RESULT = /GitHub Action build result\s*:?\s*(success|failure|cancelled)\b/i;
const RTCAMP_FOOTER = /github-actions-library|rtCamp/i;

const OUTCOMES: Readonly<Record<Outcome, { kind: MessageKind; status: AlertStatus; word: string }>> = {
  failure: { kind: 'alert', status: 'firing', word: 'failed' },
  success: { kind: 'notice', status: 'resolved', word: 'succeeded' },
  cancelled: { kind: 'notice', status: 'info', word: 'cancelled' },
  other: { kind: 'notice', status: 'info', word: 'notification' },
};

function outcomeOfColour(colour: string): Outcome {
  if (colour === 'danger') return 'failure';
  if (colour === 'good') return 'success';
  if (colour === '#808080' || colour === 'warning') return 'cancelled';
  return 'other';
}

interface Run {
  readonly notifier: string;
  readonly outcome: Outcome;
  readonly workflow: string | null;
  readonly ref: string | null;
  readonly repo: string | null;
  readonly link: string | null;
}

/** The `<url|label>` of a field, as link and label. */
function linkField(view: MessageView, title: RegExp): { url: string; label: string } | null {
  return slackLinks(fieldValue(view, title) ?? '')[0] ?? null;
}

function readRun(view: MessageView): Run | null {
  const attachment = view.attachments[0];
  const urls = allUrls(view.fullText);
  const repo = urls.map((u) => REPO_URL.exec(u)?.[1]).find((r) => r !== undefined) ?? null;
  const text = stripEmphasis(plainText(view.text));
  const ref = fieldValue(view, /^ref$/i)?.trim() || null;
  const actionSlack = ACTION_SLACK_TEXT.exec(text);
  if (actionSlack?.[1] || attachment?.authorName === '8398a7@action-slack') {
    const word = (actionSlack?.[1] ?? '').toLowerCase();
    const outcome: Outcome = word === 'failed' ? 'failure' : word === 'succeeded' ? 'success' : word === 'cancelled' ? 'cancelled' : outcomeOfColour(attachment?.color ?? '');
    const workflow = linkField(view, /^workflow(?:Run)?$/) ?? null;
    const job = linkField(view, /^job$/);
    return { notifier: '8398a7/action-slack', outcome, workflow: workflow?.label ?? job?.label ?? null, ref, repo, link: workflow?.url ?? job?.url ?? urls[0] ?? null };
  }
  const build = BUILD_RESULT.exec(stripEmoji(text)) ?? view.blockLines.map((l) => BUILD_RESULT.exec(stripEmphasis(plainText(l)))).find((m) => m !== null);
  if (build?.[1]) {
    return { notifier: 'slack-github-action', outcome: build[1].toLowerCase() as Outcome, workflow: 'GitHub Action build', ref: null, repo, link: urls[0] ?? null };
  }
  const actions = linkField(view, /^Actions URL$/);
  if (attachment && (actions || RTCAMP_FOOTER.test(attachment.footer) || /^rtBot$/i.test(view.username))) {
    const run = slackLinks(attachment.footer).find((l) => /\/actions\/runs\//.test(l.url));
    return { notifier: 'rtCamp/action-slack-notify', outcome: outcomeOfColour(attachment.color), workflow: actions?.label ?? null, ref, repo, link: run?.url ?? actions?.url ?? null };
  }
  return null;
}

function parseGitHubActions(view: MessageView): ParsedAlert | null {
  const run = readRun(view);
  if (!run) return null;
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
    service: run.repo,
    // The same workflow on the same branch: its next success clears the failure.
    subject: [run.repo ?? '', workflow, branch ?? ''].filter((part) => part !== '').join(' '),
    summary: [`${workflow} ${outcome.word}`, run.repo ? `in ${run.repo}` : '', branch ? `on ${branch}` : '', message ? `— ${plainText(message).split('\n')[0] ?? ''}` : ''].filter((p) => p !== '').join(' '),
    labels: { notifier: run.notifier, ...(run.ref ? { ref: run.ref } : {}), ...(run.repo ? { repository: run.repo } : {}) },
    count: firing ? 1 : 0,
    countIsTotal: !firing,
    link: run.link,
    reason: `GitHub Actions result via ${run.notifier}: ${run.outcome}${firing ? '' : ' (not an alert)'}`,
  });
}

export const githubActionsParser: AlertParser = {
  source: 'github-actions',
  detect: (view) =>
    /GitHub Actions?\b|github-actions-library|8398a7@action-slack/i.test(view.fullText) ||
    /^rtBot$/i.test(view.username) ||
    view.attachments.some((a) => a.fields.some((f) => f.title === 'Actions URL')),
  parse: parseGitHubActions,
};
