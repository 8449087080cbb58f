/**
 * SLO burn-rate alerts as each generator's rules make them fire: the labels Prometheus puts on the alert (the series'
 * labels, then the rule's) and the annotations. Built from the generators' own source:
 * - Sloth: slok/sloth `examples/_gen/getting-started.yml` (the `sloth generate` output for `examples/getting-started.yml`):
 *   the recording rules carry `sloth_id`, `sloth_service`, `sloth_slo`, `sloth_window`, the spec's labels (`owner`,
 *   `repo`, `tier`); the page alert `(5m and 1h) or ignoring(sloth_window) (30m and 6h)` keeps the left side's series,
 *   so it fires with `sloth_window` 5m (fast) or 30m (slow only); the alert rule adds `sloth_severity` and its labels.
 * - Pyrra: pyrra-dev/pyrra `slo/rules.go` (`Burnrates`): alert `ErrorBudgetBurn` (`AlertName`), labels `slo`, the
 *   indicator's equality matchers (`job`), `short`, `long`, `severity` (critical for the two page windows, warning for
 *   the others) and `exhaustion` (`Exhausts(factor)` = window / factor); windows of a 4w SLO: 1h/5m ×14 (2d),
 *   6h/30m ×7 (4d), 1d/2h ×2 (2w), 4d/6h ×1 (4w).
 * - Grafana SLO: Grafana Cloud docs, "Configure burn-rate notifications" for SLOs: `grafana_slo_uuid`,
 *   `grafana_slo_severity` critical (fast burn) | warning (slow burn), `grafana_slo_window`.
 * - Generic: a hand-written burn-rate rule with an `slo` label and a `burn_rate` annotation.
 */
type Labels = Record<string, string>;

export interface SloAlertFixture {
  readonly labels: Labels;
  readonly annotations: Labels;
}

const slothBase: Labels = {
  alertname: 'MyServiceAvailabilitySLO',
  owner: 'myteam',
  repo: 'myorg/myservice',
  tier: '2',
  sloth_id: 'myservice-requests-availability',
  sloth_service: 'myservice',
  sloth_slo: 'requests-availability',
  category: 'availability',
};

const slothAnnotations = (severity: string): Labels => ({
  summary: "High error rate on 'myservice' requests responses",
  title: `(${severity}) myservice requests-availability SLO error budget burn rate is too fast.`,
});

export const SLOTH = {
  fastPage: { labels: { ...slothBase, sloth_window: '5m', routing_key: 'myteam', severity: 'pageteam', sloth_severity: 'page' }, annotations: slothAnnotations('page') },
  slowPage: { labels: { ...slothBase, sloth_window: '30m', routing_key: 'myteam', severity: 'pageteam', sloth_severity: 'page' }, annotations: slothAnnotations('page') },
  ticket: { labels: { ...slothBase, sloth_window: '2h', severity: 'slack', slack_channel: '#alerts-myteam', sloth_severity: 'ticket' }, annotations: slothAnnotations('ticket') },
} satisfies Record<string, SloAlertFixture>;

const pyrraBase: Labels = { alertname: 'ErrorBudgetBurn', job: 'checkout', slo: 'checkout-availability' };
const pyrraAnnotations: Labels = {};

export const PYRRA = {
  fast: { labels: { ...pyrraBase, long: '1h', short: '5m', severity: 'critical', exhaustion: '2d' }, annotations: pyrraAnnotations },
  slow: { labels: { ...pyrraBase, long: '6h', short: '30m', severity: 'critical', exhaustion: '4d' }, annotations: pyrraAnnotations },
  ticket: { labels: { ...pyrraBase, long: '1d', short: '2h', severity: 'warning', exhaustion: '2w' }, annotations: pyrraAnnotations },
} satisfies Record<string, SloAlertFixture>;

const grafanaBase: Labels = {
  alertname: 'Checkout availability',
  grafana_slo_uuid: 'ab12cd34ef',
  grafana_slo_window: '28d',
  grafana_folder: 'Grafana SLO',
};

export const GRAFANA_SLO = {
  fast: { labels: { ...grafanaBase, grafana_slo_severity: 'critical' }, annotations: { summary: 'Error budget is burning too fast' } },
  slow: { labels: { ...grafanaBase, grafana_slo_severity: 'warning' }, annotations: { summary: 'Error budget is burning too fast' } },
} satisfies Record<string, SloAlertFixture>;

export const GENERIC = {
  page: {
    labels: { alertname: 'CheckoutBurnRate', slo: 'checkout-latency', service: 'checkout', severity: 'page' },
    annotations: { burn_rate: '16.2', long_window: '1h', objective: '99.9%', summary: 'checkout latency SLO burning fast' },
  },
} satisfies Record<string, SloAlertFixture>;
