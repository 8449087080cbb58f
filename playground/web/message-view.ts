/** One message (or ephemeral message) as Slack's client draws it: author, time, content, pins, reactions, thread. */
import { renderAttachments } from './attachments.js';
import { renderBlocks, type BlockContext } from './blocks.js';
import { emojiFor } from './emoji.js';
import { dataAttrs, esc } from './html.js';
import { mrkdwn } from './mrkdwn.js';
import type { EphemeralView, MessageView, UserView } from './state.js';

export interface MessageContext extends BlockContext {
  readonly userViews: Readonly<Record<string, UserView>>;
  readonly bots: Readonly<Record<string, string>>;
  readonly channelId: string;
  /** the bot's name, shown on its ephemeral messages */
  readonly appName: string;
  /** in the thread pane the parent shows no "N replies" link */
  readonly inThread: boolean;
}

const PALETTE = ['#4a154b', '#1264a3', '#2eb67d', '#e01e5a', '#ecb22e', '#36c5f0', '#7c3085', '#b4541a'];

function avatar(key: string, name: string, isApp: boolean): string {
  let hash = 0;
  for (const c of key) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  const color = isApp ? '#616061' : (PALETTE[hash % PALETTE.length] ?? '#4a154b');
  const initial = isApp ? '⚙' : [...name][0]?.toUpperCase() ?? '?';
  return `<div class="avatar" style="background:${color}" aria-hidden="true">${esc(initial)}</div>`;
}

export function timeOf(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, { ...(timeZone ? { timeZone } : {}), hour: 'numeric', minute: '2-digit' }).format(new Date(ms));
}

const tsMs = (ts: string): number => Math.round(Number(ts) * 1000);

function author(m: MessageView, ctx: MessageContext): { name: string; isApp: boolean } {
  if (m.botId !== null) return { name: ctx.bots[m.botId] ?? ctx.userViews[m.user]?.realName ?? 'App', isApp: true };
  const u = ctx.userViews[m.user];
  return { name: u?.realName ?? m.user, isApp: u?.isBot ?? false };
}

/** What a message shows: its blocks when it has any (the text is then only the notification fallback). */
function content(text: string, blocks: readonly unknown[] | null, attachments: readonly unknown[] | null, ctx: MessageContext, edited: boolean): string {
  const editedMark = edited ? ' <span class="edited">(edited)</span>' : '';
  const body = blocks && blocks.length > 0 ? `<div class="blocks">${renderBlocks(blocks, ctx)}</div>${editedMark}` : text.trim() === '' ? editedMark : `<div class="msg-text">${mrkdwn(text, ctx)}${editedMark}</div>`;
  const extra = attachments && attachments.length > 0 ? renderAttachments(attachments, ctx) : '';
  return `<div class="msg-content">${body}${extra}</div>`;
}

function reactions(m: MessageView): string {
  if (m.reactions.length === 0) return '';
  return `<div class="reactions">${m.reactions.map((r) => `<span class="reaction" title=":${esc(r.name)}:">${esc(emojiFor(r.name) ?? `:${r.name}:`)} ${r.count}</span>`).join('')}</div>`;
}

function threadLink(m: MessageView, ctx: MessageContext): string {
  if (ctx.inThread || m.replyCount === 0) return '';
  const who = m.replyUsers.slice(0, 3).map((u) => esc(ctx.userViews[u]?.name ?? u)).join(', ');
  return `<button type="button" class="thread-link" data-open-thread="${esc(m.ts)}">${m.replyCount} ${m.replyCount === 1 ? 'reply' : 'replies'}</button><span class="thread-who">${who}</span>`;
}

function hoverActions(m: MessageView, ctx: MessageContext): string {
  const mine = m.user === ctx.me && m.botId === null;
  const buttons = [
    ctx.inThread && m.parentTs === null ? '' : `<button type="button" data-msg-action="reply" title="Reply in thread">💬 Reply</button>`,
    m.pinned ? '' : `<button type="button" data-msg-action="pin" title="Pin to this conversation">📌 Pin</button>`,
    `<button type="button" data-msg-action="react" data-reaction="pushpin" title="React with :pushpin:">+ :pushpin:</button>`,
    mine ? `<button type="button" data-msg-action="edit">Edit</button><button type="button" data-msg-action="delete">Delete</button>` : '',
  ];
  return `<div class="msg-actions">${buttons.join('')}</div>`;
}

export function renderMessage(m: MessageView, ctx: MessageContext): string {
  const who = author(m, ctx);
  const ms = tsMs(m.ts);
  const attrs = dataAttrs({ testid: 'message', key: `m:${m.ts}`, ts: m.ts, channel: ctx.channelId, 'thread-ts': m.parentTs ?? undefined });
  const pinned = m.pinned ? '<div class="pinned-note">📌 Pinned</div>' : '';
  return (
    `<div class="msg${m.pinned ? ' is-pinned' : ''}"${attrs}>` +
    avatar(m.botId ?? m.user, who.name, who.isApp) +
    `<div class="msg-body">${pinned}<div class="msg-head"><span class="msg-author">${esc(who.name)}</span>${who.isApp ? '<span class="app-tag">APP</span>' : ''}` +
    `<time class="msg-time" datetime="${new Date(ms).toISOString()}" title="${esc(new Date(ms).toString())}">${esc(timeOf(ms, ctx.timeZone))}</time></div>` +
    content(m.text, m.blocks, m.attachments, ctx, m.edited) +
    reactions(m) +
    threadLink(m, ctx) +
    `</div>${hoverActions(m, ctx)}</div>`
  );
}

export function renderEphemeral(e: EphemeralView, ctx: MessageContext, from: 'app' | 'slackbot' = 'app'): string {
  const name = from === 'slackbot' ? 'Slackbot' : ctx.appName;
  const attrs = dataAttrs({ testid: 'ephemeral', key: e.key, ts: e.messageTs, channel: ctx.channelId, ephemeral: 'true' });
  return (
    `<div class="msg ephemeral"${attrs}>` +
    avatar(name, name, true) +
    `<div class="msg-body"><div class="msg-head"><span class="msg-author">${esc(name)}</span><span class="app-tag">APP</span>` +
    `<time class="msg-time">${esc(timeOf(e.at, ctx.timeZone))}</time><span class="only-you">Only visible to you</span></div>` +
    content(e.text, e.blocks, null, ctx, false) +
    `<button type="button" class="dismiss" data-dismiss="${esc(e.key)}">Dismiss</button></div></div>`
  );
}
