import type { UseCaseDeps } from '../deps.js';
import type { ShownHome } from './home-ports.js';

/**
 * Someone opened their App Home (`app_home_opened`): it is published at once if what the record renders now is not
 * what Slack shows them (a coalesced publish waiting for its turn is brought forward; an unchanged one is not sent).
 */
export async function homeOpened(deps: Pick<UseCaseDeps, 'store' | 'clock' | 'effectsQueued'>, input: { userId: string; shown: ShownHome | null }): Promise<void> {
  await deps.store.transaction(async (records) => {
    const now = deps.clock.now();
    await records.noteHomeOpened(input.userId, now, input.shown);
    await records.enqueue({ kind: 'publish_home', userId: input.userId }, now);
  });
  deps.effectsQueued();
}
