/**
 * How each common Slack notifier for GitHub Actions says what a run did, read from its own source:
 * - rtCamp/action-slack-notify (main.go): username `rtBot`, attachment coloured by SLACK_COLOR (`failure` → danger,
 *   `cancelled` → #808080), fields `Ref`, `Event`, `Actions URL` (`<…/commit/<sha>/checks|<workflow>>`), footer
 *   "Powered By rtCamp's GitHub Actions Library | Triggered on this workflow run";
 * - 8398a7/action-slack (src/client.ts, src/fields.ts): text ":no_entry: Failed GitHub Actions" / "Succeeded" /
 *   "Cancelled", author `8398a7@action-slack`, fields repo, workflow, job, ref …;
 * - slackapi/slack-github-action's documented payload: "GitHub Action build result: <job.status>";
 * - ravsamhq/notify-slack-action (src/main.ts, action.yml; main.py in its Python releases): fallback and pretext
 *   "<workflow>: <job> has <passed|failed|cancelled|skipped|passed with warnings> on <ref>" by default, or the README
 *   example's "<workflow> has <status>" (its Python releases link only to the repository, not to the run);
 * - voxmedia/github-action-slack-notify-build (src/utils.js): fields `Action` (`<…/checks | workflow>`), `Status` (the
 *   step's input: FAILED, SUCCESS, STARTED …), `Branch` or `Pull Request`, `Event`;
 * - act10ns/slack (src/slack.ts): username "GitHub Action", fallback "[GitHub]: [<repo>] <workflow> <event> <status>";
 * - Gamesight/slack-workflow-status (src/main.ts): text "<Success|Failed|Cancelled>: <actor>'s `<event>` on
 *   `<branch>`\nWorkflow: <workflow> <run|#n> completed in `<duration>`".
 * Any other post linking to a workflow run or a commit's checks is read from its own signals (post-signals.ts).
 */
import { fieldValue, type MessageView } from './message-view.js';
import { readPostSignals } from './post-signals.js';
import { allUrls, plainText, slackLinks, stripEmoji, stripEmphasis } from './slack-markup.js';

export type Outcome = 'success' | 'failure' | 'cancelled' | 'other';

export interface Run {
  readonly notifier: string;
  readonly outcome: Outcome;
  readonly workflow: string | null;
  readonly ref: string | null;
  readonly link: string | null;
}

const ACTION_SLACK_TEXT = /\b(Succeeded|Failed|Cancelled) GitHub Actions\b/i;
const BUILD_RESULT = /GitHub Action build result\s*:?\s*(success|failure|cancelled)\b/i;
const RTCAMP_FOOTER = /github-actions-library|rtCamp/i;
/** The action.yml default ends "on <branch>"; the README's extended example ("{workflow} has {status_message}") does not. */
const RAVSAM_TITLE = /^(.+?) has (passed with warnings|passed|failed|cancelled|skipped)(?: on (\S+))?\s*$/;
const ACT10NS_FALLBACK = /^\[GitHub\]: \[([^\]]+)\] (.+) (\S+) (success|failure|cancelled|skipped)\s*$/i;
const GAMESIGHT_TEXT = /^(Success|Failed|Cancelled): [^\n]*\nWorkflow: (.+?) <[^>]*> completed in\b/;
/** A workflow run or a commit's check suite: what every GitHub Actions notifier links to. */
export const RUN_URL = /\/actions\/runs\/\d+|\/commit\/[0-9a-f]{7,40}\/checks\b/;

export function outcomeOfColour(colour: string): Outcome {
  if (colour === 'danger') return 'failure';
  if (colour === 'good') return 'success';
  if (colour === '#808080' || colour === 'warning') return 'cancelled';
  return 'other';
}

/**
 * A status word as the notifiers and GitHub spell it: failure, FAILED, success, passed, cancelled; started, skipped
 * and the like are `other` (an info post); null for a word that says none of these.
 */
function outcomeOfWord(word: string): Outcome | null {
  const w = word.toLowerCase();
  if (/^(?:fail|failed|failure|error|errored|timed_out)$/.test(w)) return 'failure';
  if (/^(?:success|succeeded|successful|passed|done|completed)$/.test(w)) return 'success';
  if (/^(?:cancell?ed)$/.test(w)) return 'cancelled';
  if (/^(?:start|started|starting|running|in_progress|inprogress|queued|pending|waiting|skipped|neutral)$/.test(w)) return 'other';
  return null;
}

/** The `<url|label>` of a field, as link and label. */
function linkField(view: MessageView, title: RegExp): { url: string; label: string } | null {
  const link = slackLinks(fieldValue(view, title) ?? '')[0];
  return link ? { url: link.url.trim(), label: link.label.trim() } : null;
}

/** The branch a post names by linking to it (`…/tree/main`), when it has no ref field. */
const branchLink = (view: MessageView): string | null => allUrls(view.fullText).map((u) => /\/tree\/([^\s?#]+)/.exec(u)?.[1]).find((b) => b !== undefined) ?? null;

const runLink = (view: MessageView): string | null => allUrls(view.fullText).find((u) => RUN_URL.test(u)) ?? null;

type Reader = (view: MessageView, text: string) => Run | null;

const actionSlack: Reader = (view, text) => {
  const attachment = view.attachments[0];
  const match = ACTION_SLACK_TEXT.exec(text);
  if (!match?.[1] && attachment?.authorName !== '8398a7@action-slack') return null;
  const word = (match?.[1] ?? '').toLowerCase();
  const outcome: Outcome = word === 'failed' ? 'failure' : word === 'succeeded' ? 'success' : word === 'cancelled' ? 'cancelled' : outcomeOfColour(attachment?.color ?? '');
  const workflow = linkField(view, /^workflow(?:Run)?$/) ?? linkField(view, /^job$/);
  const ref = fieldValue(view, /^ref$/i)?.trim() || null;
  return { notifier: '8398a7/action-slack', outcome, workflow: workflow?.label ?? null, ref, link: workflow?.url ?? allUrls(view.fullText)[0] ?? null };
};

const slackGithubAction: Reader = (view, text) => {
  const build = BUILD_RESULT.exec(stripEmoji(text)) ?? view.blockLines.map((l) => BUILD_RESULT.exec(stripEmphasis(plainText(l)))).find((m) => m !== null);
  if (!build?.[1]) return null;
  return { notifier: 'slack-github-action', outcome: outcomeOfWord(build[1]) ?? 'other', workflow: 'GitHub Action build', ref: null, link: allUrls(view.fullText)[0] ?? null };
};

const rtCamp: Reader = (view) => {
  const attachment = view.attachments[0];
  const actions = linkField(view, /^Actions URL$/);
  if (!attachment || !(actions || RTCAMP_FOOTER.test(attachment.footer) || /^rtBot$/i.test(view.username))) return null;
  const run = slackLinks(attachment.footer).find((l) => /\/actions\/runs\//.test(l.url));
  const ref = fieldValue(view, /^ref$/i)?.trim() || null;
  return { notifier: 'rtCamp/action-slack-notify', outcome: outcomeOfColour(attachment.color), workflow: actions?.label ?? null, ref, link: run?.url ?? actions?.url ?? null };
};

const ravsam: Reader = (view) => {
  const attachment = view.attachments.find((a) => RAVSAM_TITLE.test(stripEmphasis(plainText(a.fallback || a.pretext)).trim()));
  const match = attachment ? RAVSAM_TITLE.exec(stripEmphasis(plainText(attachment.fallback || attachment.pretext)).trim()) : null;
  if (!match?.[1] || !match[2]) return null;
  const [workflow] = match[1].split(': ');
  const word = match[2] === 'passed with warnings' ? 'passed' : match[2];
  return { notifier: 'ravsamhq/notify-slack-action', outcome: outcomeOfWord(word) ?? 'other', workflow: workflow ?? match[1], ref: match[3] ?? null, link: runLink(view) };
};

/** ravsamhq's title with a link to the repository on GitHub: its older releases link to no run. */
export const ravsamTitled = (view: MessageView): boolean =>
  view.attachments.some((a) => RAVSAM_TITLE.test(a.fallback.trim())) && /https:\/\/github\.com\/[\w.-]+\/[\w.-]+/.test(view.fullText);

const voxmedia: Reader = (view) => {
  const action = linkField(view, /^Action$/);
  const status = fieldValue(view, /^Status$/)?.trim();
  if (!action || !RUN_URL.test(action.url) || !status) return null;
  const statusWord = status.toLowerCase().replace(/[^a-z_]/g, '');
  const branch = linkField(view, /^Branch$/)?.label ?? null;
  const outcome = outcomeOfWord(statusWord) ?? outcomeOfColour(view.attachments[0]?.color ?? '');
  return { notifier: 'voxmedia/github-action-slack-notify-build', outcome, workflow: action.label, ref: branch, link: action.url };
};

const act10ns: Reader = (view) => {
  const match = view.attachments.map((a) => ACT10NS_FALLBACK.exec(a.fallback.trim())).find((m) => m !== null);
  if (!match?.[2] || !match[4]) return null;
  return { notifier: 'act10ns/slack', outcome: outcomeOfWord(match[4]) ?? 'other', workflow: match[2], ref: branchLink(view), link: runLink(view) };
};

const gamesight: Reader = (view) => {
  const match = view.attachments.map((a) => GAMESIGHT_TEXT.exec(a.text)).find((m) => m !== null);
  if (!match?.[1] || !match[2]) return null;
  const outcome: Outcome = match[1] === 'Failed' ? 'failure' : match[1] === 'Success' ? 'success' : 'cancelled';
  return { notifier: 'Gamesight/slack-workflow-status', outcome, workflow: stripEmphasis(plainText(match[2])).trim(), ref: branchLink(view), link: runLink(view) };
};

/**
 * Any other notifier: a post that links to a run or a commit's checks, read from its own signals (a red colour and
 * "failed" fail, green and "success" succeed); named by the run link's label. Null when the post says nothing.
 */
const linkedRun: Reader = (view) => {
  const link = runLink(view);
  if (!link) return null;
  const verdict = readPostSignals(view).verdict;
  if (!verdict) return null;
  const outcome: Outcome = verdict.kind === 'failure' ? 'failure' : verdict.kind === 'success' ? 'success' : /cancel/i.test(verdict.said) ? 'cancelled' : 'other';
  const label = slackLinks(view.fullText).find((l) => l.url === link)?.label ?? '';
  // "View Workflow run", "Open", "#123": a link's label that only invites a click names no workflow.
  const workflow = stripEmphasis(plainText(label)).replace(/^#?\d+$|^(?:view|open|see|show|go to)\b.*$/i, '').split(': ')[0]?.trim() || null;
  return { notifier: 'a GitHub Actions notifier', outcome, workflow, ref: fieldValue(view, /^(?:ref|branch)$/i)?.trim() || branchLink(view), link };
};

const READERS: readonly Reader[] = [actionSlack, slackGithubAction, ravsam, voxmedia, act10ns, gamesight, rtCamp, linkedRun];

export function readRun(view: MessageView): Run | null {
  const text = stripEmphasis(plainText(view.text));
  for (const reader of READERS) {
    const run = reader(view, text);
    if (run) return run;
  }
  return null;
}
