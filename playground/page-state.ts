/** One person's view of the fake workspace, as the page shows it (what Slack's client would show them). */
import type { EphemeralRecord, FakeSlack, MessageRecord, ResponseRecord } from '../test/fake-slack/server.js';
import { BOT, CHANNELS, INTEGRATIONS, PEOPLE } from './demo-workspace.js';
import type { ChannelSummary, ChannelView, EphemeralView, HomeTabView, MessageView, ModalView, PageState, ScenarioState, ThreadView, UserView } from './web/state.js';

export interface StateSources {
  readonly fake: FakeSlack;
  readonly nowMs: () => number;
  readonly offsetMs: () => number;
  readonly timeZone: string;
  readonly locale: 'en' | 'ko';
  readonly scenario: () => ScenarioState;
  readonly version: () => string;
}

export interface PageQuery {
  readonly me: string;
  readonly channel: string | null;
  readonly thread: string | null;
}

const SEEDED = new Map<string, string>(Object.values(CHANNELS).map((c) => [c.id, c.purpose]));

const isReply = (m: MessageRecord): boolean => m.thread_ts !== undefined && m.thread_ts !== m.ts;

function messageView(m: MessageRecord, replies: readonly MessageRecord[]): MessageView {
  return {
    ts: m.ts,
    user: m.user,
    botId: m.bot_id ?? null,
    text: m.text,
    blocks: m.blocks ?? null,
    attachments: m.attachments ?? null,
    edited: m.edits.length > 0,
    pinned: m.pinned,
    reactions: m.reactions.map((r) => ({ name: r.name, count: r.count, users: [...r.users] })),
    replyCount: replies.length,
    replyUsers: [...new Set(replies.map((r) => r.user))],
    latestReply: replies.at(-1)?.ts ?? null,
    parentTs: isReply(m) ? (m.thread_ts ?? null) : null,
    broadcast: m.reply_broadcast,
    postedAt: m.postedAt,
  };
}

function repliesByThread(all: readonly MessageRecord[]): Map<string, MessageRecord[]> {
  const byThread = new Map<string, MessageRecord[]>();
  for (const m of all) {
    if (!isReply(m) || m.thread_ts === undefined) continue;
    const list = byThread.get(m.thread_ts) ?? [];
    list.push(m);
    byThread.set(m.thread_ts, list);
  }
  return byThread;
}

/** chat.postEphemeral messages and ephemeral response_url answers for `me` in a channel. */
function ephemeralsIn(fake: FakeSlack, me: string, channelId: string): EphemeralView[] {
  const posted = fake
    .ephemeralsFor(me)
    .filter((e: EphemeralRecord) => e.channel === channelId)
    .map((e): EphemeralView => ({ key: `e:${e.messageTs}`, at: e.at, text: e.text, blocks: e.blocks ?? null, threadTs: e.threadTs ?? null, messageTs: e.messageTs }));
  const answered = fake
    .responsesFor(me)
    .filter((r: ResponseRecord) => r.channelId === channelId && r.responseType === 'ephemeral' && !r.replaceOriginal && !r.deleteOriginal)
    .map((r, i): EphemeralView => ({
      key: `r:${r.id}:${i}`,
      at: r.at,
      text: r.text ?? '',
      blocks: r.blocks ?? null,
      threadTs: r.threadTs ?? null,
      messageTs: (r.at / 1000).toFixed(6),
    }));
  return [...posted, ...answered].sort((a, b) => a.at - b.at);
}

function visibleTo(fake: FakeSlack, me: string): ChannelSummary[] {
  const out: ChannelSummary[] = [];
  for (const ch of fake.channels()) {
    if (ch.isIm) {
      if (ch.imUser !== me) continue;
    } else if (ch.isPrivate && !ch.members.includes(me)) {
      continue;
    }
    out.push({
      id: ch.id,
      name: ch.isIm ? BOT.name : ch.name,
      section: ch.isIm ? 'dms' : SEEDED.has(ch.id) ? 'channels' : 'incidents',
      isPrivate: ch.isPrivate,
      isIm: ch.isIm,
      latestTs: ch.messages.at(-1)?.ts ?? null,
      purpose: SEEDED.get(ch.id) ?? '',
      isMember: ch.isIm || ch.members.includes(me),
    });
  }
  return out;
}

function channelView(fake: FakeSlack, me: string, channelId: string): { view: ChannelView; replies: Map<string, MessageRecord[]> } | null {
  const ch = fake.channel(channelId);
  if (!ch || (ch.isIm && ch.imUser !== me) || (!ch.isIm && ch.isPrivate && !ch.members.includes(me))) return null;
  const all = fake.messages(channelId, { includeReplies: true });
  const replies = repliesByThread(all);
  const view = (m: MessageRecord): MessageView => messageView(m, replies.get(m.ts) ?? []);
  const pinnedSet = new Set(ch.pins);
  return {
    replies,
    view: {
      id: ch.id,
      name: ch.isIm ? BOT.name : ch.name,
      isPrivate: ch.isPrivate,
      isIm: ch.isIm,
      topic: ch.topic,
      purpose: SEEDED.get(ch.id) ?? '',
      memberCount: ch.members.length,
      isMember: ch.members.includes(me),
      messages: ch.messages.map(view),
      pinned: all.filter((m) => pinnedSet.has(m.ts)).map(view),
      ephemerals: ephemeralsIn(fake, me, channelId),
    },
  };
}

function openModal(fake: FakeSlack, me: string): ModalView | null {
  const open = fake.views.filter((v) => v.userId === me && !v.closed);
  const top = open.at(-1);
  if (!top) return null;
  return { id: top.id, hash: top.hash, callbackId: top.callback_id, title: top.title, submit: top.submit ?? null, close: top.close ?? null, blocks: top.blocks, depth: open.length };
}

function homeOf(fake: FakeSlack, me: string): HomeTabView | null {
  const home = fake.home(me);
  return home ? { id: home.id, hash: home.hash, blocks: home.blocks } : null;
}

export function pageState(src: StateSources, q: PageQuery): PageState {
  const { fake } = src;
  const users: Record<string, UserView> = {};
  for (const id of [BOT.userId, ...PEOPLE.map((p) => p.id)]) {
    const u = fake.user(id);
    if (u) users[id] = { name: u.name, realName: u.realName, isBot: u.isBot };
  }
  const bots: Record<string, string> = { [fake.botId]: BOT.name };
  for (const i of Object.values(INTEGRATIONS)) bots[i.botId] = i.name;
  const shown = q.channel === null ? null : channelView(fake, q.me, q.channel);
  let thread: ThreadView | null = null;
  if (shown && q.thread !== null) {
    const parent = fake.message(shown.view.id, q.thread);
    if (parent) {
      const replies = shown.replies.get(parent.ts) ?? [];
      thread = {
        channel: shown.view.id,
        parent: messageView(parent, replies),
        replies: replies.map((r) => messageView(r, [])),
        ephemerals: shown.view.ephemerals.filter((e) => e.threadTs === parent.ts),
      };
    }
  }
  return {
    version: src.version(),
    clock: { nowMs: src.nowMs(), offsetMs: src.offsetMs(), timeZone: src.timeZone },
    locale: src.locale,
    me: q.me,
    people: PEOPLE,
    users,
    bots,
    botUserId: BOT.userId,
    channels: visibleTo(fake, q.me),
    channel: shown ? { ...shown.view, ephemerals: shown.view.ephemerals.filter((e) => e.threadTs === null) } : null,
    thread,
    view: openModal(fake, q.me),
    home: homeOf(fake, q.me),
    scenario: src.scenario(),
  };
}

/**
 * A cheap summary of everything the page can show; when it differs from the last one, the page is told to refetch.
 * Read from the workspace itself (not from the calls made), so a change is seen once it has landed.
 */
export function workspaceFingerprint(fake: FakeSlack): string {
  const parts: string[] = [];
  for (const ch of fake.channels()) {
    parts.push(`${ch.id}|${ch.name}|${ch.topic}|${ch.members.length}|${ch.pins.length}|${ch.archived}`);
    for (const m of fake.messages(ch.id, { includeReplies: true })) {
      parts.push(`${m.ts}.${m.edits.length}.${m.reactions.reduce((n, r) => n + r.count, 0)}.${m.pinned ? 1 : 0}`);
    }
  }
  parts.push(`e${fake.ephemerals.length}`, `r${fake.responses.length}`);
  for (const v of fake.views) parts.push(`${v.id}.${v.hash}.${v.closed ? 1 : 0}`);
  for (const p of PEOPLE) parts.push(`home:${fake.home(p.id)?.hash ?? ''}`);
  return parts.join(',');
}
