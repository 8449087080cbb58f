/**
 * "Alert storm": the burst a checkout outage sends to #alerts in its first minutes, compressed to ~12 seconds.
 * Error rate and latency page together, pods start crash-looping, a database lags, Alertmanager's always-firing
 * Watchdog goes by (the demo rules ignore it) and a person reports what they see. Each tool re-sends its group with
 * a new count, so the bot must fold ~20 messages into one thread per problem.
 */
import {
  alertmanagerFiring,
  alertmanagerResolved,
  grafanaFiring,
  grafanaResolved,
  type AlertChannelPost,
  type AlertSpec,
} from './alert-posts.js';

export interface TimedPost {
  /** ms after the scenario started */
  readonly at: number;
  readonly post: AlertChannelPost;
}

const pods = (prefix: string, n: number): Record<string, string>[] =>
  Array.from({ length: n }, (_, i) => ({ pod: `${prefix}-${['7d9f8', '5c2kq', 'x2k4p', 'q8m2z', 'h7t1r', 'b3n9w', 'm4v6s', 'z0p5d'][i] ?? String(i)}` }));

export const STORM: Record<'errors' | 'latency' | 'crashloop' | 'replication' | 'watchdog', AlertSpec> = {
  errors: {
    alertname: 'HighErrorRate',
    service: 'checkout',
    severity: 'critical',
    summary: 'Checkout is answering 5xx to more than 5% of requests',
    description: 'checkout 5xx ratio is 23% over the last 5 minutes (SLO: 99.5% success)',
    instances: pods('checkout', 8),
  },
  latency: {
    alertname: 'CheckoutLatencyP99',
    service: 'checkout',
    severity: 'warning',
    summary: 'Checkout p99 latency above 2s',
    description: 'p99 of POST /api/checkout is 4.8s for 5 minutes',
    instances: [{ instance: 'checkout-lb-eu-1' }, { instance: 'checkout-lb-eu-2' }, { instance: 'checkout-lb-us-1' }],
  },
  crashloop: {
    alertname: 'KubePodCrashLooping',
    service: 'payments-api',
    severity: 'warning',
    summary: 'Pod is crash looping',
    description: 'Pod payments/payments-api is in waiting state (reason: "CrashLoopBackOff")',
    instances: pods('payments-api', 3),
  },
  replication: {
    alertname: 'PostgresReplicationLag',
    service: 'orders-db',
    severity: 'warning',
    summary: 'Replica orders-db-2 is 94s behind the primary',
    description: 'pg_replication_lag_seconds above 30 for 3 minutes',
    instances: [{ instance: 'orders-db-2:9187' }],
  },
  watchdog: {
    alertname: 'Watchdog',
    service: 'monitoring',
    severity: 'none',
    summary: 'An alert that should always be firing to certify that Alertmanager is working properly',
    description: 'This is the dead man\'s switch of the alerting pipeline',
    instances: [{ prometheus: 'monitoring/k8s' }],
  },
};

/** The storm; `reporter` is the person who posts what they see in the middle of it. */
export function stormPlan(reporter: string): TimedPost[] {
  const { errors, latency, crashloop, replication, watchdog } = STORM;
  return [
    { at: 0, post: alertmanagerFiring(errors, 1) },
    { at: 500, post: grafanaFiring(latency, 1, '2.41') },
    { at: 1_100, post: alertmanagerFiring(errors, 3) },
    { at: 1_800, post: alertmanagerFiring(crashloop, 1) },
    { at: 2_400, post: alertmanagerFiring(watchdog, 1) },
    { at: 3_000, post: { kind: 'human', user: reporter, text: 'Seeing 502 errors on checkout for a few minutes now' } },
    { at: 3_600, post: alertmanagerFiring(errors, 5) },
    { at: 4_300, post: grafanaFiring(latency, 2, '3.87') },
    { at: 5_000, post: alertmanagerFiring(crashloop, 2) },
    { at: 5_700, post: alertmanagerFiring(replication, 1) },
    { at: 6_400, post: alertmanagerFiring(errors, 6) },
    { at: 7_100, post: grafanaFiring(latency, 3, '4.80') },
    { at: 7_800, post: alertmanagerFiring(crashloop, 3) },
    { at: 8_500, post: alertmanagerFiring(errors, 8) },
    { at: 9_200, post: alertmanagerFiring(watchdog, 1) },
    { at: 9_900, post: grafanaFiring(latency, 3, '4.95') },
    { at: 10_600, post: alertmanagerFiring(errors, 8) },
    { at: 11_300, post: alertmanagerFiring(crashloop, 3) },
  ];
}

/** "Resolve the alerts": every tool sends its RESOLVED notification (Watchdog never resolves, by design). */
export function resolvePlan(): TimedPost[] {
  const { errors, latency, crashloop, replication } = STORM;
  return [
    { at: 0, post: alertmanagerResolved(crashloop) },
    { at: 700, post: grafanaResolved(latency, '0.62') },
    { at: 1_400, post: alertmanagerResolved(errors) },
    { at: 2_100, post: alertmanagerResolved(replication) },
  ];
}
