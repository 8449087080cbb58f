/**
 * The README's "Try it" steps, in the README's order, from a fresh playground: each shows what it promises. The test
 * reads the steps from the README first, so reordering them there without checking here fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WAIT_MS } from './page-driver.js';
import { pagePerTest } from './page-session.js';

const s = pagePerTest();

/** The numbered steps of the README's "Try it in two commands". */
function readmeSteps(): string[] {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Try it in two commands'), readme.indexOf('## Quick start'));
  return section.split(/\n(?=\d\. )/).filter((part) => /^\d\. /.test(part));
}

describe('the README’s first steps, in Chromium', () => {
  it('each step, in the README’s order from a fresh start, shows what it promises', async () => {
    const { p, playground } = s;
    const steps = readmeSteps();
    const promises = [
      ['/incident declare Checkout is down', '**SEV1** or **SEV2**'],
      ['**Fast-forward 15 minutes**', 'Is customer impact mitigated?', 'Carol'],
      ['**Post update**', '**Mitigated**', '**Resolve**', 'postmortem draft'],
      ['**Alert storm**', '**Declare incident**', 'SEV1 for `HighErrorRate · checkout`', '**Resolve the alerts**'],
      ['Bob', '**Join channel**'],
      ['**Home**', '`/incident lead @bob`', 'acknowledge on his Home'],
    ];
    expect(steps).toHaveLength(promises.length);
    promises.forEach((words, i) => words.forEach((w) => expect(steps[i]?.replace(/\s+/g, ' ')).toContain(w)));

    // The guide in #general gives the same order.
    const guide = (await p.message('Welcome to the incident-bot playground').textContent()) ?? '';
    const order = ['/incident declare Checkout is down', 'Fast-forward 15 minutes', 'Resolve', 'Alert storm', 'Join channel', 'Home'].map((w) => guide.indexOf(w));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > (order[i - 1] ?? 0)))).toBe(true);

    // 1. Declare with a severity.
    await p.declare('Checkout is down', 'sev2', 'Card payments fail at the last step');
    await p.openChannel('inc-1-checkout-is-down');
    const card = p.message('INC-1 · Checkout is down');
    await card.getByText('📌 Pinned').waitFor();

    // 2. Fast-forward: the commander's mitigation question, and Carol's shift handed to Alice after a reminder.
    await p.scenario(/Fast-forward 15 minutes/);
    await p.page.getByTestId('clock').getByText('+15 min').waitFor({ timeout: 60_000 });
    const question = p.message('Is customer impact mitigated?');
    await question.getByRole('button', { name: 'Not yet' }).click();
    await question.getByText(/Not yet; will ask again/).waitFor();
    await p.openChannel('oncall');
    await p.message('on-call handoff').getByText('@carol → @alice').waitFor();
    await p.as('U0CAROL');
    await p.openChannel('incident-bot');
    await p.message('on-call shift ends').waitFor();
    await p.as('U0ALICE');

    // 3. Update, mitigate and resolve from the card; the postmortem draft lands in its thread.
    await p.openChannel('inc-1-checkout-is-down');
    await card.getByRole('button', { name: 'Post update' }).click();
    await p.input('text').fill('Rolled back payments-api; errors falling');
    await p.submitModal();
    await p.modalClosed();
    await card.getByRole('button', { name: 'Mitigated' }).click();
    await p.field(card, 'Status', 'Mitigated');
    await card.getByRole('button', { name: 'Resolve' }).click();
    await p.input('summary').fill('Rolled back payments-api');
    await p.submitModal();
    await p.modalClosed();
    await card.locator('.thread-link').click();
    await p.paneMessage('postmortem draft').first().waitFor({ timeout: WAIT_MS });

    // 4. The storm; Declare incident in a triage reply comes with the suggested severity, and declares with it.
    await p.scenario(/Alert storm/);
    await p.page.getByRole('button', { name: '⚡ Alert storm' }).and(p.page.locator(':enabled')).waitFor({ timeout: 60_000 });
    await p.message('[FIRING:1] HighErrorRate checkout').locator('.thread-link').click();
    const reply = p.paneMessage('HighErrorRate · checkout · critical');
    await reply.getByText('Firing: 8 instances').waitFor({ timeout: WAIT_MS });
    await reply.getByRole('button', { name: 'Declare incident' }).click();
    await p.modal.getByRole('heading', { name: 'Declare incident' }).waitFor();
    expect(await p.input('title').inputValue()).toBe('HighErrorRate · checkout');
    expect(await p.input('severity').inputValue()).toBe('sev1');
    await p.submitModal();
    await p.modalClosed();
    await p.openChannel('inc-2-higherrorrate-checkout');
    await p.field(p.message('INC-2 · HighErrorRate · checkout'), 'Severity', 'SEV1');
    await p.scenario(/Resolve the alerts/);
    await p.openChannel('alerts');
    await p.message('[RESOLVED] HighErrorRate checkout').first().waitFor({ timeout: 60_000 });

    // 5. Bob reads an incident channel he is not in, joins it, and writes there.
    await p.as('U0BOB');
    await p.openChannel('inc-2-higherrorrate-checkout');
    await p.page.getByTestId('join-bar').getByRole('button', { name: 'Join channel' }).click();
    await p.page.getByTestId('join-bar').waitFor({ state: 'hidden' });
    await p.send('/incident note Bob joined: checking the payments-api pods');
    await expect.poll(async () => (await playground.bot.store.timeline(2)).some((e) => JSON.stringify(e).includes('checking the payments-api pods')), { timeout: WAIT_MS }).toBe(true);

    // 6. Home: Alice asks Bob to lead INC-2; his Home waits for his answer, and acknowledging there makes him commander.
    await p.as('U0ALICE');
    await p.openChannel('inc-2-higherrorrate-checkout');
    await p.send('/incident lead @bob');
    await p.message('has been asked to lead INC-2').waitFor();
    await p.as('U0BOB');
    await p.openHome();
    await p.home.getByText('Waiting for you').waitFor();
    await p.home.getByRole('button', { name: 'Acknowledge' }).click();
    await p.home.locator('.bkb-section').filter({ hasText: 'INC-2 · HighErrorRate · checkout — you lead' }).waitFor({ timeout: WAIT_MS });
    await p.openChannel('inc-2-higherrorrate-checkout');
    await p.field(p.message('INC-2 · HighErrorRate · checkout'), 'Commander', '@bob');
  }, 240_000);
});
