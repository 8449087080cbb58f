/**
 * Fast-forward in Chromium: what falls due inside the jump (the commander's mitigation question, the shift reminder,
 * the handoff) is posted in order, each stamped within a second of its own due time on the bot's clock, not at the
 * clock's next stop or the end of the jump.
 */
import { describe, expect, it } from 'vitest';
import { pagePerTest } from './page-session.js';
import type { Locator } from 'playwright-core';

const s = pagePerTest();

const MIN = 60_000;

/** The time the page shows a message was posted at (Slack's ts, on the bot's clock), in ms. */
async function stampOf(message: Locator): Promise<number> {
  return Date.parse((await message.locator('time.msg-time').first().getAttribute('datetime')) ?? '');
}

describe('fast-forward, in Chromium', () => {
  it('posts the prompt, the shift reminder and the handoff each within a second of its due time', async () => {
    const { p, playground } = s;
    await p.declare('Search is slow', 'sev2', 'Search takes 10 s for everyone');
    await p.openChannel('inc-1-search-is-slow');
    await p.message('INC-1 · Search is slow').waitFor();
    const incident = await playground.bot.store.getIncident(1);
    if (!incident) throw new Error('not declared');
    // The demo's SEV2 asks the commander about mitigation 15 minutes after the declaration.
    const promptDue = incident.milestones.declaredAt.getTime() + 15 * MIN;
    const pressedAt = playground.clock.nowMs();

    await p.scenario(/Fast-forward 15 minutes/);
    await p.page.getByTestId('clock').getByText('+15 min').waitFor({ timeout: 60_000 });
    const prompt = p.message('Is customer impact mitigated?');
    await prompt.waitFor();

    const handoff = await playground.bot.store.lastPostedHandoff('platform');
    if (!handoff) throw new Error('no handoff in the jump');
    expect(handoff.dueAt.getTime()).toBeGreaterThan(pressedAt);
    expect(handoff.late).toBe(false);

    const stamps: Array<{ what: string; due: number; posted: number }> = [{ what: 'mitigation question', due: promptDue, posted: await stampOf(prompt) }];
    await p.as('U0CAROL');
    await p.openChannel('incident-bot');
    stamps.push({ what: 'shift reminder', due: handoff.dueAt.getTime() - 5 * MIN, posted: await stampOf(p.message('on-call shift ends')) });
    await p.openChannel('oncall');
    stamps.push({ what: 'handoff', due: handoff.dueAt.getTime(), posted: await stampOf(p.message('on-call handoff')) });

    // A message's ts counts whole seconds (what follows the point tells messages apart), so the stamp may read a
    // little before the due time within its second.
    for (const s of stamps) {
      expect(Math.abs(s.posted - s.due), `${s.what}: due ${new Date(s.due).toISOString()}, stamped ${new Date(s.posted).toISOString()}`).toBeLessThan(1_000);
    }
    // In the order they fell due, whatever that order was.
    const byDue = [...stamps].sort((a, b) => a.due - b.due).map((s) => s.what);
    expect([...stamps].sort((a, b) => a.posted - b.posted).map((s) => s.what)).toEqual(byDue);
  }, 150_000);
});
