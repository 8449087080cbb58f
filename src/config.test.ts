import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from './config.js';

const base = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret' };

function withConfig(yaml: string): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-bot-config-'));
  const file = join(dir, 'incident-bot.yml');
  writeFileSync(file, yaml);
  return { ...base, CONFIG_FILE: file };
}

describe('settings from the environment', () => {
  it('serves built-in defaults without a config file', () => {
    const settings = loadSettings(base);
    if (!settings.ok) throw new Error(settings.error);
    expect(settings.value.port).toBe(3000);
    expect(settings.value.database).toEqual({ kind: 'sqlite', path: './data/incident-bot.db' });
    expect(settings.value.config.severities.map((s) => s.label)).toEqual(['SEV1', 'SEV2', 'SEV3', 'SEV4']);
    expect(settings.value.config.severities[0]?.mitigationCheckMs).toBe(15 * 60_000);
    expect(settings.value.config.severities[3]?.mitigationCheckMs).toBeUndefined();
    expect(settings.value.config.incidentChannel.prefix).toBe('inc');
  });

  it.each([
    [{}, 'setting SLACK_BOT_TOKEN: is required'],
    [{ SLACK_BOT_TOKEN: 'nope', SLACK_SIGNING_SECRET: 's' }, 'setting SLACK_BOT_TOKEN: must be a bot token'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'setting SLACK_SIGNING_SECRET: is required in HTTP mode'],
    [{ ...base, PORT: 'eighty' }, 'setting PORT:'],
    [{ ...base, DATABASE_URL: 'postgres://x' }, 'setting DATABASE_URL:'],
    [{ ...base, CONFIG_FILE: '/nonexistent/x.yml' }, 'CONFIG_FILE: cannot read /nonexistent/x.yml'],
  ])('names the bad setting in one line: %j', (env, message) => {
    const settings = loadSettings(env);
    expect(settings.ok).toBe(false);
    if (!settings.ok) {
      expect(settings.error).toContain(message);
      expect(settings.error).not.toContain('\n');
    }
  });

  it('accepts Socket Mode without a signing secret', () => {
    expect(loadSettings({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).ok).toBe(true);
  });
});

describe('the config file', () => {
  it('reads the documented example', () => {
    const settings = loadSettings(
      withConfig(`
locale: ko
announceChannel: C0123ABCD
alertChannels: [C0ALERTS1]
incidentChannel: { prefix: outage }
severities:
  - { id: sev1, label: SEV1, description: "Critical", mitigationCheck: 30s, updateReminder: 1m }
  - { id: sev2, label: SEV2, description: "Major" }
triage:
  groupWindow: 60m
  groupBy: [alertname, service]
  rules:
    - { match: { source: alertmanager, severity: critical }, action: declare, severity: sev1 }
    - { match: { text: "(?i)5\\\\d\\\\d|timeout" }, action: suggest, severity: sev2 }
oncall:
  rotations:
    - name: platform
      channel: C0ONCALL1
      timezone: Asia/Seoul
      members: [U0ALICE, U0BOB]
      start: "2026-11-02T10:00"
      handoffCron: "0 10 * * MON"
      remindBefore: 30m
      ackTimeout: 15m
`),
    );
    if (!settings.ok) throw new Error(settings.error);
    const config = settings.value.config;
    expect(config.locale).toBe('ko');
    expect(config.incidentChannel.prefix).toBe('outage');
    expect(config.severities[0]?.mitigationCheckMs).toBe(30_000);
    expect(config.oncall.rotations[0]?.remindBefore).toBe(1_800_000);
  });

  it.each([
    ['oncall:\n  rotations:\n    - { name: p, channel: C0ONCALL1, timezone: Mars/Olympus, members: [U0A], start: "2026-11-02T10:00", handoffCron: "0 10 * * MON" }', 'oncall.rotations[0].timezone'],
    ['oncall:\n  rotations:\n    - { name: p, channel: C0ONCALL1, timezone: UTC, members: [], start: "2026-11-02T10:00", handoffCron: "0 10 * * MON" }', 'oncall.rotations[0].members'],
    ['oncall:\n  rotations:\n    - { name: p, channel: C0ONCALL1, timezone: UTC, members: [U0A], start: "2026-11-02T10:00", handoffCron: "every monday" }', 'oncall.rotations[0].handoffCron'],
    ['severities:\n  - { id: sev1, label: SEV1, mitigationCheck: soon }', 'severities[0].mitigationCheck'],
    ['announceChannel: "#incidents"', 'announceChannel'],
    ['locale: fr', 'locale'],
    ['colour: blue', 'colour'],
    ['triage:\n  rules:\n    - { match: { source: x }, action: declare, severity: sev9 }', 'triage.rules[0].severity'],
    ['a: [unclosed', 'config'],
  ])('names the path of a bad value: %s', (yaml, path) => {
    const settings = loadSettings(withConfig(yaml));
    expect(settings.ok).toBe(false);
    if (!settings.ok) {
      expect(settings.error).toContain(path);
      expect(settings.error).not.toContain('\n');
    }
  });
});

describe('alert sources', () => {
  const sources = `alertSources:
  - { name: prometheus, kind: alertmanager, channel: C0ALERTS1, tokenEnv: ALERTS_PROMETHEUS_TOKEN }
  - { name: grafana, kind: grafana, channel: C0ALERTS1, tokenEnv: ALERTS_GRAFANA_TOKEN, signature: { secretEnv: ALERTS_GRAFANA_HMAC, timestampHeader: X-Grafana-Alerting-Timestamp } }
`;
  const secrets = { ALERTS_PROMETHEUS_TOKEN: 'p'.repeat(32), ALERTS_GRAFANA_TOKEN: 'g'.repeat(32), ALERTS_GRAFANA_HMAC: 'h'.repeat(32) };

  it('reads each source with its token and signing secret from the environment', () => {
    const settings = loadSettings({ ...withConfig(sources), ...secrets });
    if (!settings.ok) throw new Error(settings.error);
    expect(settings.value.alertSources).toEqual([
      { name: 'prometheus', kind: 'alertmanager', channelId: 'C0ALERTS1', token: secrets.ALERTS_PROMETHEUS_TOKEN, signature: null },
      {
        name: 'grafana',
        kind: 'grafana',
        channelId: 'C0ALERTS1',
        token: secrets.ALERTS_GRAFANA_TOKEN,
        signature: { secret: secrets.ALERTS_GRAFANA_HMAC, headers: ['x-grafana-alerting-signature', 'x-grafana-alert-signature'], timestampHeader: 'x-grafana-alerting-timestamp' },
      },
    ]);
  });

  it.each([
    [{ ALERTS_PROMETHEUS_TOKEN: undefined }, 'setting ALERTS_PROMETHEUS_TOKEN: is required by alertSources[0] (prometheus)'],
    [{ ALERTS_PROMETHEUS_TOKEN: '' }, 'setting ALERTS_PROMETHEUS_TOKEN: is required by alertSources[0] (prometheus)'],
    [{ ALERTS_GRAFANA_TOKEN: 'short' }, 'setting ALERTS_GRAFANA_TOKEN: must be at least 16 characters'],
    [{ ALERTS_GRAFANA_HMAC: undefined }, 'setting ALERTS_GRAFANA_HMAC: is required by alertSources[1] (grafana).signature'],
  ])('refuses a missing or weak secret in one line naming its variable: %j', (change, message) => {
    const settings = loadSettings({ ...withConfig(sources), ...secrets, ...change });
    expect(settings.ok ? '' : settings.error).toContain(message);
  });

  it.each([
    ['  - { name: prometheus, kind: zabbix, channel: C0A1, tokenEnv: T }', 'alertSources[0].kind: must be one of alertmanager, grafana'],
    ['  - { name: Prom Eu, kind: alertmanager, channel: C0A1, tokenEnv: T }', 'alertSources[0].name: must be 1-40 lowercase letters'],
    ['  - { name: prom, kind: alertmanager, channel: "#alerts", tokenEnv: T }', 'alertSources[0].channel: must be a Slack channel ID'],
    ['  - { name: prom, kind: alertmanager, channel: C0A1, tokenEnv: my-token }', 'alertSources[0].tokenEnv: must be the name of an environment variable'],
    ['  - { name: prom, kind: alertmanager, channel: C0A1, tokenEnv: T, signature: { secretEnv: S } }', 'alertSources[0].signature.header: is required: alertmanager does not sign by itself'],
    ['  - { name: prom, kind: alertmanager, channel: C0A1, tokenEnv: T }\n  - { name: prom, kind: grafana, channel: C0A1, tokenEnv: U }', 'alertSources[1].name: duplicates "prom"'],
  ])('names the wrong field of a source: %s', (entry, message) => {
    const settings = loadSettings(withConfig(`alertSources:\n${entry}\n`));
    expect(settings.ok ? '' : settings.error).toContain(message);
  });
});

describe('SLOs', () => {
  it('reads Prometheus, OpenSLO SLOs and the severity each burn suggests', () => {
    const settings = loadSettings(
      withConfig(`
prometheus: { url: "http://prometheus:9090", timeout: 1s }
slos:
  - apiVersion: openslo/v1
    kind: SLO
    metadata: { name: checkout-availability, displayName: Checkout availability }
    spec:
      service: checkout
      description: ignored, as the rest of an OpenSLO document is
      budgetingMethod: Occurrences
      objectives: [{ displayName: Good requests, target: 0.999 }]
      timeWindow: [{ duration: 4w, isRolling: true }]
sloSeverity: { fastPage: sev1, slowPage: sev2, raiseBelowBudget: 0.1 }
`),
    );
    if (!settings.ok) throw new Error(settings.error);
    const { prometheus, slos, sloSeverity } = settings.value.config;
    expect(prometheus).toEqual({ url: 'http://prometheus:9090', timeout: 1_000, cacheFor: 30_000 });
    expect(slos[0]?.spec).toMatchObject({ service: 'checkout', objectives: [{ target: 0.999 }], timeWindow: [{ duration: 28 * 86_400_000 }] });
    expect(sloSeverity).toEqual({ fastPage: 'sev1', slowPage: 'sev2', ticket: null, raiseTo: 'sev1', raiseBelowBudget: 0.1, raiseWithin: 86_400_000 });
  });

  it('defaults: no Prometheus, no SLOs, fast page SEV2 raised to SEV1 below 25 % or within a day, slow page SEV3, ticket none', () => {
    const settings = loadSettings(base);
    if (!settings.ok) throw new Error(settings.error);
    expect(settings.value.config).toMatchObject({ prometheus: null, slos: [], sloSeverity: { fastPage: 'sev2', slowPage: 'sev3', ticket: null, raiseTo: 'sev1', raiseBelowBudget: 0.25, raiseWithin: 86_400_000 } });
  });

  it.each([
    ['prometheus: { url: "prometheus:9090" }', 'prometheus.url: must be the http(s) URL Prometheus answers on'],
    ['slos:\n  - { metadata: { name: checkout }, spec: { objectives: [{ target: 99.9 }], timeWindow: [{ duration: 30d }] } }', 'slos[0].spec.objectives[0].target: must be a ratio below 1'],
    ['slos:\n  - { metadata: { name: checkout }, spec: { objectives: [{ target: 0.999 }], timeWindow: [{ duration: 1h }] } }', 'slos[0].spec.timeWindow[0].duration: "1h" is not an SLO window'],
    ['slos:\n  - { metadata: { name: a }, spec: { objectives: [{ target: 0.99 }], timeWindow: [{ duration: 30d }] } }\n  - { metadata: { name: A }, spec: { objectives: [{ target: 0.99 }], timeWindow: [{ duration: 30d }] } }', 'slos[1].metadata.name: duplicates "A"'],
    ['sloSeverity: { fastPage: sev9 }', 'sloSeverity.fastPage: "sev9" is not a configured severity id'],
    ['sloSeverity: { raiseBelowBudget: 25 }', 'sloSeverity.raiseBelowBudget: must be a share of the budget'],
  ])('names the wrong field: %s', (yaml, message) => {
    const settings = loadSettings(withConfig(yaml));
    expect(settings.ok ? '' : settings.error).toContain(message);
  });
});
