/**
 * The playground page: one person's Slack. State comes from `/api/state` and is refetched whenever the server's
 * event stream says the workspace changed; every click, menu, form and message goes to `/api/<action>`, which turns
 * it into exactly what Slack would send the bot.
 */
import { byId, patchChildren, setHtml, type KeyedHtml } from './dom.js';
import type { ElementContext } from './elements.js';
import { esc } from './html.js';
import { linksOnly } from './mrkdwn.js';
import { collectModal, showModalErrors } from './modal-form.js';
import { renderModal } from './modal-view.js';
import { renderEphemeral, renderMessage, type MessageContext } from './message-view.js';
import { renderSidebar } from './sidebar.js';
import { SLASH_HINTS } from './slash-hints.js';
import type { ActionAnswer, ChannelView, EphemeralView, PageState } from './state.js';

interface Ui {
  me: string;
  channel: string;
  thread: string | null;
  pane: 'thread' | 'pins' | null;
  editing: string | null;
  modalKey: string | null;
}

const GENERAL = 'C0GENERAL';
const ui: Ui = { me: '', channel: GENERAL, thread: null, pane: null, editing: null, modalKey: null };
let state: PageState | null = null;
let fetchedAt = 0;
const dismissed = new Set<string>();
/** Slackbot's own answers (e.g. an unknown slash command), per channel: they never reach the app. */
const notices = new Map<string, EphemeralView[]>();
/** per person: the newest message seen in each channel, for unread marks */
const seen = new Map<string, Map<string, string>>();

// ---- URL: #as=U0ALICE&c=C0GENERAL&t=<thread ts> keeps a reload (or a test) where it was ----

function readHash(): void {
  const p = new URLSearchParams(location.hash.slice(1));
  ui.me = p.get('as') ?? ui.me;
  ui.channel = p.get('c') ?? ui.channel;
  ui.thread = p.get('t');
  ui.pane = ui.thread ? 'thread' : null;
}

function writeHash(): void {
  const p = new URLSearchParams({ as: ui.me, c: ui.channel, ...(ui.thread ? { t: ui.thread } : {}) });
  history.replaceState(null, '', `#${p.toString()}`);
}

// ---- talking to the playground server ----

let inFlight: Promise<void> | null = null;
let again = false;

async function fetchState(): Promise<void> {
  const q = new URLSearchParams({ channel: ui.channel, ...(ui.me ? { as: ui.me } : {}), ...(ui.thread ? { thread: ui.thread } : {}) });
  const res = await fetch(`/api/state?${q.toString()}`);
  if (!res.ok) throw new Error(`state: HTTP ${res.status}`);
  state = (await res.json()) as PageState;
  fetchedAt = Date.now();
  ui.me = state.me;
  render(state);
}

/** Refetches; calls made while one is in flight are folded into one more fetch after it. */
function refresh(): Promise<void> {
  if (inFlight) {
    again = true;
    return inFlight;
  }
  inFlight = (async () => {
    try {
      do {
        again = false;
        await fetchState();
      } while (again);
    } catch (error) {
      toast(`Lost the playground: ${error instanceof Error ? error.message : String(error)}`, 'error');
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

async function act(name: string, body: Record<string, unknown>): Promise<ActionAnswer> {
  let answer: ActionAnswer;
  try {
    const res = await fetch(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    answer = (await res.json()) as ActionAnswer;
  } catch (error) {
    answer = { ok: false, error: `The playground did not answer (${error instanceof Error ? error.message : String(error)}).` };
  }
  await refresh();
  return answer;
}

// ---- rendering ----

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

const nowMs = (): number => (state ? state.clock.nowMs + (Date.now() - fetchedAt) : Date.now());

function renderClock(s: PageState): void {
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
    resolve.disabled = s.scenario.storm === 'idle' || s.scenario.resolving;
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
    for (const c of state?.channels ?? []) map.set(c.id, c.latestTs ?? '');
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
  const plain = text.replace(/<@([A-Z0-9]+)>/g, (_, id: string) => `@${state?.users[id]?.name ?? id}`).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return `<div class="msg editing" data-testid="message" data-ts="${esc(ts)}" data-channel="${esc(ui.channel)}"><form class="edit-form" data-edit-form="${esc(ts)}"><textarea name="text" rows="3">${esc(plain)}</textarea><div class="edit-buttons"><button type="button" class="btn" data-edit-cancel>Cancel</button><button type="submit" class="btn primary">Save</button></div></form></div>`;
}

function renderChannel(s: PageState): void {
  const ch = s.channel;
  const header = byId('channel-header');
  const list = byId('messages');
  const composer = byId<HTMLTextAreaElement>('composer-text');
  if (!ch) {
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
  const canPost = ch.isIm || !ch.isPrivate || ch.isMember;
  composer.disabled = !canPost;
  composer.placeholder = canPost ? `Message ${ch.isIm ? ch.name : `#${ch.name}`} — or /incident help` : 'You are not a member of this private channel';
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
    threadComposer.hidden = false;
    setHtml(head, `<h2>Thread <span class="pane-sub">#${esc(ch.name)}</span></h2><button type="button" class="pane-close" data-close-pane aria-label="Close">×</button>`);
    const ctx = messageContext(s, ch.id, true);
    const replies: KeyedHtml[] = s.thread.replies.map((r) => ({ key: `m:${r.ts}`, html: ui.editing === r.ts ? editingHtml(r.ts, r.text) : renderMessage(r, ctx) }));
    const eph: KeyedHtml[] = s.thread.ephemerals.filter((e) => !dismissed.has(e.key)).map((e) => ({ key: e.key, html: renderEphemeral(e, ctx) }));
    const count = s.thread.replies.length;
    patchChildren(body, [
      { key: 'parent', html: renderMessage(s.thread.parent, ctx) },
      { key: 'divider', html: `<div class="thread-divider">${count} ${count === 1 ? 'reply' : 'replies'}</div>` },
      ...replies,
      ...eph,
    ]);
    return;
  }
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

function render(s: PageState): void {
  renderTopbar(s);
  setHtml(byId('sidebar'), renderSidebar(s, ui.channel, seenFor(s.me)));
  renderChannel(s);
  renderPane(s);
  renderModalRoot(s);
  writeHash();
}

// ---- toasts and Slackbot notices ----

function toast(text: string, kind: 'info' | 'error' = 'info'): void {
  const el = document.createElement('div');
  el.className = `toast ${kind}`;
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  el.textContent = text;
  byId('toasts').append(el);
  setTimeout(() => el.remove(), 6_000);
}

let noticeSeq = 0;
function slackbotNotice(channel: string, text: string): void {
  noticeSeq += 1;
  const list = notices.get(channel) ?? [];
  list.push({ key: `n:${noticeSeq}`, at: nowMs(), text, blocks: null, threadTs: null, messageTs: '0.0' });
  notices.set(channel, list);
  if (state) render(state);
}

// ---- what a person does ----

function switchChannel(id: string): void {
  ui.channel = id;
  ui.thread = null;
  ui.pane = null;
  ui.editing = null;
  void refresh();
}

interface MessageTarget {
  channel: string;
  messageTs: string;
  ephemeral: boolean;
}

function targetOf(el: Element): MessageTarget | null {
  const msg = el.closest<HTMLElement>('[data-ts][data-channel]');
  if (!msg) return null;
  return { channel: msg.dataset.channel ?? '', messageTs: msg.dataset.ts ?? '', ephemeral: msg.dataset.ephemeral === 'true' };
}

async function confirmed(el: HTMLElement): Promise<boolean> {
  const raw = el.dataset.confirm;
  if (!raw) return true;
  const c = JSON.parse(raw) as { title?: { text?: string }; text?: { text?: string }; confirm?: { text?: string }; deny?: { text?: string } };
  return window.confirm(`${c.title?.text ?? 'Are you sure?'}\n\n${c.text?.text ?? ''}`);
}

function report(answer: ActionAnswer, where: string): void {
  if (!answer.ok) slackbotNotice(where, answer.error);
  else if (answer.notice) toast(answer.notice);
}

async function elementAction(el: HTMLElement, kind: 'click' | 'select', value: string | undefined, text?: string): Promise<void> {
  const target = targetOf(el);
  if (!target || !(await confirmed(el))) return;
  const url = el.dataset.url;
  if (url && /^https?:\/\//.test(url)) window.open(url, '_blank', 'noopener');
  const body = { as: ui.me, ...target, actionId: el.dataset.actionId, blockId: el.dataset.blockId, ...(value !== undefined ? { value } : {}), ...(text ? { text } : {}) };
  report(await act(kind, body), target.channel);
}

async function messageAction(el: HTMLElement): Promise<void> {
  const target = targetOf(el);
  if (!target) return;
  const { channel, messageTs: ts } = target;
  switch (el.dataset.msgAction) {
    case 'reply': {
      const msg = el.closest<HTMLElement>('[data-ts]');
      ui.thread = msg?.dataset.threadTs ?? ts;
      ui.pane = 'thread';
      await refresh();
      byId<HTMLTextAreaElement>('thread-text').focus();
      return;
    }
    case 'pin':
      return report(await act('pin', { as: ui.me, channel, ts }), channel);
    case 'react':
      return report(await act('react', { as: ui.me, channel, ts, name: el.dataset.reaction ?? 'pushpin' }), channel);
    case 'edit':
      ui.editing = ts;
      if (state) render(state);
      return;
    case 'delete':
      if (window.confirm('Delete this message? This can’t be undone.')) report(await act('delete', { as: ui.me, channel, ts }), channel);
      return;
  }
}

async function submitModal(): Promise<void> {
  const modal = document.querySelector<HTMLElement>('[data-testid="modal"]');
  const viewId = modal?.dataset.viewId;
  if (!modal || !viewId) return;
  const { values, missing } = collectModal(modal);
  if (Object.keys(missing).length > 0) {
    showModalErrors(modal, missing, null);
    return;
  }
  const submit = modal.querySelector<HTMLButtonElement>('[data-modal="submit"]');
  if (submit) submit.disabled = true;
  const answer = await act('view-submit', { as: ui.me, viewId, values });
  const still = document.querySelector<HTMLElement>(`[data-view-id="${CSS.escape(viewId)}"]`);
  if (!still) return;
  const stillSubmit = still.querySelector<HTMLButtonElement>('[data-modal="submit"]');
  if (stillSubmit) stillSubmit.disabled = false;
  if (!answer.ok) showModalErrors(still, {}, answer.error);
  else if (answer.errors) showModalErrors(still, answer.errors, null);
}

async function closeModal(): Promise<void> {
  const viewId = document.querySelector<HTMLElement>('[data-testid="modal"]')?.dataset.viewId;
  if (viewId) await act('view-close', { as: ui.me, viewId });
}

async function send(text: string, threadTs: string | null): Promise<boolean> {
  const channel = ui.channel;
  const answer = await act('message', { as: ui.me, channel, text, ...(threadTs ? { threadTs } : {}) });
  if (!answer.ok) slackbotNotice(channel, answer.error);
  return answer.ok;
}

async function scenario(name: string): Promise<void> {
  const answer = await act(name, {});
  if (!answer.ok) toast(answer.error, 'error');
  else if (answer.notice) toast(answer.notice);
  if (name === 'storm' && answer.ok && ui.channel !== 'C0ALERTS') switchChannel('C0ALERTS');
}

// ---- wiring ----

function onClick(event: MouseEvent): void {
  const el = event.target instanceof Element ? event.target : null;
  if (!el) return;
  const hit = <T extends HTMLElement>(selector: string): T | null => el.closest<T>(selector);
  const goto = hit('[data-goto-channel]');
  if (goto) {
    event.preventDefault();
    switchChannel(goto.dataset.gotoChannel ?? GENERAL);
    return;
  }
  const item = hit('[data-channel-id]');
  if (item) return switchChannel(item.dataset.channelId ?? GENERAL);
  const button = hit<HTMLButtonElement>('button[data-kind="button"]');
  if (button && !button.disabled) return void elementAction(button, 'click', button.dataset.value);
  const option = hit<HTMLButtonElement>('.bk-overflow-item');
  if (option && !option.disabled) {
    option.closest('details')?.removeAttribute('open');
    return void elementAction(option, 'select', option.dataset.option, option.dataset.optionText);
  }
  const thread = hit('[data-open-thread]');
  if (thread) {
    ui.thread = thread.dataset.openThread ?? null;
    ui.pane = 'thread';
    return void refresh();
  }
  if (hit('[data-open-pins]')) {
    ui.pane = 'pins';
    ui.thread = null;
    return void refresh();
  }
  if (hit('[data-close-pane]')) {
    ui.pane = null;
    ui.thread = null;
    return void refresh();
  }
  const msgAction = hit('[data-msg-action]');
  if (msgAction) return void messageAction(msgAction);
  if (hit('[data-edit-cancel]')) {
    ui.editing = null;
    if (state) render(state);
    return;
  }
  const dismiss = hit('[data-dismiss]');
  if (dismiss) {
    dismissed.add(dismiss.dataset.dismiss ?? '');
    if (state) render(state);
    return;
  }
  const modal = hit('[data-modal]');
  if (modal) return void (modal.dataset.modal === 'submit' ? submitModal() : closeModal());
  const run = hit<HTMLButtonElement>('[data-scenario]');
  if (run && !run.disabled) return void scenario(run.dataset.scenario ?? '');
  const hint = hit('[data-slash-hint]');
  if (hint) {
    const box = byId<HTMLTextAreaElement>('composer-text');
    box.value = `/incident ${hint.dataset.slashHint ?? ''}`;
    box.focus();
    updateHints();
  }
}

function onChange(event: Event): void {
  const el = event.target;
  if (el instanceof HTMLSelectElement && el.id === 'me') {
    ui.me = el.value;
    ui.thread = null;
    ui.pane = null;
    ui.editing = null;
    void refresh();
    return;
  }
  if (el instanceof HTMLSelectElement && el.dataset.kind === 'select') {
    const option = el.selectedOptions[0];
    if (option && option.value !== '') void elementAction(el, 'select', option.value, option.textContent ?? undefined);
    return;
  }
  if (el instanceof HTMLInputElement && el.type === 'radio') {
    const group = el.closest<HTMLElement>('[data-kind="select"]');
    if (group) void elementAction(group, 'select', el.value, el.parentElement?.textContent?.trim());
  }
}

function updateHints(): void {
  const box = byId<HTMLTextAreaElement>('composer-text');
  const hints = byId('slash-hints');
  const m = /^(\/[a-z]*)(?:\s+(\S*))?$/i.exec(box.value);
  const command = (m?.[1] ?? '').toLowerCase();
  if (!m || !'/incident'.startsWith(command) || (m[2] !== undefined && command !== '/incident')) {
    hints.hidden = true;
    return;
  }
  const typed = (m[2] ?? '').toLowerCase();
  const shown = SLASH_HINTS.filter((h) => h.usage.startsWith(typed));
  hints.hidden = shown.length === 0;
  hints.innerHTML = shown.map((h) => `<button type="button" data-slash-hint="${esc(h.insert)}"><b>/incident ${esc(h.usage)}</b> <span>${esc(h.does)}</span></button>`).join('');
}

function wireComposer(formId: string, textId: string, threadOf: () => string | null): void {
  const form = byId<HTMLFormElement>(formId);
  const box = byId<HTMLTextAreaElement>(textId);
  const submit = async (): Promise<void> => {
    const text = box.value.trim();
    if (text === '') return;
    box.disabled = true;
    try {
      if (await send(text, threadOf())) box.value = '';
    } finally {
      box.disabled = false;
      box.focus();
      updateHints();
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void submit();
  });
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void submit();
    }
  });
}

function wireEditForms(): void {
  document.addEventListener('submit', (e) => {
    const form = e.target instanceof HTMLFormElement ? e.target : null;
    const ts = form?.dataset.editForm;
    if (!form || !ts) return;
    e.preventDefault();
    const text = new FormData(form).get('text');
    const channel = form.closest<HTMLElement>('[data-channel]')?.dataset.channel ?? ui.channel;
    ui.editing = null;
    if (typeof text === 'string' && text.trim() !== '') void act('edit', { as: ui.me, channel, ts, text }).then((a) => report(a, channel));
  });
}

function start(): void {
  readHash();
  document.addEventListener('click', onClick);
  document.addEventListener('change', onChange);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && document.querySelector('[data-testid="modal"]')) void closeModal();
  });
  wireComposer('composer', 'composer-text', () => null);
  wireComposer('thread-composer', 'thread-text', () => ui.thread);
  wireEditForms();
  byId('composer-text').addEventListener('input', updateHints);
  const events = new EventSource('/api/events');
  events.onmessage = (e) => {
    if (state === null || e.data !== state.version) void refresh();
  };
  setInterval(() => {
    if (state) renderClock(state);
  }, 1_000);
  void refresh();
}

start();
