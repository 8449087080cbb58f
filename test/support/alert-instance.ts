import type { IdentifiedAlert } from '../../src/domain/alerts/alert.js';

/** One Alertmanager alert instance as the webhook reader hands it over: HighLatency on checkout, host `web-1`, firing. */
export function anAlertInstance(overrides: Partial<IdentifiedAlert> & { readonly host?: string } = {}): IdentifiedAlert {
  const { host = 'web-1', ...rest } = overrides;
  const name = rest.name ?? 'HighLatency';
  return {
    source: 'alertmanager',
    kind: 'alert',
    status: 'firing',
    name,
    severity: 'critical',
    service: 'checkout',
    subject: null,
    summary: 'p99 above 2s',
    labels: { alertname: name, service: 'checkout', instance: host },
    annotations: { summary: 'p99 above 2s' },
    fingerprint: `fp-${host}`,
    startsAt: new Date(Date.UTC(2026, 10, 23, 3, 0)),
    endsAt: null,
    links: [{ kind: 'alert', url: 'http://alertmanager.example/#/alerts?receiver=bot' }],
    count: 1,
    countIsTotal: false,
    reason: 'test',
    ...rest,
  };
}
