import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { configFileSchema, envSchema, type ConfigFile } from './config-schema.js';
import type { Severity } from './domain/severity.js';
import type { Rotation } from './domain/oncall/rotation.js';
import { localTimeToInstant } from './domain/oncall/schedule.js';
import { err, ok, type Result } from './domain/result.js';
import type { DatabaseTarget } from './db/database-url.js';
import { WEBHOOK_KINDS, type WebhookKindName } from './domain/alerts/webhooks/index.js';

/** A setting that parsed but does not work on this machine (an unusable database path, a port in use). */
export class SettingError extends Error {
  constructor(
    readonly setting: string,
    detail: string,
  ) {
    super(`setting ${setting}: ${detail}`);
    this.name = 'SettingError';
  }
}

/** A configured alert source with its secrets read from the environment. */
export interface AlertSourceSettings {
  readonly name: string;
  readonly kind: WebhookKindName;
  readonly channelId: string;
  /** What the tool sends as `Authorization: Bearer <token>`. */
  readonly token: string;
  /** Checked when set: an HMAC-SHA256 (hex) of the body, or of `<timestamp>:<body>` with a timestamp header. */
  readonly signature: { readonly secret: string; readonly headers: readonly string[]; readonly timestampHeader: string | null } | null;
}

export interface Settings {
  readonly slack: {
    readonly botToken: string;
    readonly signingSecret: string | null;
    readonly appToken: string | null;
    readonly apiUrl: string | null;
  };
  readonly port: number;
  /** Interface to listen on; all of them unless set (the playground keeps the bot on loopback). */
  readonly host?: string;
  readonly database: DatabaseTarget;
  /** How long a claim on an outbox row or a due job holds unrenewed (REPLICA_LEASE); the delivery default otherwise. */
  readonly leaseMs?: number;
  readonly configFile: string | null;
  readonly logLevel: string;
  readonly config: AppConfig;
  /** `config.alertSources` with their tokens; none when absent. */
  readonly alertSources?: readonly AlertSourceSettings[];
}

export interface AppConfig extends Omit<ConfigFile, 'severities'> {
  readonly severities: readonly Severity[];
}

/** `oncall.rotations[0].timezone`: the form a person finds in their YAML. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`), '');
}

function firstIssue(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0];
  if (!issue) return `${prefix}: invalid`;
  const path = formatPath(issue.path);
  return `${prefix}${path === '' ? '' : ` ${path}`}: ${issue.message}`;
}

export function parseConfigFile(raw: unknown, source: string): Result<AppConfig, string> {
  const parsed = configFileSchema.safeParse(raw ?? {});
  if (!parsed.success) return err(firstIssue(parsed.error, `config ${source}`));
  const { severities, ...rest } = parsed.data;
  return ok({
    ...rest,
    severities: severities.map((s) => ({
      id: s.id,
      label: s.label,
      description: s.description,
      announce: s.announce,
      ...(s.mitigationCheck === undefined ? {} : { mitigationCheckMs: s.mitigationCheck }),
      ...(s.updateReminder === undefined ? {} : { updateReminderMs: s.updateReminder }),
    })),
  });
}

export const defaultConfig = (): AppConfig => {
  const parsed = parseConfigFile({}, 'defaults');
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

export function readConfig(path: string | null): Result<AppConfig, string> {
  if (path === null) return ok(defaultConfig());
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return err(`CONFIG_FILE: cannot read ${path}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'invalid YAML';
    return err(`config ${path}: ${reason}`);
  }
  return parseConfigFile(raw, path);
}

/** The only reader of the environment. Errors are one line naming the setting. */
export function loadSettings(env: Readonly<Record<string, string | undefined>>): Result<Settings, string> {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(blankless);
  if (!parsed.success) return err(firstIssue(parsed.error, 'setting'));
  const e = parsed.data;
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    return err('setting SLACK_SIGNING_SECRET: is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  const configFile = configFilePath(blankless);
  const config = readConfig(configFile);
  if (!config.ok) return config;
  const alertSources = alertSourcesOf(config.value, blankless);
  if (!alertSources.ok) return alertSources;
  return ok({
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET ?? null,
      appToken: e.SLACK_APP_TOKEN ?? null,
      apiUrl: e.SLACK_API_URL ?? null,
    },
    port: e.PORT,
    database: e.DATABASE_URL,
    leaseMs: e.REPLICA_LEASE,
    configFile,
    logLevel: e.LOG_LEVEL,
    config: config.value,
    alertSources: alertSources.value,
  });
}

/** Secrets shorter than this are refused: a token is the only thing between the internet and the alert channel. */
const MIN_SECRET = 16;

function secretFrom(env: Readonly<Record<string, string | undefined>>, name: string, neededBy: string): Result<string, string> {
  const value = env[name];
  if (value === undefined) return err(`setting ${name}: is required by ${neededBy}; set it to a long random secret (e.g. openssl rand -hex 32)`);
  if (value.length < MIN_SECRET) return err(`setting ${name}: must be at least ${MIN_SECRET} characters (e.g. openssl rand -hex 32)`);
  return ok(value);
}

/** Each configured alert source with the token (and signing secret) its environment variables hold. */
export function alertSourcesOf(config: Pick<AppConfig, 'alertSources'>, env: Readonly<Record<string, string | undefined>>): Result<AlertSourceSettings[], string> {
  const sources: AlertSourceSettings[] = [];
  for (const [index, source] of config.alertSources.entries()) {
    const neededBy = `alertSources[${index}] (${source.name})`;
    const token = secretFrom(env, source.tokenEnv, neededBy);
    if (!token.ok) return token;
    let signature: AlertSourceSettings['signature'] = null;
    if (source.signature) {
      const secret = secretFrom(env, source.signature.secretEnv, `${neededBy}.signature`);
      if (!secret.ok) return secret;
      const headers = source.signature.header ? [source.signature.header.toLowerCase()] : WEBHOOK_KINDS[source.kind].signatureHeaders;
      signature = { secret: secret.value, headers, timestampHeader: source.signature.timestampHeader?.toLowerCase() ?? null };
    }
    sources.push({ name: source.name, kind: source.kind, channelId: source.channel, token: token.value, signature });
  }
  return ok(sources);
}

/** `CONFIG_FILE`, else `./incident-bot.yml` if it exists, else none (built-in defaults). */
export function configFilePath(env: Readonly<Record<string, string | undefined>>): string | null {
  const named = env.CONFIG_FILE;
  if (named !== undefined && named !== '') return named;
  return existsSync('./incident-bot.yml') ? './incident-bot.yml' : null;
}

/** For the command-line tools: just the database, no Slack settings needed. */
export function loadDatabaseTarget(env: Readonly<Record<string, string | undefined>>): Result<DatabaseTarget, string> {
  const parsed = envSchema.shape.DATABASE_URL.safeParse(env.DATABASE_URL === '' ? undefined : env.DATABASE_URL);
  if (!parsed.success) return err(firstIssue(parsed.error, 'setting DATABASE_URL'));
  return ok(parsed.data);
}

/** The configured rotations in the domain's terms: the local start time read in the rotation's time zone. */
export function rotationsOf(config: Pick<AppConfig, 'oncall'>): Rotation[] {
  return config.oncall.rotations.map((r) => ({
    name: r.name,
    channelId: r.channel,
    timezone: r.timezone,
    members: r.members,
    startAt: localTimeToInstant(r.start, r.timezone),
    handoffCron: r.handoffCron,
    remindBeforeMs: r.remindBefore,
    ackTimeoutMs: r.ackTimeout,
  }));
}
