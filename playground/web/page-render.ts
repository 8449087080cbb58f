/** Draws one state: top bar, sidebar, the open channel, the thread or pins pane, and the modal. */
import { byId, patchChildren, setHtml, type KeyedHtml } from './dom.js';
import type { ElementContext } from './elements.js';
import { esc } from './html.js';
import { linksOnly } from './mrkdwn.js';
import { renderModal } from './modal-view.js';
import { renderEphemeral, renderMessage, type MessageContext } from './message-view.js';
import { current, dismissed, notices, nowMs, seen, ui, writeHash } from './session.js';
import { renderSidebar } from './sidebar.js';
import { HOME, homeSidebarSection, renderHomeTab } from './home-view.js';
import type { ChannelView, PageState } from './state.js';

function textContext(s: PageState): ElementContext {
  const names = new Map(s.channels.map((c) => [c.id, c.name]));
  return {
    users: s.users,
    channelName: (id) => names.get(id) ?? null,
    me: s.me,
    nowMs: nowMs(),
    surface: 'message',
    people: s.people,
    channels: s.channels.filter((c) => !c.isIm).map((c) => ({ id: c.id, name: c.name })),
  };
}

function messageContext(s: PageState, channelId: string, inThread: boolean): MessageContext {
  return { ...textContext(s), userViews: s.users, bots: s.bots, channelId, appName: s.users[s.botUserId]?.name ?? 'incident-bot', inThread };
}

export function renderClock(s: PageState): void {
  const at = new Date(nowMs());
  const time = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(at);
  const ahead = Math.round(s.clock.offsetMs / 60_000);
  byId('clock').innerHTML = `🕒 <b>${esc(time)}</b>${ahead > 0 ? ` <span class="ahead">+${ahead} min</span>` : ''}`;
}

function renderTopbar(s: PageState): void {
  renderClock(s);
  const me = byId<HTMLSelectElement>('me');
  setHtml(me, s.people.map((p) => `<option value="${esc(p.id)}">${esc(p.realName)} · ${esc(p.title)}</option>`).join(''));
  me.value = s.me;
  const storm = document.querySelector<HTMLButtonElement>('[data-scenario="storm"]');
  const resolve = document.querySelector<HTMLButtonElement>('[data-scenario="resolve-alerts"]');
  const ff = document.querySelector<HTMLButtonElement>('[data-scenario="fast-forward"]');
  if (storm) {
    storm.disabled = s.scenario.storm === 'running';
    storm.textContent = s.scenario.storm === 'running' ? '⚡ Alerts arriving…' : '⚡ Alert storm';
  }
  if (resolve) {
    resolve.disabled = s.scenario.storm !== 'done' || s.scenario.resolving;
    resolve.textContent = s.scenario.resolving ? '✅ Resolving…' : '✅ Resolve the alerts';
  }
  if (ff) {
    ff.disabled = s.scenario.fastForwarding;
    ff.textContent = s.scenario.fastForwarding ? '⏩ Fast-forwarding…' : '⏩ Fast-forward 15 minutes';
  }
}

function seenFor(person: string): Map<string, string> {
  let map = seen.get(person);
  if (!map) {
    // Everything there when a person first looks is read; only what arrives later is unread.
    map = new Map();
    for (const c of current.state?.channels ?? []) map.set(c.id, c.latestTs ?? '');
    seen.set(person, map);
  }
  return map;
}

function renderChannelHeader(ch: ChannelView, ctx: ElementContext): string {
  const icon = ch.isIm ? '' : ch.isPrivate ? '🔒' : '#';
  const topic = ch.topic || ch.purpose;
  const pins = ch.pinned.length > 0 ? `<button type="button" class="pins-button" data-open-pins>📌 ${ch.pinned.length} pinned</button>` : '';
  return (
    `<div class="channel-title"><h1>${esc(icon)}${esc(ch.name)}</h1>` +
    `<span class="members" title="members">👤 ${ch.memberCount}</span>${pins}</div>` +
    (topic ? `<div class="channel-topic" data-testid="topic">${linksOnly(topic, ctx)}</div>` : '')
  );
}

function timeline(s: PageState, ch: ChannelView): KeyedHtml[] {
  const ctx = messageContext(s, ch.id, false);
  const items: Array<{ at: number; key: string; html: string }> = ch.messages.map((m) => ({
    at: m.postedAt,
    key: `m:${m.ts}`,
    html: ui.editing === m.ts ? editingHtml(m.ts, m.text) : renderMessage(m, ctx),
  }));
  for (const e of ch.ephemerals) if (!dismissed.has(e.key)) items.push({ at: e.at, key: e.key, html: renderEphemeral(e, ctx) });
  for (const e of notices.get(ch.id) ?? []) if (!dismissed.has(e.key)) items.push({ at: e.at, key: e.key, html: renderEphemeral(e, ctx, 'slackbot') });
  return items.sort((a, b) => a.at - b.at).map(({ key, html }) => ({ key, html }));
}

function editingHtml(ts: string, text: string): string {
  const plain = text.replace(/<@([A-Z0-9]+)>/g, (_, id: string) => `@${current.state?.users[id]?.name ?? id}`).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return `<div class="msg editing" data-testid="message" data-ts="${esc(ts)}" data-channel="${esc(ui.channel)}"><form class="edit-form" data-edit-form="${esc(ts)}"><textarea name="text" rows="3">${esc(plain)}</textarea><div class="edit-buttons"><button type="button" class="btn" data-edit-cancel>Cancel</button><button type="submit" class="btn primary">Save</button></div></form></div>`;
}

function renderChannel(s: PageState): void {
  if (ui.channel === HOME) return renderHomeTab(s, textContext(s));
  const ch = s.channel;
  const header = byId('channel-header');
  const list = byId('messages');
  const composer = byId<HTMLTextAreaElement>('composer-text');
  if (!ch) {
    byId('composer').hidden = false;
    byId('join-bar').hidden = true;
    setHtml(header, '<div class="channel-title"><h1>Not found</h1></div>');
    patchChildren(list, [{ key: 'gone', html: '<div class="empty">This conversation is not visible to you. Pick another one on the left.</div>' }]);
    composer.disabled = true;
    return;
  }
  setHtml(header, renderChannelHeader(ch, textContext(s)));
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
  const switched = list.getAttribute('data-channel') !== ch.id;
  const items = timeline(s, ch);
  patchChildren(list, items.length > 0 ? items : [{ key: 'empty', html: `<div class="empty">${ch.isIm ? 'The bot has not written to you yet.' : 'No messages yet.'}</div>` }]);
  list.setAttribute('data-channel', ch.id);
  if (atBottom || switched) list.scrollTop = list.scrollHeight;
  // A public channel one has not joined is previewed, as in Slack: read it, or join it to write.
  const previewing = !ch.isIm && !ch.isMember;
  byId('composer').hidden = previewing;
  byId('join-bar').hidden = !previewing;
  if (previewing) setHtml(byId('join-title'), `You are viewing <b>#${esc(ch.name)}</b>`);
  composer.disabled = previewing;
  composer.placeholder = `Message ${ch.isIm ? ch.name : `#${ch.name}`} — or /incident help`;
  seenFor(s.me).set(ch.id, ch.messages.at(-1)?.ts ?? '');
}

function renderPane(s: PageState): void {
  const pane = byId('pane');
  const head = byId('pane-header');
  const body = byId('pane-body');
  const threadComposer = byId('thread-composer');
  const ch = s.channel;
  if (ui.pane === 'thread' && s.thread && ch) {
    pane.hidden = false;
    // Replying is writing in the channel: only for its members.
    threadComposer.hidden = !ch.isIm && !ch.isMember;
    setHtml(head, `<h2>Thread <span class="pane-sub">#${esc(ch.name)}</span></h2><button type="button" class="pane-close" data-close-pane aria-label="Close">×</button>`);
    const ctx = messageContext(s, ch.id, true);
    const replies: KeyedHtml[] = s.thread.replies.map((r) => ({ key: `m:${r.ts}`, html: ui.editing === r.ts ? editingHtml(r.ts, r.text) : renderMessage(r, ctx) }));
    const eph: KeyedHtml[] = s.thread.ephemerals.filter((e) => !dismissed.has(e.key)).map((e) => ({ key: e.key, html: renderEphemeral(e, ctx) }));
    const count = s.thread.replies.length;
    // As in Slack, a thread opens at its latest reply, and stays there as replies arrive unless the reader scrolled up.
    const atBottom = body.scrollHeight - body.scrollTop - body.clientHeight < 60;
    const opened = body.getAttribute('data-thread') !== s.thread.parent.ts;
    patchChildren(body, [
      { key: 'parent', html: renderMessage(s.thread.parent, ctx) },
      { key: 'divider', html: `<div class="thread-divider">${count} ${count === 1 ? 'reply' : 'replies'}</div>` },
      ...replies,
      ...eph,
    ]);
    body.setAttribute('data-thread', s.thread.parent.ts);
    if (atBottom || opened) body.scrollTop = body.scrollHeight;
    return;
  }
  body.removeAttribute('data-thread');
  if (ui.pane === 'pins' && ch) {
    pane.hidden = false;
    threadComposer.hidden = true;
    setHtml(head, `<h2>Pinned <span class="pane-sub">#${esc(ch.name)}</span></h2><button type="button" class="pane-close" data-close-pane aria-label="Close">×</button>`);
    const ctx = messageContext(s, ch.id, true);
    patchChildren(body, ch.pinned.length > 0 ? ch.pinned.map((m) => ({ key: `p:${m.ts}`, html: renderMessage(m, ctx) })) : [{ key: 'none', html: '<div class="empty">Nothing is pinned.</div>' }]);
    return;
  }
  pane.hidden = true;
  ui.pane = null;
  ui.thread = null;
}

function renderModalRoot(s: PageState): void {
  const root = byId('modal-root');
  const view = s.view;
  if (!view) {
    ui.modalKey = null;
    root.innerHTML = '';
    return;
  }
  const key = `${view.id}:${view.hash}`;
  if (key === ui.modalKey) return;
  ui.modalKey = key;
  root.innerHTML = renderModal(view, textContext(s), null);
  root.querySelector<HTMLElement>('input:not([type=checkbox]):not([type=radio]), textarea, select')?.focus();
}

export function render(s: PageState): void {
  renderTopbar(s);
  setHtml(byId('sidebar'), homeSidebarSection(s, ui.channel) + renderSidebar(s, ui.channel, seenFor(s.me)));
  renderChannel(s);
  renderPane(s);
  renderModalRoot(s);
  writeHash();
}

export function toast(text: string, kind: 'info' | 'error' = 'info'): void {
  const el = document.createElement('div');
  el.className = `toast ${kind}`;
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  el.textContent = text;
  byId('toasts').append(el);
  setTimeout(() => el.remove(), 6_000);
}

let noticeSeq = 0;
export function slackbotNotice(channel: string, text: string): void {
  noticeSeq += 1;
  const list = notices.get(channel) ?? [];
  list.push({ key: `n:${noticeSeq}`, at: nowMs(), text, blocks: null, threadTs: null, messageTs: '0.0' });
  notices.set(channel, list);
  if (current.state) render(current.state);
}

