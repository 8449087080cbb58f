import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startHarness, type Harness } from '../e2e/harness.js';
import { DASHBOARD_FILE, RULES_FILE } from '../support/monitoring-files.js';
import { metricNamesIn, withGrafanaVariables } from '../support/promql-names.js';
import { parseExposition, seriesNames } from '../support/prometheus-text.js';
import { promtool } from '../support/promtool.js';

/** What Grafana needs to import the dashboard, and where its queries are. */
const datasourceRef = z.strictObject({ type: z.literal('prometheus'), uid: z.literal('${datasource}') });
const gridPos = z.strictObject({ h: z.number().int().positive(), w: z.number().int().min(1).max(24), x: z.number().int().min(0).max(23), y: z.number().int().min(0) });
const target = z.looseObject({ refId: z.string().min(1), expr: z.string().min(1), legendFormat: z.string(), datasource: datasourceRef });
const panel = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('row'), id: z.number().int(), title: z.string().min(1), gridPos }),
  z.looseObject({ type: z.enum(['timeseries', 'stat']), id: z.number().int(), title: z.string().min(1), description: z.string().min(1), datasource: datasourceRef, gridPos, targets: z.array(target).min(1) }),
]);
const dashboard = z.looseObject({
  title: z.string().min(1),
  uid: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/),
  schemaVersion: z.number().int().min(30),
  id: z.null(),
  time: z.object({ from: z.string(), to: z.string() }),
  panels: z.array(panel).min(1),
  templating: z.object({
    list: z.tuple([
      z.looseObject({ name: z.literal('datasource'), type: z.literal('datasource'), query: z.literal('prometheus') }),
      z.looseObject({ name: z.literal('job'), type: z.literal('query'), datasource: datasourceRef, definition: z.string().regex(/^label_values\(\w+, job\)$/) }),
    ]),
  }),
});

const board = dashboard.parse(JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')));
const queries = board.panels.flatMap((p) => (p.type === 'row' ? [] : p.targets.map((t) => ({ where: `${p.title} (${t.refId})`, expr: t.expr }))));
const variableMetric = /^label_values\((\w+), job\)$/.exec(board.templating.list[1].definition)?.[1] ?? '';

/** Every alert rule's expression in the rules file. */
const ruleSchema = z.object({ groups: z.array(z.object({ rules: z.array(z.object({ alert: z.string(), expr: z.string() })) })) });
const rules = ruleSchema.parse(parse(readFileSync(RULES_FILE, 'utf8'))).groups.flatMap((g) => g.rules.map((r) => ({ where: r.alert, expr: r.expr })));

/** Prometheus makes `up` itself for every target it scrapes. */
const FROM_PROMETHEUS = new Set(['up']);

let h: Harness;
let served: Set<string>;
beforeAll(async () => {
  h = await startHarness();
  const response = await fetch(`http://127.0.0.1:${h.bot.port}/metrics`);
  served = seriesNames(parseExposition(await response.text()));
});
afterAll(async () => h?.stop());

describe('the Grafana dashboard', () => {
  it('is a dashboard Grafana imports: a Prometheus data source chosen at import, panels in a 24-column grid, one id each', () => {
    const ids = board.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of board.panels) expect(p.gridPos.x + p.gridPos.w, p.title).toBeLessThanOrEqual(24);
    expect(queries.length).toBeGreaterThan(20);
  });

  it('shows what it promises: incidents by severity, MTTA/MTTR, alert volume by source, handoffs, the bot’s health (database, refused requests, leases)', () => {
    const named = new Set(queries.flatMap((q) => [...metricNamesIn(q.expr)]));
    for (const metric of [
      'incident_bot_incidents_open',
      'incident_bot_incident_time_to_acknowledge_seconds_sum',
      'incident_bot_incident_time_to_resolve_seconds_bucket',
      'incident_bot_alerts_received_total',
      'incident_bot_shift_handoffs_acknowledged_total',
      'incident_bot_lead_handoffs_late_total',
      'incident_bot_inbox_depth',
      'incident_bot_inbox_oldest_unread_seconds',
      'incident_bot_outbox_depth',
      'incident_bot_outbox_oldest_queued_seconds',
      'incident_bot_outbox_dead_letters_total',
      'incident_bot_slack_api_rate_limited_total',
      'incident_bot_database_up',
      'incident_bot_database_outages_total',
      'incident_bot_requests_unstored_total',
      'incident_bot_alert_webhook_requests_total',
      'incident_bot_leases_lost_total',
      'incident_bot_inbox_retries_total',
    ]) {
      expect(named, metric).toContain(metric);
    }
  });

  it('names only metrics the bot serves, in its queries and its variable, as do the alert rules', () => {
    const unknown = [...queries, ...rules, { where: 'variable job', expr: variableMetric }].flatMap((q) =>
      [...metricNamesIn(q.expr)].filter((name) => !served.has(name) && !FROM_PROMETHEUS.has(name)).map((name) => `${q.where}: ${name}`),
    );
    expect(unknown).toEqual([]);
    // The check itself sees names (a query it could not read would pass it vacuously).
    expect(queries.every((q) => metricNamesIn(q.expr).size > 0)).toBe(true);
  });

  it('has queries Prometheus parses (once Grafana has filled in its variables)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'incident-bot-dashboard-'));
    const recording = { groups: [{ name: 'dashboard', rules: queries.map((q, i) => ({ record: `dashboard:query_${i}`, expr: withGrafanaVariables(q.expr) })) }] };
    writeFileSync(join(dir, 'queries.yml'), JSON.stringify(recording));
    const run = await promtool(['check', 'rules', join(dir, 'queries.yml')]);
    expect({ code: run.code, said: run.stdout + run.stderr }).toMatchObject({ code: 0, said: expect.stringContaining(`SUCCESS: ${queries.length} rules found`) });
  });
});
