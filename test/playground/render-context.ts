/** The context the page renders with, for tests of its pure renderers (no browser needed). */
import type { BlockContext } from '../../playground/web/blocks.js';

export const USERS = {
  U0ALICE: { name: 'alice', realName: 'Alice Kim' },
  U0BOB: { name: 'bob', realName: 'Bob Okafor' },
  U0BOT: { name: 'incident-bot', realName: 'Incident Bot' },
};

export function renderContext(overrides: Partial<BlockContext> = {}): BlockContext {
  return {
    users: USERS,
    channelName: (id) => ({ C0ALERTS: 'alerts', C0INC3: 'inc-3-checkout-502s' })[id] ?? null,
    me: 'U0ALICE',
    nowMs: Date.parse('2026-11-23T06:30:00Z'),
    timeZone: 'UTC',
    locale: 'en-US',
    surface: 'message',
    people: [
      { id: 'U0ALICE', name: 'alice', realName: 'Alice Kim' },
      { id: 'U0BOB', name: 'bob', realName: 'Bob Okafor' },
    ],
    channels: [{ id: 'C0ALERTS', name: 'alerts' }],
    ...overrides,
  };
}
