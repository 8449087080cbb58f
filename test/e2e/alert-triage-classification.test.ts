import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { loadAlertFixtures } from '../support/alert-fixtures.js';
import { eventually } from '../support/eventually.js';
import { startHarness, USERS, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.stop());

const ALERTS = 'C0ALERTS';
const fixtures = loadAlertFixtures();

/** A cited fixture's message, as the integration's Slack post. */
function integration(tool: string, file: string) {
  const found = fixtures.find((f) => f.tool === tool && f.file === file);
  if (!found?.message.botId) throw new Error(`no integration fixture ${tool}/${file}`);
  const { text, attachments, blocks, username, botId } = found.message;
  return { text, attachments: [...attachments], blocks: [...blocks], username: username ?? undefined, bot_id: botId };
}

type Post = ReturnType<typeof integration>;

async function postByTool(post: Post): Promise<string> {
  const ts = h.fake.postMessage(ALERTS, { botId: post.bot_id, text: post.text, attachments: post.attachments, blocks: post.blocks });
  await h.slack.event({ type: 'message', subtype: 'bot_message', channel: ALERTS, ts, event_ts: ts, ...post });
  return ts;
}

async function postByPerson(text: string, user: string = USERS.bob): Promise<string> {
  const ts = h.fake.postMessage(ALERTS, { user, text });
  await h.slack.event({ type: 'message', channel: ALERTS, ts, event_ts: ts, user, text });
  return ts;
}

/** What Slack sends when an integration edits its post (chat.update): `message_changed` with the message as it is now. */
async function editByTool(ts: string, post: Post): Promise<void> {
  const previous = h.fake.message(ALERTS, ts);
  h.fake.editMessage(ALERTS, ts, { text: post.text, attachments: post.attachments, blocks: post.blocks });
  const editTs = `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  await h.slack.event({
    type: 'message',
    subtype: 'message_changed',
    hidden: true,
    channel: ALERTS,
    ts: editTs,
    event_ts: editTs,
    message: { type: 'message', subtype: 'bot_message', ts, ...post, edited: { user: 'B0', ts: editTs } },
    previous_message: { type: 'message', subtype: 'bot_message', ts, text: previous?.text ?? '', bot_id: post.bot_id },
  });
}

async function deleteMessage(ts: string): Promise<void> {
  h.fake.deleteMessage(ALERTS, ts);
  const deletedTs = `${Math.floor(Date.now() / 1000)}.999999`;
  await h.slack.event({ type: 'message', subtype: 'message_deleted', hidden: true, channel: ALERTS, ts: deletedTs, event_ts: deletedTs, deleted_ts: ts });
}

const replies = (threadTs: string) => h.fake.replies(ALERTS, threadTs).filter((m) => m.user === 'U0BOT');
const botPostsAnywhere = () => (h.fake.channel(ALERTS)?.messages ?? []).filter((m) => m.user === 'U0BOT').length;
const allReplies = (threads: readonly string[]) => threads.flatMap(replies);

async function theReply(threadTs: string): Promise<{ ts: string }> {
  return eventually(() => {
    const [only, ...more] = replies(threadTs);
    if (!only) throw new Error('no triage reply yet');
    if (more.length > 0) throw new Error('more than one triage reply');
    return only;
  }, 10_000);
}

const replyText = (ts: string): string => h.fake.message(ALERTS, ts)?.text ?? '';

async function start(): Promise<void> {
  h = await startHarness({ alertChannels: [ALERTS], triage: { ...defaultConfig().triage, replyEvery: 300 } });
  h.fake.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT', USERS.alice, USERS.bob] });
}

describe('alert channel: what gets a triage reply', () => {
  it('people talking and tools posting successes get no reply; a success never joins a failure as firing', async () => {
    await start();
    const quiet = [
      await postByPerson('is checkout down?'),
      await postByPerson('deploying now'),
      await postByTool(integration('flux', '06-helm-install-succeeded.json')),
      await postByTool(integration('argocd', '03-sync-running.json')),
      await postByTool(integration('kubernetes-events', '03-scaled-up.json')),
    ];
    // A failure right after gets its reply, so the quiet ones had every chance to get theirs.
    const failed = await postByTool(integration('github-actions', '01-rtcamp-failure.json'));
    const reply = await theReply(failed);
    expect(replyText(reply.ts)).toContain('Firing: 1 instance');
    await h.bot.settled();
    expect(allReplies(quiet)).toEqual([]);
    expect(botPostsAnywhere()).toBe(0);

    // The next run of the same workflow succeeds: the failure's reply turns resolved in place, not "firing ×2".
    const succeeded = await postByTool(integration('github-actions', '03-rtcamp-success.json'));
    await eventually(() => expect(replyText(reply.ts)).toContain('Resolved'), 10_000);
    expect(replyText(reply.ts)).toContain('2 alert messages');
    expect(replies(failed)).toHaveLength(1);
    expect(replies(succeeded)).toHaveLength(0);

    // Why the question opened nothing is one command away.
    await h.slack.command(`triage explain <https://acme.slack.com/archives/${ALERTS}/p${quiet[0]?.replace('.', '') ?? ''}>`, { user: USERS.alice, channel: ALERTS });
    const explained = await eventually(() => {
      const last = h.fake.responsesFor(USERS.alice).at(-1);
      if (!last) throw new Error('no answer yet');
      return JSON.stringify(last.blocks);
    });
    expect(explained).toContain("a person's question");
    expect(explained).toContain('Not grouped');

    // And for a tool's post read as not an alert: which signal decided it, and the rule that would change it.
    await h.slack.command(`triage explain <https://acme.slack.com/archives/${ALERTS}/p${quiet[3]?.replace('.', '') ?? ''}>`, { user: USERS.alice, channel: ALERTS });
    const toolExplained = await eventually(() => {
      const last = JSON.stringify(h.fake.responsesFor(USERS.alice).at(-1)?.blocks);
      if (!last.includes('argocd')) throw new Error('no answer yet');
      return last;
    });
    expect(toolExplained).toContain('Not an alert, because');
    expect(toolExplained).toContain('decided by');
    expect(toolExplained).toContain('{ match: { source: argocd');
  });

  it('a Zabbix recovery, posted by editing the problem message, resolves its reply in place', async () => {
    await start();
    const problem = await postByTool(integration('zabbix', '01-problem-cpu.json'));
    const reply = await theReply(problem);
    expect(replyText(reply.ts)).toContain('Firing: 1 instance');
    expect(JSON.stringify(h.fake.message(ALERTS, reply.ts)?.blocks)).toContain('web-01 · warning');

    await editByTool(problem, integration('zabbix', '03-problem-cpu-resolved-by-edit.json'));
    await eventually(() => expect(replyText(reply.ts)).toContain('Resolved'), 10_000);
    expect(replyText(reply.ts)).toContain('1 alert message');
    expect(replies(problem)).toHaveLength(1);
  });

  it("Sentry's Resolve button (an edit of the issue alert) resolves its reply in place", async () => {
    await start();
    const issue = await postByTool(integration('sentry', 'issue-alert-blocks-firing.json'));
    const reply = await theReply(issue);
    expect(replyText(reply.ts)).toContain('Firing: 1 instance');
    await editByTool(issue, integration('sentry', 'issue-resolved-in-slack.json'));
    await eventually(() => expect(replyText(reply.ts)).toContain('Resolved'), 10_000);
    expect(replies(issue)).toHaveLength(1);
  });

  it('a deleted alert message is not counted', async () => {
    await start();
    const first = await postByPerson('payments down');
    const reply = await theReply(first);
    const second = await postByPerson('payments down', USERS.alice);
    await eventually(() => expect(replyText(reply.ts)).toContain('2 alert messages'), 10_000);
    expect(replyText(reply.ts)).toContain('Firing: 2 instances');

    await deleteMessage(second);
    await eventually(() => expect(replyText(reply.ts)).toContain('1 alert message'), 10_000);
    expect(replyText(reply.ts)).toContain('Firing: 1 instance');
    expect(await h.bot.store.alertByMessage(ALERTS, second)).toMatchObject({ deletedAt: expect.any(Date) });
  });
});
