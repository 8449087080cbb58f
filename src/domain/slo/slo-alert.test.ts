import { describe, expect, it } from 'vitest';
import { GENERIC, GRAFANA_SLO, PYRRA, SLOTH, type SloAlertFixture } from '../../../test/support/slo-alerts.js';
import { fingerprintOf } from '../triage/fingerprint.js';
import type { Alert } from '../alerts/alert.js';
import { DAY_MS } from './burn-rate.js';
import { sloAlertOf, sloKey } from './slo-alert.js';

const read = (f: SloAlertFixture) => sloAlertOf({ name: f.labels.alertname ?? '', labels: f.labels, annotations: f.annotations });

const alertOf = (f: SloAlertFixture, fingerprint: string): Alert => ({
  source: 'alertmanager',
  kind: 'alert',
  status: 'firing',
  name: f.labels.alertname ?? '',
  severity: f.labels.severity ?? null,
  service: f.labels.service ?? null,
  subject: null,
  summary: f.annotations.summary ?? '',
  labels: f.labels,
  annotations: f.annotations,
  fingerprint,
  startsAt: null,
  endsAt: null,
  links: [],
  count: 1,
  countIsTotal: false,
  reason: 'test',
});

describe('SLO alerts, recognised by the labels their generator writes', () => {
  it('Sloth: the page alert’s sloth_window tells the fast burn (5m) from the slow one (30m); the ticket is a ticket', () => {
    expect([SLOTH.fastPage, SLOTH.slowPage, SLOTH.ticket].map((f) => [read(f)?.generator, read(f)?.tier])).toEqual([
      ['sloth', 'fast-page'],
      ['sloth', 'slow-page'],
      ['sloth', 'ticket'],
    ]);
    expect(read(SLOTH.fastPage)).toMatchObject({ id: 'myservice-requests-availability', title: 'myservice requests-availability', service: 'myservice' });
    const { sloth_window: _window, ...withoutWindow } = SLOTH.fastPage.labels;
    expect(read({ labels: withoutWindow, annotations: {} })?.tier).toBe('page');
  });

  it('Pyrra: each window pair is its tier, with its factor and the SLO’s window from `exhaustion`', () => {
    expect(read(PYRRA.fast)).toMatchObject({ generator: 'pyrra', id: 'checkout-availability', tier: 'fast-page', threshold: 14, periodMs: 28 * DAY_MS, exhaustionMs: 2 * DAY_MS });
    expect(read(PYRRA.slow)).toMatchObject({ tier: 'slow-page', threshold: 7, periodMs: 28 * DAY_MS });
    expect(read(PYRRA.ticket)).toMatchObject({ tier: 'ticket', threshold: 2 });
  });

  it('Grafana SLO: critical is a page, warning a ticket, its window the SLO’s', () => {
    expect(read(GRAFANA_SLO.fast)).toMatchObject({ generator: 'grafana-slo', id: 'ab12cd34ef', tier: 'page', periodMs: 28 * DAY_MS });
    expect(read(GRAFANA_SLO.slow)?.tier).toBe('ticket');
  });

  it('generic: an slo label with a burn rate beside it', () => {
    expect(read(GENERIC.page)).toMatchObject({ generator: 'generic', id: 'checkout-latency', tier: 'fast-page', burnRate: 16.2, objective: expect.closeTo(0.999, 9) });
  });

  it('leaves every other alert alone', () => {
    expect(sloAlertOf({ name: 'HighLatency', labels: { alertname: 'HighLatency', severity: 'critical' }, annotations: {} })).toBeNull();
    expect(sloAlertOf({ name: 'x', labels: { slo: 'checkout' }, annotations: {} })).toBeNull();
  });

  it.each([
    ['Sloth', [SLOTH.fastPage, SLOTH.slowPage, SLOTH.ticket]],
    ['Pyrra', [PYRRA.fast, PYRRA.slow, PYRRA.ticket]],
    ['Grafana SLO', [GRAFANA_SLO.fast, GRAFANA_SLO.slow]],
  ])('%s: every tier of one SLO has one fingerprint, whatever the configured group-by says', (_name, fixtures) => {
    const keys = new Set(fixtures.map((f, i) => fingerprintOf(alertOf(f, `fp${i}`), ['alertname', 'service', 'severity', 'sloth_window', 'long']).key));
    expect(keys.size).toBe(1);
    expect(new Set(fixtures.map((f) => sloKey(read(f) ?? { generator: 'generic', id: '' }))).size).toBe(1);
  });
});
