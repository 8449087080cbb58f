import { createHash } from 'node:crypto';
import type { Membership } from '../../app/access-ports.js';
import type { OncallConfig } from '../../app/deps.js';
import { nextPublishAt } from '../../app/home/home-audience.js';
import { homeOf } from '../../app/home/home-of.js';
import type { EffectHandlers } from '../../app/outbox.js';
import { renderHome } from '../blocks/home.js';
import { SlackPaused } from '../slack-errors.js';
import type { EffectDeps } from './deps.js';

/**
 * Publishes a person's App Home from the record: at most one publish per person every few seconds (a row due sooner
 * waits its turn), and none when the render is what Slack already shows.
 */
export function homeEffects(deps: EffectDeps & { membership: Membership; oncall: OncallConfig }): Pick<EffectHandlers, 'publish_home'> {
  const { client, store, clock, t, severities } = deps;
  return {
    async publish_home({ userId }) {
      const stored = await store.homeView(userId);
      if (!stored) return;
      const now = clock.now();
      const due = nextPublishAt(stored, now);
      if (due > now) throw new SlackPaused('views.publish', due.getTime() - now.getTime(), false);
      const data = await homeOf({ store, clock, severities, membership: deps.membership, oncall: deps.oncall }, userId);
      const view = renderHome(data, { t, severities });
      const contentHash = createHash('sha256').update(JSON.stringify(view)).digest('base64url');
      if (contentHash === stored.contentHash) return;
      const answer = await client.views.publish({ user_id: userId, view });
      await store.saveHomePublished(userId, { viewId: answer.view?.id ?? null, slackHash: answer.view?.hash ?? null, contentHash, at: clock.now() });
    },
  };
}
