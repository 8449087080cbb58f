/**
 * The page behaves like Slack's client where a newcomer first looks: a public channel one has not joined is previewed
 * with "Join channel"; an unknown slash command gets Slackbot's answer (no error anywhere); a thread opens at its
 * latest reply; a stopped server shows "disconnected" and the page comes back with the server.
 */
import { describe, expect, it } from 'vitest';
import { pagePerTest, startTestPlayground } from './page-session.js';

/** Errors the page logged (failed requests included): a person would see none of them. */
let consoleErrors: string[] = [];

const s = pagePerTest(({ browser }) => {
  consoleErrors = [];
  browser.page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
  browser.page.on('pageerror', (e) => void consoleErrors.push(e.message));
});

describe('the playground page, where a newcomer first looks', () => {
  it('previews a public channel one has not joined, with "Join channel"; joined, one can write there', async () => {
    const { p, playground } = s;
    await p.declare('Checkout is down', 'sev2', 'Card payments fail');
    await p.openChannel('inc-1-checkout-is-down');

    // Bob was not invited: he may read the channel, but Slack offers "Join channel" instead of a message box.
    await p.as('U0BOB');
    await p.openChannel('inc-1-checkout-is-down');
    const join = p.page.getByTestId('join-bar');
    await join.getByText('You are viewing #inc-1-checkout-is-down').waitFor();
    expect(await p.composer.isVisible()).toBe(false);
    await p.message('INC-1 · Checkout is down').waitFor();
    // Writing does not join him behind his back, even past the page (the page API refuses, as Slack would).
    const channel = playground.fake.channel('inc-1-checkout-is-down')?.id;
    const refused = await p.page.evaluate(async (id) => {
      const res = await fetch('/api/message', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: 'U0BOB', channel: id, text: 'hello?' }) });
      return (await res.json()) as { ok: boolean; error?: string };
    }, channel);
    expect(refused).toEqual({ ok: false, error: 'You are not in #inc-1-checkout-is-down. Join it to write there.' });
    expect(playground.fake.channel('inc-1-checkout-is-down')?.members).not.toContain('U0BOB');
    consoleErrors.length = 0;

    await join.getByRole('button', { name: 'Join channel' }).click();
    await p.composer.waitFor({ state: 'visible' });
    expect(await join.isVisible()).toBe(false);
    expect(playground.fake.channel('inc-1-checkout-is-down')?.members).toContain('U0BOB');
    await p.send('/incident update Bob here: payments-api pods restarting');
    await p.message('INC-1 · Checkout is down').getByText('Bob here: payments-api pods restarting').waitFor();
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('an unknown slash command gets Slackbot’s answer, only for the person, with no error in the console', async () => {
    const { p, playground } = s;
    await p.send('/foo bar');
    const answer = p.message('/foo is not a valid command');
    await answer.waitFor();
    expect(await answer.textContent()).toContain('Slackbot');
    expect(await answer.textContent()).toContain('Only visible to you');
    expect(await p.composer.inputValue()).toBe('/foo bar');
    expect(playground.fake.messages('C0GENERAL').some((m) => m.text.includes('/foo'))).toBe(false);
    expect(consoleErrors).toEqual([]);
  }, 60_000);

  it('help and error texts show their placeholders (<text>, <reason>) as written', async () => {
    const { p } = s;
    await p.send('/incident help');
    const help = p.message('run an incident from Slack');
    await help.waitFor();
    for (const line of ['/incident update <text>', '/incident reopen <reason>', '/incident followup <text> [@owner]', '/incident oncall override @user <duration> [rotation]']) {
      await help.getByText(line, { exact: false }).first().waitFor();
    }
    await p.send('/incident note');
    await p.message('That needs more: /incident note <text>').waitFor();
    expect(consoleErrors).toEqual([]);
  }, 60_000);

  it('refuses a 283-character title in `/incident declare`, as the README says, instead of cutting it', async () => {
    const { p, playground } = s;
    const title = 'Checkout down '.repeat(21).slice(0, 283);
    await p.send(`/incident declare ${title}`);
    await p.message('The title is 283 characters; the limit is 200.').waitFor();
    expect(await p.modal.count()).toBe(0);
    expect(playground.fake.views).toHaveLength(0);
  }, 60_000);

  it('switching person while the page is still fetching keeps the person one picked', async () => {
    const { p } = s;
    // Hold Alice's next state fetch (the one her message triggers) until after she switches to Bob.
    let heldSeen!: () => void;
    const held = new Promise<void>((resolve) => (heldSeen = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await p.page.route(
      (url) => url.pathname === '/api/state' && url.searchParams.get('as') === 'U0ALICE',
      async (route) => {
        heldSeen();
        await released;
        await route.continue();
      },
    );
    await p.send('hello from Alice');
    await held;
    await p.page.locator('#me').selectOption('U0BOB');
    release();
    await p.page.waitForURL((url) => url.hash.includes('as=U0BOB'));
    await p.page.unroute('**');
    // The late answer for Alice must not put her back in the picker.
    await p.send('hello from Bob');
    await p.message('hello from Bob').waitFor();
    expect(await p.page.locator('#me').inputValue()).toBe('U0BOB');
    expect(new URL(p.page.url()).hash).toContain('as=U0BOB');
  }, 60_000);

  it('a thread opens at its latest reply', async () => {
    const { p, playground } = s;
    const fake = playground.fake;
    if (!fake) throw new Error('no playground');
    const parent = fake.postMessage('C0GENERAL', { user: 'U0BOB', text: 'Deploy log for today' });
    for (let i = 1; i <= 40; i += 1) fake.postMessage('C0GENERAL', { user: 'U0BOB', text: `step ${i} of 40 done`, threadTs: parent });
    await p.message('Deploy log for today').locator('.thread-link').click();
    const latest = p.paneMessage('step 40 of 40 done');
    await latest.waitFor();
    const body = p.page.locator('#pane-body');
    await expect.poll(() => body.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(5);
    expect(await body.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    expect(await p.paneMessage('step 1 of 40 done').isVisible()).toBe(true);
    const paneBox = await body.boundingBox();
    const latestBox = await latest.boundingBox();
    expect(latestBox && paneBox && latestBox.y + latestBox.height <= paneBox.y + paneBox.height + 1).toBe(true);
  }, 60_000);

  it('shows "disconnected" while the server is stopped, and comes back when it is', async () => {
    const { p, playground: first } = s;
    const port = Number(new URL(first.url).port);
    const bar = p.page.getByTestId('disconnected');
    expect(await bar.isVisible()).toBe(false);

    await first.stop();
    await bar.waitFor({ state: 'visible', timeout: 10_000 });

    const again = await startTestPlayground(port);
    s.playground = again;
    await bar.waitFor({ state: 'hidden', timeout: 15_000 });
    // The page is live again: it shows the new server's workspace and what is sent there.
    await p.send('back again');
    await p.message('back again').waitFor();
    expect(again.fake.messages('C0GENERAL').some((m) => m.text === 'back again')).toBe(true);
  }, 90_000);
});
