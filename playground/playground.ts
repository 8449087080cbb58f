/**
 * The playground's composition root: a clock that can jump ahead, the project's fake Slack with a demo workspace,
 * the real bot (same code, same signed HTTP endpoint or Socket Mode connection as production) configured for that
 * workspace, and the page.
 * Stopping runs the other way round.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { startBot, type RunningBot } from '../src/bot.js';
import { rotationsOf, type Settings } from '../src/config.js';
import { FakeSlack } from '../test/fake-slack/server.js';
import { SignedSlackClient } from '../test/fake-slack/slack-client.js';
import { SocketSlackClient } from '../test/fake-slack/socket-slack-client.js';
import { ChangeWatcher } from './change-watcher.js';
import { BOT, CHANNELS, demoConfig, PEOPLE, seedWorkspace } from './demo-workspace.js';
import { OffsetClock } from './offset-clock.js';
import { pageState, workspaceFingerprint } from './page-state.js';
import { PersonActions } from './person-actions.js';
import { resolvePlan, stormPlan } from './scenarios/alert-storm.js';
import { fastForward, nextDueWork } from './scenarios/fast-forward.js';
import { Scenarios } from './scenarios/scenarios.js';
import { postWelcome } from './welcome.js';
import { startWebServer } from './web-server.js';

export const FAST_FORWARD_MS = 15 * 60_000;

export interface PlaygroundOptions {
  /** the page's port; 0 picks a free one */
  readonly port: number;
  /** SQLite file to keep the record in; a temporary one (deleted on stop) when null */
  readonly databasePath: string | null;
  readonly locale: 'en' | 'ko';
  readonly timeZone: string;
  readonly logger: Logger;
  /** Slack's requests reach the bot over Socket Mode (the fake's WebSocket) instead of signed HTTP. */
  readonly socketMode?: boolean;
}

export interface Playground {
  readonly url: string;
  readonly databasePath: string;
  readonly clock: OffsetClock;
  readonly fake: FakeSlack;
  readonly bot: RunningBot;
  stop(): Promise<void>;
}

export async function startPlayground(o: PlaygroundOptions): Promise<Playground> {
  const clock = new OffsetClock();
  // Generated here, used only between the fake, the bot and the page on loopback.
  const botToken = `xoxb-playground-${randomBytes(16).toString('hex')}`;
  const signingSecret = randomBytes(32).toString('hex');
  const tempDir = o.databasePath === null ? mkdtempSync(join(tmpdir(), 'incident-bot-playground-')) : null;
  const databasePath = o.databasePath ?? join(tempDir ?? '.', 'playground.db');

  // The fake holds the bot to Slack's contract (manifest.yml's scopes, the method table): a break is a bug, said at once.
  const fake = await FakeSlack.start({
    botToken,
    botUserId: BOT.userId,
    botId: BOT.botId,
    now: () => clock.nowMs(),
    onViolation: (violation) => o.logger.error({ area: 'fake-slack', ...violation }, 'the bot broke the Slack Web API contract'),
  });
  seedWorkspace(fake, o.timeZone);
  postWelcome(fake, o.locale);

  const config = demoConfig({ locale: o.locale, timeZone: o.timeZone, now: clock.now() });
  const settings: Settings = {
    slack: o.socketMode ? { botToken, signingSecret: null, appToken: fake.appToken, apiUrl: `${fake.url}/api/` } : { botToken, signingSecret, appToken: null, apiUrl: `${fake.url}/api/` },
    port: 0,
    host: '127.0.0.1',
    database: { kind: 'sqlite', path: databasePath },
    configFile: null,
    logLevel: o.logger.level,
    config,
  };
  let bot: RunningBot;
  try {
    bot = await startBot(settings, { clock, logger: o.logger });
  } catch (error) {
    await fake.stop();
    throw error;
  }
  const client = { appUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret, fake };
  const slack = o.socketMode ? new SocketSlackClient(client) : new SignedSlackClient(client);
  const actions = new PersonActions(fake, slack, () => clock.nowMs());
  const rotations = rotationsOf(config);
  const log = o.logger.child({ area: 'playground' });
  const scenarios = new Scenarios({
    post: (post) => actions.postAs(CHANNELS.alerts.id, post),
    storm: () => stormPlan(PEOPLE[1]?.id ?? ''),
    resolve: resolvePlan,
    fastForward: (byMs) =>
      fastForward(
        {
          clock,
          nextDueAt: () => nextDueWork(bot.store, rotations, clock.now()),
          ticked: () => bot.ticked(1),
          settled: () => bot.settled(),
          stopTimeoutMs: 15_000,
          onStuck: (dueAt) => log.warn({ dueAt: new Date(dueAt).toISOString() }, 'the bot did not do the work due at this time; moving the clock on'),
        },
        byMs,
      ),
    onError: (error) => log.error({ err: error }, 'scenario failed'),
  });
  const watcher = new ChangeWatcher(() => `${workspaceFingerprint(fake)}|${clock.offsetMs}|${JSON.stringify(scenarios.state)}`);
  const directory = () => ({
    users: PEOPLE.map((p) => ({ id: p.id, name: p.name })).concat([{ id: BOT.userId, name: BOT.name }]),
    channels: fake.channels().filter((c) => !c.isIm && !c.isPrivate).map((c) => ({ id: c.id, name: c.name })),
  });
  const web = await startWebServer(
    {
      api: { actions, scenarios, people: new Set(PEOPLE.map((p) => p.id)), directory, fastForwardMs: FAST_FORWARD_MS },
      state: (q) =>
        pageState(
          {
            fake,
            nowMs: () => clock.nowMs(),
            offsetMs: () => clock.offsetMs,
            timeZone: o.timeZone,
            locale: o.locale,
            scenario: () => scenarios.state,
            version: () => watcher.version,
          },
          q,
        ),
      watcher,
      defaultPerson: PEOPLE[0]?.id ?? '',
      onError: (error) => log.error({ err: error }, 'page request failed'),
    },
    o.port,
  ).catch(async (error: unknown) => {
    watcher.stop();
    await bot.stop();
    await fake.stop();
    throw error;
  });

  return {
    url: web.url,
    databasePath,
    clock,
    fake,
    bot,
    async stop() {
      await web.stop();
      watcher.stop();
      await scenarios.stop();
      await bot.stop();
      await fake.stop();
      if (tempDir !== null) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
