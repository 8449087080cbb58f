import type { App } from '@slack/bolt';
import { z } from 'zod';
import { homeOpened } from '../../app/home/home-opened.js';
import type { ListenerDeps } from './listener-deps.js';

const appHomeOpened = z.object({
  user: z.string().min(1),
  /** `messages` when the person opened the DM tab; older payloads have no tab (the Home). */
  tab: z.string().optional(),
  /** The Home as Slack shows it, when something was ever published there. */
  view: z.object({ id: z.string(), hash: z.string().optional() }).optional(),
});

/** `app_home_opened`: the person looks at their Home; it is brought up to date at once if it is not. */
export function registerHomeEvents(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event }) => {
    const parsed = appHomeOpened.safeParse(event);
    if (!parsed.success || (parsed.data.tab !== undefined && parsed.data.tab !== 'home')) return;
    const { user, view } = parsed.data;
    await homeOpened(deps.useCases, { userId: user, shown: view ? { viewId: view.id, slackHash: view.hash ?? null } : null });
  });
}
