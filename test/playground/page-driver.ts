/**
 * A person using the playground page, in the page's own terms (the composer, the sidebar, a message's buttons, the
 * modal), for the browser tests and the screenshot script. Every wait is for something on screen.
 */
import type { Locator, Page } from 'playwright-core';

export const WAIT_MS = 30_000;

export class PlaygroundPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    page.setDefaultTimeout(WAIT_MS);
  }

  async open(url: string, person = 'U0ALICE'): Promise<void> {
    await this.page.goto(`${url}#as=${person}&c=C0GENERAL`);
    await this.page.getByTestId('sidebar').getByRole('button', { name: 'general' }).waitFor();
  }

  get composer(): Locator {
    return this.page.locator('#composer-text');
  }

  get modal(): Locator {
    return this.page.getByTestId('modal');
  }

  get pane(): Locator {
    return this.page.getByTestId('pane');
  }

  /** The bot's Home tab, once the page shows it. */
  get home(): Locator {
    return this.page.getByTestId('home');
  }

  /** Opens the bot's Home tab from the sidebar (the page sends app_home_opened, as Slack does). */
  async openHome(): Promise<void> {
    await this.page.getByTestId('sidebar-apps').getByRole('button', { name: 'Home' }).click();
    await this.header.getByText('Home', { exact: true }).waitFor();
  }

  get header(): Locator {
    return this.page.getByTestId('channel-header');
  }

  /** Types into the channel's composer and presses Enter, as a person would. */
  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press('Enter');
  }

  async replyInThread(text: string): Promise<void> {
    const box = this.page.locator('#thread-text');
    await box.fill(text);
    await box.press('Enter');
  }

  async as(personId: string): Promise<void> {
    await this.page.locator('#me').selectOption(personId);
    await this.page.waitForURL((url) => url.hash.includes(`as=${personId}`));
  }

  async openChannel(name: string | RegExp): Promise<void> {
    await this.page.getByTestId('sidebar').getByRole('button', { name }).click();
    await this.header.getByRole('heading', { name }).waitFor();
  }

  /** Top-level messages (and ephemeral ones) in the open channel that contain `text`. */
  message(text: string | RegExp): Locator {
    return this.page.getByTestId('messages').locator('[data-testid="message"], [data-testid="ephemeral"]').filter({ hasText: text });
  }

  paneMessage(text: string | RegExp): Locator {
    return this.pane.getByTestId('message').filter({ hasText: text });
  }

  /** Waits until a Block Kit field in `within` (e.g. the summary card) reads `label` then `value`. */
  async field(within: Locator, label: string, value: string): Promise<void> {
    const escape = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await within.locator('.bk-field').filter({ hasText: new RegExp(`^${escape(label)}\\s*${escape(value)}$`) }).waitFor();
  }

  /** The modal's input block, by the bot's block id. */
  input(blockId: string): Locator {
    return this.modal.locator(`[data-input-block="${blockId}"]`).locator('input:not([type=checkbox]):not([type=radio]), textarea, select').first();
  }

  async submitModal(): Promise<void> {
    await this.modal.locator('[data-modal="submit"]').click();
  }

  async modalClosed(): Promise<void> {
    await this.modal.waitFor({ state: 'detached' });
  }

  async scenario(label: RegExp): Promise<void> {
    await this.page.getByRole('button', { name: label }).click();
  }

  /** Declares through the page: `/incident declare`, the form, and into the new channel. */
  async declare(title: string, severity: string, impact: string): Promise<void> {
    await this.send(`/incident declare ${title}`);
    await this.modal.getByRole('heading', { name: 'Declare incident' }).waitFor();
    await this.input('severity').selectOption(severity);
    await this.input('impact').fill(impact);
    await this.submitModal();
    await this.modalClosed();
  }
}
