import { validate as validateCron } from 'node-cron';
import { z } from 'zod';
import { parseDuration } from './domain/duration.js';
import { cronProblem, localTimeToInstant } from './domain/oncall/schedule.js';
import { parseDatabaseUrl } from './db/database-url.js';
import { WEBHOOK_KIND_NAMES, WEBHOOK_KINDS } from './domain/alerts/webhooks/index.js';
import { policySeverities, prometheusSchema, sloSchema, sloSeveritySchema } from './config-slo-schema.js';

const durationMs = z.string().transform((text, ctx) => {
  const parsed = parseDuration(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration; write it like 30s, 15m, 2h or 1d` });
    return z.NEVER;
  }
  return parsed.value;
});

const channelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel ID like C0123ABCD (not a #name)');
const userId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user ID like U0123ABCD');

const timezone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a known IANA time zone (e.g. Asia/Seoul, Europe/Berlin)' },
);

const severitySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_-]{1,20}$/i, 'must be 1-20 letters, digits, - or _'),
  label: z.string().min(1).max(20),
  description: z.string().max(150).default(''),
  mitigationCheck: durationMs.optional(),
  updateReminder: durationMs.optional(),
  announce: z.boolean().default(true),
});

const ruleSchema = z.strictObject({
  match: z.strictObject({
    source: z.string().optional(),
    name: z.string().optional(),
    severity: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    text: z.string().optional(),
  }),
  action: z.enum(['declare', 'suggest', 'ignore']),
  severity: z.string().optional(),
});

const rotationSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/i, 'must be 1-40 letters, digits, - or _ (it is typed in /incident oncall)'),
  channel: channelId,
  timezone,
  members: z.array(userId).min(1, 'needs at least one member'),
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'must be a local time like 2026-11-02T10:00'),
  handoffCron: z.string().refine((cron) => validateCron(cron) && cronProblem(cron, 'UTC') === null, {
    message: 'is not a valid cron expression (5 fields, or 6 with seconds first: "0 10 * * MON", "*/30 * * * * *")',
  }),
  remindBefore: durationMs.prefault('30m'),
  ackTimeout: durationMs.prefault('15m'),
});

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be the name of an environment variable, like ALERTS_PROMETHEUS_TOKEN');
const headerName = z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'must be an HTTP header name, like X-Grafana-Alerting-Signature');

/** A tool that sends alerts to `POST /alerts/<kind>/<name>`; its secrets come from the environment, never the file. */
const alertSourceSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be 1-40 lowercase letters, digits, - or _ (it ends the URL)'),
  kind: z.enum(WEBHOOK_KIND_NAMES, { message: `must be one of ${WEBHOOK_KIND_NAMES.join(', ')}` }),
  channel: channelId,
  tokenEnv: envName,
  /** An HMAC-SHA256 of the body the tool sends besides the token (Grafana's "HMAC Signature" settings). */
  signature: z.strictObject({ secretEnv: envName, header: headerName.optional(), timestampHeader: headerName.optional() }).optional(),
});

export const DEFAULT_SEVERITIES = [
  { id: 'sev1', label: 'SEV1', description: 'Critical: most users cannot use a core feature', mitigationCheck: '15m', updateReminder: '30m' },
  { id: 'sev2', label: 'SEV2', description: 'Major: a core feature is degraded for many users', mitigationCheck: '30m', updateReminder: '60m' },
  { id: 'sev3', label: 'SEV3', description: 'Minor: limited impact or a workaround exists', mitigationCheck: '60m', updateReminder: '120m' },
  { id: 'sev4', label: 'SEV4', description: 'Low: no customer impact yet' },
];

export const configFileSchema = z
  .strictObject({
    locale: z.enum(['en', 'ko']).default('en'),
    timezone: timezone.default('UTC'),
    announceChannel: channelId.nullable().default(null),
    alertChannels: z.array(channelId).default([]),
    incidentChannel: z
      .strictObject({ prefix: z.string().regex(/^[a-z0-9_]{1,20}$/, 'must be 1-20 lowercase letters, digits or _').default('inc') })
      .default({ prefix: 'inc' }),
    severities: z.array(severitySchema).min(1, 'needs at least one severity').prefault(DEFAULT_SEVERITIES),
    triage: z
      .strictObject({
        groupWindow: durationMs.prefault('60m'),
        groupBy: z.array(z.string()).default(['alertname', 'service']),
        rules: z.array(ruleSchema).default([]),
        replyEvery: durationMs.prefault('5s'),
        // Past this many unread events the bot is behind a storm: replies are coalesced to `stormReplyEvery` and say so.
        backlogLimit: z.number().int().min(1).default(2_000),
        stormReplyEvery: durationMs.prefault('30s'),
        // Past this many unread events, alert webhooks are answered 503 with Retry-After (their tools retry 5xx);
        // Slack's events are still taken.
        webhookBacklogLimit: z.number().int().min(1).default(10_000),
      })
      .prefault({}),
    alertSources: z.array(alertSourceSchema).default([]),
    prometheus: prometheusSchema.nullable().default(null),
    slos: z.array(sloSchema).default([]),
    sloSeverity: sloSeveritySchema.prefault({}),
    oncall: z.strictObject({ rotations: z.array(rotationSchema).default([]) }).default({ rotations: [] }),
    prompts: z
      .strictObject({
        nudgeVia: z.enum(['channel', 'dm']).default('channel'),
        backOffWhileActive: durationMs.prefault('5m'),
        leadAckTimeout: durationMs.prefault('10m'),
        snooze: z.array(durationMs).min(1).max(4).prefault(['30m', '1h']),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    const ids = new Set<string>();
    config.severities.forEach((severity, index) => {
      if (ids.has(severity.id.toLowerCase())) {
        ctx.addIssue({ code: 'custom', path: ['severities', index, 'id'], message: `duplicates "${severity.id}"` });
      }
      ids.add(severity.id.toLowerCase());
    });
    const rotationNames = new Set<string>();
    config.oncall.rotations.forEach((rotation, index) => {
      if (rotationNames.has(rotation.name.toLowerCase())) {
        ctx.addIssue({ code: 'custom', path: ['oncall', 'rotations', index, 'name'], message: `duplicates "${rotation.name}"` });
      }
      rotationNames.add(rotation.name.toLowerCase());
      if (Number.isNaN(localTimeToInstant(rotation.start, rotation.timezone).getTime())) {
        ctx.addIssue({ code: 'custom', path: ['oncall', 'rotations', index, 'start'], message: 'is not a real date and time' });
      }
    });
    const sourceNames = new Set<string>();
    config.alertSources.forEach((source, index) => {
      if (sourceNames.has(source.name)) ctx.addIssue({ code: 'custom', path: ['alertSources', index, 'name'], message: `duplicates "${source.name}"` });
      sourceNames.add(source.name);
      if (source.signature && !source.signature.header && WEBHOOK_KINDS[source.kind].signatureHeaders.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['alertSources', index, 'signature', 'header'], message: `is required: ${source.kind} does not sign by itself, so name the header your proxy puts the signature in` });
      }
    });
    const defaults = sloSeveritySchema.parse({});
    for (const [key, id] of policySeverities(config.sloSeverity)) {
      if (!ids.has(id.toLowerCase()) && id !== defaults[key]) ctx.addIssue({ code: 'custom', path: ['sloSeverity', key], message: `"${id}" is not a configured severity id` });
    }
    const sloNames = new Set<string>();
    config.slos.forEach((slo, index) => {
      const name = slo.metadata.name.toLowerCase();
      if (sloNames.has(name)) ctx.addIssue({ code: 'custom', path: ['slos', index, 'metadata', 'name'], message: `duplicates "${slo.metadata.name}"` });
      sloNames.add(name);
    });
    config.triage.rules.forEach((rule, index) => {
      if (rule.severity && !ids.has(rule.severity.toLowerCase())) {
        ctx.addIssue({ code: 'custom', path: ['triage', 'rules', index, 'severity'], message: `"${rule.severity}" is not a configured severity id` });
      }
      if (rule.match.text !== undefined) {
        try {
          new RegExp(rule.match.text.replace(/^\(\?i\)/, ''), 'i');
        } catch {
          ctx.addIssue({ code: 'custom', path: ['triage', 'rules', index, 'match', 'text'], message: 'is not a valid regular expression' });
        }
      }
    });
  });

export type ConfigFile = z.output<typeof configFileSchema>;

export const envSchema = z.object({
  SLACK_BOT_TOKEN: z.string({ message: 'is required (the xoxb- bot token)' }).regex(/^xox[bp]-/, 'must be a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'must be an app-level token starting with xapp-').optional(),
  SLACK_API_URL: z.url({ message: 'must be a URL like https://slack.com/api/' }).optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/incident-bot.db')
    .transform((value, ctx) => {
      const target = parseDatabaseUrl(value);
      if (!target.ok) ctx.addIssue({ code: 'custom', message: target.error });
      return target.ok ? target.value : z.NEVER;
    }),
  CONFIG_FILE: z.string().min(1).optional(),
  /** How long a replica's claim on an outbox row or a due job holds unrenewed: a dead replica's work waits this long. */
  REPLICA_LEASE: durationMs.pipe(z.number().min(3_000, 'must be at least 3s (the claim is renewed every third of it)').max(600_000, 'must be at most 10m')).default(30_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
