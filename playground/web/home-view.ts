/**
 * The bot's App Home tab, as Slack's client shows it: the view the bot published for the person looking. Opening it
 * sends `app_home_opened` (as Slack does each time); its buttons send block actions that name the view, not a message.
 */
import { renderBlocks, type BlockContext } from './blocks.js';
import { byId, patchChildren, setHtml } from './dom.js';
import { esc } from './html.js';
import { act, ui } from './session.js';
import type { ActionAnswer, PageState } from './state.js';

/** Where the Home sits in the page's navigation (it is not a channel). */
export const HOME = 'home';

const appName = (s: PageState): string => s.users[s.botUserId]?.name ?? 'incident-bot';

export function homeSidebarSection(s: PageState, current: string): string {
  const classes = ['channel-item', current === HOME ? 'current' : ''].filter(Boolean).join(' ');
  return (
    `<div class="sidebar-section" data-testid="sidebar-apps"><div class="sidebar-title">${esc(appName(s))}</div>` +
    `<button type="button" class="${classes}" data-channel-id="${HOME}" title="The bot's Home tab: what needs you now"><span class="icon">🏠</span><span class="name">Home</span></button></div>`
  );
}

export function renderHomeTab(s: PageState, ctx: BlockContext): void {
  setHtml(
    byId('channel-header'),
    `<div class="channel-title"><h1>🏠 ${esc(appName(s))}</h1><span class="home-tab-label">Home</span></div>` +
      '<div class="channel-topic">What the bot shows you on its Home tab; it follows the record as incidents change.</div>',
  );
  const list = byId('messages');
  const body = s.home ? `<div class="home-tab" data-home data-testid="home">${renderBlocks(s.home.blocks, ctx)}</div>` : '<div class="empty" data-testid="home">Opening the Home…</div>';
  patchChildren(list, [{ key: `home:${s.home?.hash ?? ''}`, html: body }]);
  list.setAttribute('data-channel', HOME);
  const composer = byId<HTMLTextAreaElement>('composer-text');
  composer.disabled = true;
  composer.placeholder = 'The Home tab has no composer: write in a channel, or use /incident there';
}

/** Slack sends app_home_opened each time a person opens the tab. */
export const openHome = (): Promise<ActionAnswer> => act('home-open', { as: ui.me });

export const pressHomeButton = (el: HTMLElement): Promise<ActionAnswer> =>
  act('home-click', { as: ui.me, actionId: el.dataset.actionId, ...(el.dataset.value !== undefined ? { value: el.dataset.value } : {}) });
