import { createServer, type Server } from 'node:http';
import { stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { Alertmanager } from '../support/alertmanager.js';
import { eventually } from '../support/eventually.js';
import { freePort } from '../support/free-port.js';
import { startPrometheus, type PrometheusServer } from '../support/prometheus-server.js';
import { startHarness, type Harness } from './harness.js';

/**
 * An SLO burning in a real Prometheus (Debian's 2.42): it scrapes a synthetic service whose error ratio the test sets,
 * evaluates the rules Sloth generates for a 99.9 % / 30-day SLO (record names, labels and alert expressions as in
 * slok/sloth `examples/_gen/getting-started.yml`), and sends what fires through a real Alertmanager (0.25) into the
 * bot's alert webhook; the bot reads the SLO's recorded series back from the same Prometheus. Time is compressed: every
 * range in the rules is 60× shorter (a rule named `ratio_rate1h` looks back 60 s), so a burn shows in seconds; the
 * names, labels, thresholds and the 30-day period the budget is counted in are Sloth's.
 */
const ALERTS = 'C0SLOALERTS';
const TOKEN = 'slo-prometheus-token-0123456789';
const SLO = { id: 'checkout-availability', service: 'checkout', slo: 'availability' } as const;
/** Sloth writes the budget as `1 - objective` in floating point. */
const BUDGET = '0.0009999999999999432';

/** Sloth's windows (record-name suffix and `sloth_window`) and the range each looks back over here. */
const WINDOWS: ReadonlyArray<readonly [string, string]> = [
  ['5m', '5s'],
  ['30m', '30s'],
  ['1h', '60s'],
  ['2h', '120s'],
  ['6h', '360s'],
  ['1d', '1440s'],
  ['3d', '4320s'],
];

const sloLabels = { sloth_id: SLO.id, sloth_service: SLO.service, sloth_slo: SLO.slo };
const selector = `{sloth_id="${SLO.id}", sloth_service="${SLO.service}", sloth_slo="${SLO.slo}"}`;
const over = (window: string, factor: number): string => `(slo:sli_error:ratio_rate${window}${selector} > (${factor} * ${BUDGET}))`;
const pair = (short: string, long: string, factor: number): string => `(\n    ${over(short, factor)}\n    and ignoring (sloth_window)\n    ${over(long, factor)}\n)`;

/** `sloth generate` for the checkout SLO (99.9 %, 30 days, page and ticket alerts), ranges compressed. */
function slothRules(): string {
  const errors = (range: string) =>
    `(sum(rate(http_requests_total{job="checkout",code=~"(5..|429)"}[${range}])))\n/\n(sum(rate(http_requests_total{job="checkout"}[${range}])))`;
  return stringify({
    groups: [
      {
        name: `sloth-slo-sli-recordings-${SLO.id}`,
        rules: [
          ...WINDOWS.map(([name, range]) => ({ record: `slo:sli_error:ratio_rate${name}`, expr: errors(range), labels: { ...sloLabels, sloth_window: name } })),
          {
            record: 'slo:sli_error:ratio_rate30d',
            expr: `sum_over_time(slo:sli_error:ratio_rate5m${selector}[43200s])\n/ ignoring (sloth_window)\ncount_over_time(slo:sli_error:ratio_rate5m${selector}[43200s])`,
            labels: { sloth_window: '30d' },
          },
        ],
      },
      {
        name: `sloth-slo-meta-recordings-${SLO.id}`,
        rules: [
          { record: 'slo:objective:ratio', expr: 'vector(0.9990000000000001)', labels: sloLabels },
          { record: 'slo:error_budget:ratio', expr: 'vector(1-0.9990000000000001)', labels: sloLabels },
          { record: 'slo:time_period:days', expr: 'vector(30)', labels: sloLabels },
          {
            record: 'slo:period_burn_rate:ratio',
            expr: `slo:sli_error:ratio_rate30d${selector}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio${selector}`,
            labels: sloLabels,
          },
          { record: 'slo:period_error_budget_remaining:ratio', expr: `1 - slo:period_burn_rate:ratio${selector}`, labels: sloLabels },
        ],
      },
      {
        name: `sloth-slo-alerts-${SLO.id}`,
        rules: [
          {
            alert: 'CheckoutAvailabilitySLO',
            expr: `(\n${pair('5m', '1h', 14.4)}\nor ignoring (sloth_window)\n${pair('30m', '6h', 6)}\n)`,
            labels: { severity: 'critical', sloth_severity: 'page' },
            annotations: { summary: 'High error rate on checkout requests', title: '(page) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.' },
          },
          {
            alert: 'CheckoutAvailabilitySLO',
            expr: `(\n${pair('2h', '1d', 3)}\nor ignoring (sloth_window)\n${pair('6h', '3d', 1)}\n)`,
            labels: { severity: 'warning', sloth_severity: 'ticket' },
            annotations: { summary: 'High error rate on checkout requests', title: '(ticket) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.' },
          },
        ],
      },
    ],
  });
}

/** A service answering 1000 requests a second, `errorRatio` of them with 500, as counters Prometheus scrapes. */
function syntheticService(): { server: Server; setErrorRatio(ratio: number): void } {
  let ratio = 0;
  let total = 0;
  let errors = 0;
  let last = Date.now();
  const server = createServer((_req, res) => {
    const now = Date.now();
    const requests = ((now - last) / 1000) * 1000;
    total += requests;
    errors += requests * ratio;
    last = now;
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    res.end(`# TYPE http_requests_total counter\nhttp_requests_total{code="200"} ${total - errors}\nhttp_requests_total{code="500"} ${errors}\n`);
  });
  return { server, setErrorRatio: (r) => void (ratio = r) };
}

let h: Harness | undefined;
let prometheus: PrometheusServer | undefined;
let alertmanager: Alertmanager | undefined;
let service: Server | undefined;
afterEach(async () => {
  await prometheus?.stop();
  await alertmanager?.stop(2_000);
  await h?.stop();
  await new Promise((resolve) => (service ? service.close(resolve) : resolve(undefined)));
});

const readable = (m: { text: string; blocks?: unknown[] | undefined }): string => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;

describe('an SLO burning in a real Prometheus, through a real Alertmanager', () => {
  it('raising the error ratio fires the slow page, then the fast one, in one group, the suggested severity rising', async () => {
    const synthetic = syntheticService();
    service = synthetic.server;
    await new Promise<void>((resolve) => synthetic.server.listen(0, '127.0.0.1', resolve));
    const servicePort = (synthetic.server.address() as { port: number }).port;
    const prometheusPort = await freePort();
    h = await startHarness(
      {
        triage: { ...defaultConfig().triage, replyEvery: 300 },
        alertSources: [{ name: 'prometheus', kind: 'alertmanager', channel: ALERTS, tokenEnv: 'SLO_PROM_TOKEN' }],
        prometheus: { url: `http://127.0.0.1:${prometheusPort}`, timeout: 2_000, cacheFor: 500 },
      },
      undefined,
      {},
      { SLO_PROM_TOKEN: TOKEN },
    );
    h.fake.addChannel({ id: ALERTS, name: 'alerts-slo', members: ['U0BOT'] });
    alertmanager = await Alertmanager.start(
      stringify({
        route: { receiver: 'incident-bot', group_by: ['sloth_id'], group_wait: '1s', group_interval: '1s', repeat_interval: '1h' },
        receivers: [
          {
            name: 'incident-bot',
            webhook_configs: [{ url: `http://127.0.0.1:${h.bot.port}/alerts/alertmanager/prometheus`, send_resolved: true, http_config: { authorization: { type: 'Bearer', credentials: TOKEN } } }],
          },
        ],
      }),
    );
    prometheus = await startPrometheus(
      stringify({
        global: { scrape_interval: '1s', evaluation_interval: '1s' },
        rule_files: ['sloth.yml'],
        alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${alertmanager.port}`] }] }] },
        scrape_configs: [{ job_name: 'checkout', static_configs: [{ targets: [`127.0.0.1:${servicePort}`] }] }],
      }),
      { 'sloth.yml': slothRules() },
      { port: prometheusPort },
    );
    const p = prometheus;
    const botPosts = () => h?.fake.messages(ALERTS).filter((m) => m.user === 'U0BOT') ?? [];
    /** The SLO's one group message, once it says `words`. */
    const theGroupSaying = (words: string): Promise<string> =>
      eventually(() => {
        const [only, ...more] = botPosts();
        expect(more).toEqual([]);
        expect(readable(only ?? { text: '' })).toContain(words);
        return readable(only ?? { text: '' });
      }, 25_000);
    // The rules have seen the healthy service: an error ratio of 0 over the shortest window.
    await eventually(async () => {
      const data = await p.api<{ result: Array<{ value: [number, string] }> }>(`/api/v1/query?query=${encodeURIComponent('slo:sli_error:ratio_rate5m')}`);
      expect(data.result.map((r) => Number(r.value[1]))).toEqual([0]);
    }, 15_000);

    // 1 % errors burns 10×: above the slow page's 6×, below the fast page's 14.4×.
    synthetic.setErrorRatio(0.01);
    const slow = await theGroupSaying('Firing: slow burn (page) · numbers from Prometheus');
    expect(slow).toContain('Suggested severity: *SEV3* — slow burn');
    expect(slow).toMatch(/SLO \*checkout availability\* 99\.9 % \/ 30 d · burning \d+\.\d× \(6h\)/);

    // 3 % burns 30×: the fast page fires (Sloth's alert now carries sloth_window 5m) in the same group.
    synthetic.setErrorRatio(0.03);
    const fast = await theGroupSaying('Firing: fast burn (page) · numbers from Prometheus');
    // The budget of the (compressed) 30 days is long spent: raised to SEV1.
    expect(fast).toContain('Suggested severity: *SEV1* — less than 25 % of the budget left');
    expect(fast).toMatch(/burning \d+\.\d× \(1h\) · budget spent/);
    expect(fast).toContain('triage.declare_as');
  }, 90_000);
});
