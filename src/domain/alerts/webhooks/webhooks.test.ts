import { describe, expect, it } from 'vitest';
import { webhookFixture } from '../../../../test/support/webhook-fixtures.js';
import { readNotification } from './index.js';

describe('Alertmanager webhook notifications (payload version 4)', () => {
  it('reads each alert as an identified instance with its labels, annotations, start and links', () => {
    const read = readNotification('alertmanager', webhookFixture('alertmanager', '01-firing-truncated'));
    if (!read.ok) throw new Error(read.error);
    expect(read.value.truncated).toBe(1);
    expect(read.value.alerts).toHaveLength(2);
    const [first] = read.value.alerts;
    expect(first).toMatchObject({
      source: 'alertmanager',
      kind: 'alert',
      status: 'firing',
      name: 'HighLatency',
      severity: 'critical',
      service: 'checkout',
      summary: 'p99 high',
      fingerprint: '6bb710ed11b2b558',
      startsAt: new Date('2026-12-07T19:51:17Z'),
      endsAt: null,
      labels: { alertname: 'HighLatency', instance: 'web-1', service: 'checkout', severity: 'critical' },
      annotations: { summary: 'p99 high' },
    });
    expect(first?.links).toEqual([
      { kind: 'alert', url: 'http://alertmanager.example:9093/#/alerts?receiver=bot' },
      { kind: 'source', url: 'http://prom/graph' },
    ]);
  });

  it('reads a resolved alert with its end, and a later notification without it', () => {
    const resolved = readNotification('alertmanager', webhookFixture('alertmanager', '02-one-resolved'));
    if (!resolved.ok) throw new Error(resolved.error);
    expect(resolved.value.alerts[0]).toMatchObject({ status: 'resolved', endsAt: new Date('2026-12-07T19:51:21Z') });
    const after = readNotification('alertmanager', webhookFixture('alertmanager', '03-resolved-dropped'));
    expect(after.ok && after.value.alerts.map((a) => a.labels['instance'])).toEqual(['web-2', 'web-3']);
  });

  it('identifies a notification by what it reports, not by which member of an HA pair sent it', () => {
    const payload = webhookFixture('alertmanager', '01-firing-truncated');
    const twin = { ...payload, externalURL: 'http://alertmanager-2.example:9093', alerts: [...(payload.alerts as unknown[])].reverse() };
    const a = readNotification('alertmanager', payload);
    const b = readNotification('alertmanager', twin);
    const later = readNotification('alertmanager', webhookFixture('alertmanager', '02-one-resolved'));
    if (!a.ok || !b.ok || !later.ok) throw new Error('not read');
    expect(b.value.identity).toBe(a.value.identity);
    expect(later.value.identity).not.toBe(a.value.identity);
  });

  it.each([
    [{ ...webhookFixture('alertmanager', '01-firing-truncated'), version: '3' }, 'version: must be "4" (Alertmanager webhook payload version 4)'],
    [{ ...webhookFixture('alertmanager', '01-firing-truncated'), alerts: [{ status: 'firing', labels: {}, startsAt: '2026-12-07T19:51:17Z', endsAt: '0001-01-01T00:00:00Z' }] }, 'alerts[0].fingerprint'],
    [{ ...webhookFixture('alertmanager', '01-firing-truncated'), alerts: [{ status: 'firing', labels: {}, startsAt: 'yesterday', endsAt: '0001-01-01T00:00:00Z', fingerprint: 'f' }] }, 'alerts[0].startsAt: must be an RFC 3339 time'],
    [[], 'expected object'],
  ])('refuses a malformed payload naming the field (%#)', (payload, message) => {
    const read = readNotification('alertmanager', payload);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toContain(message);
  });

  it('keeps what a tool sends within bounds: one-line names, capped labels, http(s) links only', () => {
    const payload = webhookFixture('alertmanager', '01-firing-truncated');
    const labels = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`l${i}`, 'x'.repeat(5_000)]));
    const alert = { status: 'firing', labels: { ...labels, alertname: `Evil\n${'N'.repeat(500)}` }, annotations: { summary: 'a\nb' }, startsAt: '2026-12-07T19:51:17Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'javascript:alert(1)', fingerprint: 'f1' };
    const read = readNotification('alertmanager', { ...payload, alerts: [alert] });
    if (!read.ok) throw new Error(read.error);
    const [only] = read.value.alerts;
    expect(only?.name).toMatch(/^Evil N+$/);
    expect(only?.name.length).toBeLessThanOrEqual(200);
    expect(Object.keys(only?.labels ?? {}).length).toBeLessThanOrEqual(64);
    expect(Object.values(only?.labels ?? {}).every((v) => v.length <= 500)).toBe(true);
    expect(only?.summary).toBe('a b');
    expect(only?.links.map((l) => l.kind)).toEqual(['alert']);
  });
});

describe('Grafana Alerting webhook contact point notifications', () => {
  it('reads the documented body: the rule page leads, silence, dashboard, panel and runbook follow', () => {
    const read = readNotification('grafana', webhookFixture('grafana', '01-docs-firing'));
    if (!read.ok) throw new Error(read.error);
    const [first, second] = read.value.alerts;
    expect(first).toMatchObject({
      source: 'grafana',
      status: 'firing',
      name: 'High memory usage',
      service: 'checkout',
      summary: 'Memory above 90% in zone us-1',
      fingerprint: 'c6eadffa33fcdf37',
      startsAt: new Date('2026-11-23T07:51:03.157Z'),
      endsAt: null,
    });
    expect(first?.links.map((l) => l.kind)).toEqual(['source', 'silence', 'dashboard', 'panel', 'runbook']);
    expect(second?.links.map((l) => l.kind)).toEqual(['source', 'silence', 'runbook']);
  });

  it('reads a resolved alert and the count Grafana left out', () => {
    const read = readNotification('grafana', webhookFixture('grafana', '02-one-resolved-truncated'));
    if (!read.ok) throw new Error(read.error);
    expect(read.value.truncated).toBe(1);
    expect(read.value.alerts.map((a) => [a.status, a.endsAt?.toISOString() ?? null])).toEqual([
      ['resolved', '2026-11-23T08:06:03.157Z'],
      ['firing', null],
    ]);
  });

  it("refuses an Alertmanager payload sent to a Grafana source, saying what Grafana's version is", () => {
    const read = readNotification('grafana', webhookFixture('alertmanager', '01-firing-truncated'));
    expect(read.ok ? null : read.error).toContain('version: must be "1"');
  });
});
