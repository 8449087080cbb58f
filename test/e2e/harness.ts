import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { expect } from 'vitest';
import { startBot, type BotOptions, type RunningBot } from '../../src/bot.js';
import { alertSourcesOf, defaultConfig, type AppConfig, type Settings } from '../../src/config.js';
import { FakeSlack } from '../fake-slack/server.js';
import { SignedSlackClient } from '../fake-slack/slack-client.js';
import { SocketSlackClient } from '../fake-slack/socket-slack-client.js';
import { eventually } from '../support/eventually.js';
import { e2eDatabase, freshPostgresDatabase } from '../support/postgres.js';
import type { DatabaseTarget } from '../../src/db/database-url.js';

export const SIGNING_SECRET = 'e2e-signing-secret';
export const BOT_TOKEN = 'xoxb-e2e-token';
export const USERS = { alice: 'U0ALICE', bob: 'U0BOB', carol: 'U0CAROL' } as const;
export const CHANNELS = { general: 'C0GENERAL', announce: 'C0ANNOUNCE' } as const;

/** How Slack reaches the bot: signed requests to `/slack/events`, or envelopes over Socket Mode (SLACK_APP_TOKEN). */
export type Transport = 'http' | 'socket';

export interface Harness {
  readonly fake: FakeSlack;
  readonly bot: RunningBot;
  readonly slack: SignedSlackClient;
  readonly settings: Settings;
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A new record for one harness: an SQLite file, or a fresh database on the run's PostgreSQL server in the postgres project. */
async function newDatabase(): Promise<DatabaseTarget> {
  if (e2eDatabase() === 'postgres') return { kind: 'postgres', url: await freshPostgresDatabase('e2e') };
  return { kind: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'incident-bot-e2e-')), 'bot.db') };
}

/**
 * The real bot over HTTP against the fake Slack (Slack's latency and limits on). `botOptions` tune the outbox for a
 * test. `database` is an SQLite path or a target; by default a new one of the project's kind (TEST_DATABASE_KIND).
 * `env` holds the secrets `config.alertSources` name, as the bot's environment would. `transport` is how Slack's
 * requests arrive; `h.slack` speaks it.
 */
export async function startHarness(
  config: Partial<AppConfig> = {},
  database?: string | DatabaseTarget,
  botOptions: Omit<BotOptions, 'logger'> = {},
  env: Readonly<Record<string, string>> = {},
  transport: Transport = 'http',
): Promise<Harness> {
  const fake = await FakeSlack.start({ botToken: BOT_TOKEN, botUserId: 'U0BOT' });
  fake.addUser({ id: USERS.alice, name: 'alice' });
  fake.addUser({ id: USERS.bob, name: 'bob' });
  fake.addUser({ id: USERS.carol, name: 'carol' });
  fake.addUser({ id: 'U0ROBOT', name: 'robot', isBot: true });
  fake.addChannel({ id: CHANNELS.general, name: 'general', members: ['U0BOT', USERS.alice, USERS.bob] });
  // The README's setup: the bot is not invited to the announce channel; it joins it before its first post there.
  fake.addChannel({ id: CHANNELS.announce, name: 'incidents', members: [USERS.alice, USERS.bob] });
  const appConfig: AppConfig = { ...defaultConfig(), announceChannel: CHANNELS.announce, ...config };
  const alertSources = alertSourcesOf(appConfig, env);
  if (!alertSources.ok) throw new Error(alertSources.error);
  const settings: Settings = {
    slack:
      transport === 'http'
        ? { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, appToken: null, apiUrl: `${fake.url}/api/` }
        : { botToken: BOT_TOKEN, signingSecret: null, appToken: fake.appToken, apiUrl: `${fake.url}/api/` },
    port: 0,
    database: typeof database === 'string' ? { kind: 'sqlite', path: database } : (database ?? (await newDatabase())),
    configFile: null,
    logLevel: 'silent',
    config: appConfig,
    alertSources: alertSources.value,
  };
  const logger = pino({ level: process.env.E2E_LOG_LEVEL ?? 'silent' });
  let bot = await startBot(settings, { ...botOptions, logger });
  const client = () => {
    const o = { appUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET, fake };
    return transport === 'http' ? new SignedSlackClient(o) : new SocketSlackClient(o);
  };
  const harness = {
    fake,
    settings,
    bot,
    slack: client(),
    /** Stops the bot, waits `downMs` (time passes while it is down), and starts it on the same database. */
    async restart(downMs = 0) {
      await bot.stop();
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      bot = await startBot(settings, { ...botOptions, logger });
      harness.bot = bot;
      harness.slack = client();
    },
    async stop() {
      await bot.stop();
      await fake.stop();
    },
  };
  return harness;
}

/** The ephemeral answers a user got, newest last. */
export const answersTo = (fake: FakeSlack, userId: string): string[] => fake.responsesFor(userId).map((r) => r.text ?? '');

/** Runs `/incident …` and returns the ephemeral answer it produced (if any) once it arrives. */
export async function command(h: Harness, text: string, user: string = USERS.alice, channel: string = CHANNELS.general): Promise<string> {
  const before = h.fake.responsesFor(user).length;
  const response = await h.slack.command(text, { user, channel });
  expect(response.status).toBe(200);
  const answer = await eventually(() => {
    const all = h.fake.responsesFor(user);
    if (all.length <= before) throw new Error(`no answer yet to "/incident ${text}"`);
    return all[all.length - 1]?.text ?? '';
  }, 3_000);
  await h.bot.settled();
  return answer;
}

export interface DeclareOptions {
  user?: string;
  severity?: string | null;
  impact?: string;
  /** null leaves the commander field empty (the setup prompt then asks who leads). */
  commander?: string | null;
  private?: boolean;
}

/** Declares through the real flow: slash command → modal opened by the bot → submission as Slack's client sends it. */
export async function declare(h: Harness, title: string, options: DeclareOptions = {}): Promise<{ channelId: string; openedInMs: number }> {
  const user = options.user ?? USERS.alice;
  const viewsBefore = h.fake.views.length;
  const started = Date.now();
  await h.slack.command(`declare ${title}`, { user, channel: CHANNELS.general });
  const view = await eventually(() => {
    const v = h.fake.views[viewsBefore];
    if (!v) throw new Error('declare modal not opened');
    return v;
  }, 3_000);
  const openedInMs = Date.now() - started;
  const severity = options.severity === undefined ? 'sev2' : options.severity;
  const submitted = await h.slack.submitView({
    user,
    view,
    values: {
      title: { value: { type: 'plain_text_input', value: title } },
      severity: { value: { type: 'static_select', selected_option: severity ? { text: { type: 'plain_text', text: severity.toUpperCase() }, value: severity } : null } },
      impact: { value: { type: 'plain_text_input', value: options.impact ?? null } },
      commander: { value: { type: 'users_select', selected_user: options.commander === undefined ? user : options.commander } },
      private: { value: { type: 'checkboxes', selected_options: options.private ? [{ text: { type: 'plain_text', text: 'Private' }, value: 'private' }] : [] } },
    },
  });
  expect(submitted.status).toBe(200);
  expect(submitted.body).toBe('');
  const channelId = await eventually(async () => {
    await h.bot.settled();
    const incidents = await h.bot.store.listOpenIncidents();
    const latest = incidents.at(-1);
    if (!latest?.channelId) throw new Error('incident channel not created yet');
    return latest.channelId;
  }, 5_000);
  await h.bot.settled();
  return { channelId, openedInMs };
}

/** The value of a button in a stored message, found by its action id, as Slack's client would send it. */
export function buttonValue(blocks: unknown, actionId: string): string {
  const walk = (node: unknown): string | undefined => {
    if (Array.isArray(node)) return node.map(walk).find((v) => v !== undefined);
    if (node === null || typeof node !== 'object') return undefined;
    const record = node as Record<string, unknown>;
    if (record.action_id === actionId && typeof record.value === 'string') return record.value;
    return Object.values(record).map(walk).find((v) => v !== undefined);
  };
  const value = walk(blocks);
  if (value === undefined) throw new Error(`no button ${actionId}`);
  return value;
}

/** Resolves through the real flow: `/incident resolve` → the resolve form → its submission, which must be accepted. */
export async function resolveWithModal(
  h: Harness,
  channelId: string,
  values: { summary: string; cause: string; impactStart?: string },
  user: string = USERS.alice,
): Promise<void> {
  await h.slack.command('resolve', { user, channel: channelId });
  const view = await eventually(() => {
    const v = h.fake.lastView();
    if (v?.callback_id !== 'incident.resolve') throw new Error('resolve modal not open');
    return v;
  });
  const submitted = await h.slack.submitView({
    user,
    view,
    values: {
      summary: { value: { type: 'plain_text_input', value: values.summary } },
      cause: { value: { type: 'plain_text_input', value: values.cause } },
      ...(values.impactStart === undefined ? {} : { impact_start: { value: { type: 'plain_text_input', value: values.impactStart } } }),
    },
  });
  expect(submitted.body).toBe('');
}
