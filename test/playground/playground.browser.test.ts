/**
 * The playground in a real browser (Debian's Chromium via playwright-core): a person declares, works and resolves an
 * incident through the page, triages an alert storm, and fast-forwards to a prompt and a shift handoff. Every check
 * is on what the page shows; at the end, nothing the bot sent in the run needed the raw-JSON fallback. The Home tab
 * shows whoever the page acts as, and its buttons reach the bot the way Slack sends a press on a Home.
 */
import { describe, expect, it } from 'vitest';
import { renderAttachments } from '../../playground/web/attachments.js';
import { renderBlocks } from '../../playground/web/blocks.js';
import { WAIT_MS } from './page-driver.js';
import { pagePerTest } from './page-session.js';
import { renderContext } from './render-context.js';

const s = pagePerTest();

/** Everything the bot left in the workspace, drawn by the page's renderer: none of it as raw JSON. */
function expectEverythingDrawn(): void {
  const { fake } = s.playground;
  const ctx = renderContext();
  const drawn: string[] = [];
  for (const ch of fake.channels()) {
    for (const m of fake.messages(ch.id, { includeReplies: true })) {
      drawn.push(renderBlocks(m.blocks ?? [], ctx), renderAttachments(m.attachments ?? [], ctx));
      for (const old of m.edits) drawn.push(renderBlocks(old.blocks ?? [], ctx));
    }
  }
  for (const r of fake.responses) drawn.push(renderBlocks(r.blocks ?? [], ctx));
  for (const v of fake.views) drawn.push(renderBlocks(v.blocks, { ...ctx, surface: 'modal' }));
  for (const person of ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAN']) drawn.push(renderBlocks(fake.home(person)?.blocks ?? [], ctx));
  expect(drawn.filter((html) => html.includes('raw-json'))).toEqual([]);
}

const cardOf = () => s.p.message('INC-1 · Checkout is down');

describe('the playground page, in Chromium', () => {
  it('declare, update, mitigate and resolve an incident; the postmortem draft lands in the card’s thread', async () => {
    const { p, browser } = s;
    // Declare: the slash command opens the bot's modal, prefilled with the title.
    await p.send('/incident declare Checkout is down');
    await p.modal.getByRole('heading', { name: 'Declare incident' }).waitFor();
    expect(await p.input('title').inputValue()).toBe('Checkout is down');
    expect(await p.input('commander').inputValue()).toBe('U0ALICE');
    await p.input('severity').selectOption('sev2');
    await p.input('impact').fill('About 20% of checkouts fail with a 502');
    await p.submitModal();
    await p.modalClosed();

    // The incident channel appears in the sidebar; its pinned summary card carries the record.
    await p.openChannel('inc-1-checkout-is-down');
    await cardOf().getByText('📌 Pinned').waitFor();
    await p.field(cardOf(), 'Severity', 'SEV2');
    await p.field(cardOf(), 'Status', 'Investigating');
    await p.field(cardOf(), 'Commander', '@alice');
    await p.header.getByText('SEV2 · Investigating · IC @alice').waitFor();

    // The announcement in #incidents.
    await p.openChannel('incidents');
    await p.message('INC-1').getByText('Checkout is down').waitFor();
    await p.openChannel('inc-1-checkout-is-down');

    // Update through the card's button: a modal, then the card says it.
    await cardOf().getByRole('button', { name: 'Post update' }).click();
    await p.input('text').fill('Rolled back payments-api to v2.3.1; error rate falling');
    await p.submitModal();
    await p.modalClosed();
    await cardOf().getByText('Rolled back payments-api to v2.3.1; error rate falling').waitFor();

    // A person's message, pinned and then edited, joins the timeline (pin_added, then message_changed).
    await p.send('Error graph: 5xx spike starts 02:00 UTC');
    const graph = p.message('Error graph');
    await graph.hover();
    await graph.getByRole('button', { name: '📌 Pin' }).click();
    await graph.getByText('📌 Pinned').waitFor();
    await graph.hover();
    await graph.getByRole('button', { name: 'Edit' }).click();
    await graph.locator('textarea').fill('Error graph: 5xx spike starts 01:58 UTC');
    await graph.getByRole('button', { name: 'Save' }).click();
    await p.message('spike starts 01:58 UTC').getByText('(edited)').waitFor();

    // A mistake gets the bot's ephemeral answer, visible only to this person.
    await p.send('/incident severity sev9');
    await p.message(/sev9/).filter({ hasText: 'Only visible to you' }).waitFor();

    // Mitigated through the card: the status and the topic follow.
    await cardOf().getByRole('button', { name: 'Mitigated' }).click();
    await p.field(cardOf(), 'Status', 'Mitigated');
    await p.header.getByText('SEV2 · Mitigated · IC @alice').waitFor();

    // Resolve: the bot refuses a bad impact start next to the field (response_action: errors), then accepts.
    await cardOf().getByRole('button', { name: 'Resolve' }).click();
    await p.modal.getByRole('heading', { name: 'Resolve incident' }).waitFor();
    await p.input('summary').fill('Rolled back payments-api; checkout healthy for 20 minutes');
    await p.input('cause').fill('A config change in payments-api v2.4.0 exhausted the DB connection pool');
    await p.input('impact_start').fill('25:99');
    await p.submitModal();
    const error = p.modal.locator('[data-input-block="impact_start"] .bk-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/14:05/);
    expect(await p.input('summary').inputValue()).toBe('Rolled back payments-api; checkout healthy for 20 minutes');
    await p.input('impact_start').fill('');
    await p.submitModal();
    await p.modalClosed();
    await p.field(cardOf(), 'Status', 'Resolved');
    await cardOf().getByText('A config change in payments-api v2.4.0 exhausted the DB connection pool').waitFor();

    // The card's thread is the incident log, ending with the postmortem draft.
    await cardOf().locator('.thread-link').click();
    const draft = p.paneMessage('postmortem draft');
    await draft.getByText('INC-1 · Checkout is down — postmortem draft').waitFor({ timeout: WAIT_MS });
    await draft.getByText(/Time to resolve/).first().waitFor();
    await draft.getByText(/Why did “Checkout is down” happen\?/).waitFor();
    await p.paneMessage('Status update on INC-1').waitFor();
    await draft.getByText(/Error graph: 5xx spike starts 01:58 UTC/).waitFor();
    expect(await browser.page.getByTestId('raw-json').count()).toBe(0);
    expectEverythingDrawn();
  }, 120_000);

  it('an alert storm becomes one triage thread per problem; a group is acknowledged, then resolves', async () => {
    const { p, browser } = s;
    await p.scenario(/Alert storm/);
    await p.header.getByRole('heading', { name: 'alerts' }).waitFor();
    await p.page.getByRole('button', { name: '⚡ Alert storm' }).and(p.page.locator(':enabled')).waitFor({ timeout: 60_000 });
    await expect.poll(() => p.message(/FIRING/).count(), { timeout: WAIT_MS }).toBeGreaterThanOrEqual(17);

    // One reply per problem, in the thread of its first alert: five problems; Watchdog is ignored by the demo rules.
    await expect.poll(() => p.page.getByTestId('messages').locator('.thread-link').count(), { timeout: WAIT_MS }).toBe(5);
    const firstErrors = p.message('[FIRING:1] HighErrorRate checkout');
    await firstErrors.locator('.thread-link').click();
    const reply = p.paneMessage('HighErrorRate · checkout · critical');
    await reply.getByText('Firing: 8 instances').waitFor({ timeout: WAIT_MS });
    await reply.getByText(/Why grouped: same source=alertmanager, alertname=higherrorrate, service=checkout within 1h/).waitFor();
    await reply.getByText('Rule #2: suggest as sev1').waitFor();

    await reply.getByRole('button', { name: 'Acknowledge' }).click();
    await reply.getByText(/Acknowledged by @alice/).waitFor();
    await expect.poll(() => reply.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);

    await p.scenario(/Resolve the alerts/);
    await reply.getByText('✅ Resolved').waitFor({ timeout: 60_000 });
    expect(await browser.page.getByTestId('raw-json').count()).toBe(0);
    expectEverythingDrawn();
  }, 150_000);

  it('fast-forward: a mitigation prompt for the open incident, and a shift handoff acknowledged by the incoming person', async () => {
    const { p, browser } = s;
    await p.declare('Search is slow', 'sev2', 'Search takes 10 s for everyone');
    await p.openChannel('inc-1-search-is-slow');
    await p.message('INC-1 · Search is slow').waitFor();

    await p.scenario(/Fast-forward 15 minutes/);
    await p.page.getByTestId('clock').getByText('+15 min').waitFor({ timeout: 60_000 });

    // The bot asks the commander about mitigation, with buttons; answering edits the question.
    const prompt = p.message('Is customer impact mitigated?');
    await prompt.getByRole('button', { name: 'Not yet' }).click();
    await prompt.getByText(/Not yet; will ask again/).waitFor();

    // Carol was on call: the bot reminded her by DM before the handoff, then posted it in #oncall.
    await p.as('U0CAROL');
    await p.openChannel('incident-bot');
    await p.message('on-call shift ends').getByRole('button', { name: 'Write handoff notes' }).waitFor();
    await p.openChannel('oncall');
    const handoff = p.message('on-call handoff');
    await handoff.getByText('@carol → @alice').waitFor();
    await handoff.getByText('INC-1').waitFor();
    expect(await handoff.getByText(/Late/).count()).toBe(0);

    // Alice takes the shift.
    await p.as('U0ALICE');
    await handoff.getByRole('button', { name: 'Acknowledge handoff' }).click();
    await handoff.getByText(/Acknowledged by @alice/).waitFor();
    expect(await browser.page.getByTestId('raw-json').count()).toBe(0);
    expectEverythingDrawn();
  }, 120_000);

  it('shows each person their own Home; Bob acknowledges the lead handoff on his, and the card follows', async () => {
    const { p, browser } = s;
    await p.openHome();
    await p.home.getByText('Nothing needs you right now.').waitFor();
    await p.home.getByText('/incident declare [title]').waitFor();

    await p.openChannel('general');
    await p.declare('Checkout is down', 'sev1', 'Card payments fail');
    await p.openChannel('inc-1-checkout-is-down');
    await p.send('/incident lead @bob');
    await p.message('has been asked to lead INC-1').waitFor();

    // Alice's Home: the incident she leads, most severe first, with its age and channel.
    await p.openHome();
    const mine = p.home.locator('.bkb-section').filter({ hasText: 'INC-1 · Checkout is down — you lead' });
    await mine.getByText(/SEV1 · Investigating · IC @alice · opened/).waitFor();

    // Dan has nothing of his own: the incident is among the other open ones; Carol is on call.
    await p.as('U0DAN');
    await p.home.locator('.bkb-section').filter({ hasText: 'INC-1 · Checkout is down' }).waitFor();
    await p.home.getByText('Other open incidents').waitFor();
    await p.home.getByText(/now @carol/).waitFor();
    expect(await p.home.getByText('you lead').count()).toBe(0);

    // Bob's Home waits for his answer, with the DM's buttons; acknowledging there makes him the commander.
    await p.as('U0BOB');
    await p.home.getByText('Waiting for you').waitFor();
    await p.home.getByText(/@alice asked you to lead it/).waitFor();
    await p.home.getByRole('button', { name: 'Acknowledge' }).click();
    await p.home.locator('.bkb-section').filter({ hasText: 'INC-1 · Checkout is down — you lead' }).waitFor();
    expect(await p.home.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    await p.openChannel('inc-1-checkout-is-down');
    await p.field(p.message('INC-1 · Checkout is down'), 'Commander', '@bob');
    expect(await browser.page.getByTestId('raw-json').count()).toBe(0);
    expectEverythingDrawn();
  }, 120_000);
});
