/**
 * The playground page: one person's Slack. State comes from `/api/state` and is refetched whenever the server's
 * event stream says the workspace changed; every click, menu, form and message goes to `/api/<action>`, which turns
 * it into exactly what Slack would send the bot.
 */
import { byId } from './dom.js';
import { esc } from './html.js';
import { followServer } from './live-updates.js';
import { collectModal, showModalErrors } from './modal-form.js';
import { render, renderClock, slackbotNotice, toast } from './page-render.js';
import { act, current, dismissed, GENERAL, readHash, refresh, subscribe, ui } from './session.js';
import { SLASH_HINTS } from './slash-hints.js';
import { HOME, openHome, pressHomeButton } from './home-view.js';
import type { ActionAnswer } from './state.js';

// ---- what a person does ----

function switchChannel(id: string): void {
  ui.channel = id;
  ui.thread = null;
  ui.pane = null;
  ui.editing = null;
  void (id === HOME ? openHome() : refresh());
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
      if (current.state) render(current.state);
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
  // Slackbot's answer to an unknown command: the text stays in the box to be fixed, as in Slack.
  else if (answer.slackbot) slackbotNotice(channel, answer.slackbot);
  return answer.ok && answer.slackbot === undefined;
}

async function joinChannel(button: HTMLButtonElement): Promise<void> {
  const channel = ui.channel;
  button.disabled = true;
  try {
    report(await act('join', { as: ui.me, channel }), channel);
  } finally {
    button.disabled = false;
  }
  if (ui.channel === channel) byId<HTMLTextAreaElement>('composer-text').focus();
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
  const onHome = hit<HTMLButtonElement>('[data-home] button[data-kind="button"]');
  if (onHome && !onHome.disabled) return void pressHomeButton(onHome).then((a) => (a.ok ? undefined : toast(a.error, 'error')));
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
    if (current.state) render(current.state);
    return;
  }
  const dismiss = hit('[data-dismiss]');
  if (dismiss) {
    dismissed.add(dismiss.dataset.dismiss ?? '');
    if (current.state) render(current.state);
    return;
  }
  const modal = hit('[data-modal]');
  if (modal) return void (modal.dataset.modal === 'submit' ? submitModal() : closeModal());
  const join = hit<HTMLButtonElement>('[data-join-channel]');
  if (join && !join.disabled) return void joinChannel(join);
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
    void (ui.channel === HOME ? openHome() : refresh());
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
  subscribe(render, (message) => toast(message, 'error'));
  document.addEventListener('click', onClick);
  document.addEventListener('change', onChange);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && document.querySelector('[data-testid="modal"]')) void closeModal();
  });
  wireComposer('composer', 'composer-text', () => null);
  wireComposer('thread-composer', 'thread-text', () => ui.thread);
  wireEditForms();
  byId('composer-text').addEventListener('input', updateHints);
  followServer(
    (version) => {
      if (current.state === null || version !== current.state.version) void refresh();
    },
    () => void refresh(),
  );
  setInterval(() => {
    if (current.state) renderClock(current.state);
  }, 1_000);
  void (ui.channel === HOME ? openHome() : refresh());
}

start();
