/**
 * `npm run screenshots`: walks the playground in Chromium the way the README describes and saves what the page shows
 * to docs/screenshots/ (declare form, summary card, triage reply, shift handoff, postmortem draft, App Home).
 * Needs Debian's chromium, and fonts-noto-color-emoji for the emoji the bot writes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { startPlayground } from '../playground/playground.js';
import { openBrowser } from '../test/playground/browser.js';
import { PlaygroundPage } from '../test/playground/page-driver.js';

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const playground = await startPlayground({ port: 0, databasePath: null, locale: 'en', timeZone: 'UTC', logger: pino({ level: 'warn' }) });
  const browser = await openBrowser({ width: 1400, height: 860 });
  const p = new PlaygroundPage(browser.page);
  const shot = async (name: string): Promise<void> => {
    await browser.page.mouse.move(5, 850);
    // No focus ring or hover toolbar left on the last thing clicked.
    await browser.page.evaluate('document.activeElement && document.activeElement.blur()');
    await browser.page.screenshot({ path: join(OUT, `${name}.png`) });
    console.log(`docs/screenshots/${name}.png`);
  };
  try {
    await p.open(playground.url);
    await p.send('/incident declare Checkout is down');
    await p.modal.getByRole('heading', { name: 'Declare incident' }).waitFor();
    await p.input('severity').selectOption('sev1');
    await p.input('impact').fill('About 20% of card payments fail with a 502 at the last step of checkout');
    await shot('declare-form');

    await p.submitModal();
    await p.modalClosed();
    await p.openChannel('inc-1-checkout-is-down');
    const card = p.message('INC-1 · Checkout is down');
    await card.getByRole('button', { name: 'Post update' }).click();
    await p.input('text').fill('payments-api v2.4.0 went out at 01:55; rolling back to v2.3.1 now');
    await p.submitModal();
    await p.modalClosed();
    await card.getByText(/rolling back/).waitFor();
    await p.send('/incident followup Alert on DB pool saturation @bob');
    await card.getByText('1 follow-up').waitFor();
    await shot('summary-card');

    await p.scenario(/Alert storm/);
    await browser.page.getByRole('button', { name: '⚡ Alert storm' }).and(browser.page.locator(':enabled')).waitFor({ timeout: 60_000 });
    await p.message('[FIRING:1] HighErrorRate checkout').locator('.thread-link').click();
    const reply = p.paneMessage('HighErrorRate · checkout · critical');
    await reply.getByText('Firing: 8 instances').waitFor();
    await reply.getByRole('button', { name: 'Acknowledge' }).click();
    await reply.getByText(/Acknowledged by @alice/).waitFor();
    await shot('triage-reply');

    await p.scenario(/Fast-forward 15 minutes/);
    await browser.page.getByTestId('clock').getByText('+15 min').waitFor({ timeout: 60_000 });
    await p.openChannel('oncall');
    await p.message('on-call handoff').getByRole('button', { name: 'Acknowledge handoff' }).waitFor();
    await shot('shift-handoff');

    await p.openChannel('inc-1-checkout-is-down');
    await p.message('Is customer impact mitigated?').getByRole('button', { name: 'Mitigated' }).click();
    await p.field(card, 'Status', 'Mitigated');
    await card.getByRole('button', { name: 'Resolve' }).click();
    await p.input('summary').fill('Rolled back payments-api to v2.3.1; checkout healthy for 20 minutes');
    await p.input('cause').fill('payments-api v2.4.0 halved the DB connection pool; under peak load requests waited and the gateway timed out');
    await p.input('impact_start').fill('01:57');
    await p.submitModal();
    await p.modalClosed();
    await p.field(card, 'Status', 'Resolved');
    await card.locator('.thread-link').click();
    const draft = p.paneMessage('postmortem draft');
    await draft.getByText(/Why did “Checkout is down” happen\?/).waitFor();
    // The draft's first lines at the top of the thread pane.
    await draft.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot('postmortem-draft');

    // Bob's Home: a lead request waiting for him, the other open incident, his follow-up, on call, the resolved one.
    await p.openChannel('general');
    await p.declare('Search results are slow', 'sev2', 'Search answers in 4 s instead of 300 ms for about a third of queries');
    await p.openChannel('inc-2-search-results-are-slow');
    await p.send('/incident lead @bob');
    await p.message('has been asked to lead INC-2').waitFor();
    await p.as('U0BOB');
    await p.openHome();
    await p.home.getByText('Waiting for you').waitFor();
    await p.home.getByText('Recently resolved').waitFor();
    await shot('app-home');
  } finally {
    await browser.close();
    await playground.stop();
  }
}

await main();
