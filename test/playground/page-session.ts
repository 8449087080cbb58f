/**
 * The browser tests' setup: before each test a fresh playground and a Chromium page open on it as Alice in #general;
 * after it, both closed. A test may swap in another playground (e.g. one restarted on the same port).
 */
import { existsSync } from 'node:fs';
import { pino } from 'pino';
import { afterEach, beforeEach } from 'vitest';
import { startPlayground, type Playground } from '../../playground/playground.js';
import { CHROMIUM, openBrowser, type OpenBrowser } from './browser.js';
import { PlaygroundPage } from './page-driver.js';

export interface PageSession {
  playground: Playground;
  readonly browser: OpenBrowser;
  readonly p: PlaygroundPage;
}

export const startTestPlayground = (port = 0): Promise<Playground> =>
  startPlayground({ port, databasePath: null, locale: 'en', timeZone: 'UTC', logger: pino({ level: process.env.E2E_LOG_LEVEL ?? 'silent' }) });

/** Registers the hooks; the returned session's fields are the current test's (read them inside a test). */
export function pagePerTest(opened: (session: PageSession) => void = () => undefined): PageSession {
  const session = {} as PageSession;
  let open: PageSession | null = null;
  // Launching Chromium on a loaded machine takes a while: the hook has a minute.
  beforeEach(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does), or set CHROMIUM_PATH`);
    const playground = await startTestPlayground();
    const browser = await openBrowser();
    open = Object.assign(session, { playground, browser, p: new PlaygroundPage(browser.page) });
    opened(session);
    await session.p.open(playground.url);
  }, 60_000);
  afterEach(async () => {
    await open?.browser.close();
    await open?.playground.stop();
    open = null;
  });
  return session;
}
