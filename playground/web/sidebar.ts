/** The sidebar: the workspace's channels, the incident channels as the bot creates them, and DMs from the bot. */
import { esc } from './html.js';
import type { ChannelSummary, PageState, SidebarSection } from './state.js';

const TITLES: Record<SidebarSection, string> = { channels: 'Channels', incidents: 'Incident channels', dms: 'Direct messages' };

function item(c: ChannelSummary, current: string, unread: boolean): string {
  const icon = c.isIm ? '🤖' : c.isPrivate ? '🔒' : '#';
  const classes = ['channel-item', c.id === current ? 'current' : '', unread ? 'unread' : '', c.isMember ? '' : 'not-member'].filter(Boolean).join(' ');
  const title = c.isMember ? c.purpose || c.name : `You are not in #${c.name}: open it to read or join`;
  return `<button type="button" class="${classes}" data-channel-id="${esc(c.id)}" title="${esc(title)}"><span class="icon">${esc(icon)}</span><span class="name">${esc(c.name)}</span>${unread ? '<span class="dot" aria-label="unread"></span>' : ''}</button>`;
}

export function renderSidebar(s: PageState, current: string, seen: ReadonlyMap<string, string>): string {
  const sections: SidebarSection[] = ['channels', 'incidents', 'dms'];
  return sections
    .map((section) => {
      const channels = s.channels.filter((c) => c.section === section);
      if (section === 'incidents') channels.reverse();
      const body =
        channels.length > 0
          ? channels.map((c) => item(c, current, c.id !== current && c.latestTs !== null && c.latestTs !== '' && (seen.get(c.id) ?? '') < c.latestTs)).join('')
          : `<div class="sidebar-empty">${section === 'incidents' ? 'None yet: /incident declare' : 'None yet'}</div>`;
      return `<div class="sidebar-section" data-testid="sidebar-${section}"><div class="sidebar-title">${TITLES[section]}</div>${body}</div>`;
    })
    .join('');
}
