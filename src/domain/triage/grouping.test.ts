import { describe, expect, it } from 'vitest';
import type { ParsedAlert } from './alert.js';
import { fingerprintOf } from './fingerprint.js';
import { addToGroup, startGroup, withinWindow } from './group.js';
import { decideTriage, type TriageRule } from './rules.js';

const t0 = new Date('2026-11-23T03:00:00Z');
const later = (s: number) => new Date(t0.getTime() + s * 1000);

const alert = (overrides: Partial<ParsedAlert> = {}): ParsedAlert => ({
  source: 'alertmanager',
  status: 'firing',
  name: 'HighRequestLatency',
  severity: 'critical',
  service: 'checkout',
  summary: 'p99 over 2s',
  labels: { alertname: 'HighRequestLatency', service: 'checkout', instance: 'web-1' },
  count: 1,
  countIsTotal: true,
  link: null,
  ...overrides,
});

describe('fingerprints', () => {
  it('are source + alert name + the groupBy labels, and explain themselves', () => {
    const fp = fingerprintOf(alert(), ['alertname', 'service']);
    expect(fp.fields).toEqual({ source: 'alertmanager', alertname: 'highrequestlatency', service: 'checkout' });
    expect(fingerprintOf(alert({ labels: { instance: 'web-2' } }), ['alertname', 'service']).key).toBe(fp.key);
    expect(fingerprintOf(alert({ service: 'search' }), ['alertname', 'service']).key).not.toBe(fp.key);
    expect(fingerprintOf(alert({ source: 'grafana' }), ['alertname', 'service']).key).not.toBe(fp.key);
  });
});

describe('count-aware groups', () => {
  it('[FIRING:3] then [FIRING:1] (two resolved) keeps firing; [RESOLVED] resolves', () => {
    let group = startGroup(alert({ count: 3 }), t0);
    expect(group).toMatchObject({ status: 'firing', firing: 3, alertCount: 1 });
    group = addToGroup(group, alert({ count: 1 }), later(60));
    expect(group).toMatchObject({ status: 'firing', firing: 1, alertCount: 2, resolvedAt: null });
    group = addToGroup(group, alert({ status: 'resolved', count: 0 }), later(120));
    expect(group).toMatchObject({ status: 'resolved', firing: 0, alertCount: 3, resolvedAt: later(120), firstSeenAt: t0, lastSeenAt: later(120) });
  });

  it('adds instances reported one by one and resolves them one by one', () => {
    const one = alert({ countIsTotal: false });
    let group = startGroup(one, t0);
    group = addToGroup(group, one, later(1));
    group = addToGroup(group, one, later(2));
    expect(group.firing).toBe(3);
    group = addToGroup(group, alert({ status: 'resolved', count: 2, countIsTotal: false }), later(3));
    expect(group).toMatchObject({ status: 'firing', firing: 1 });
    group = addToGroup(group, alert({ status: 'resolved', count: 1, countIsTotal: false }), later(4));
    expect(group).toMatchObject({ status: 'resolved', firing: 0, resolvedAt: later(4) });
  });

  it('stays one group while alerts keep coming within the window', () => {
    expect(withinWindow(t0, later(3600), 3_600_000)).toBe(true);
    expect(withinWindow(t0, later(3601), 3_600_000)).toBe(false);
  });
});

describe('rules', () => {
  const rules: TriageRule[] = [
    { match: { source: 'alertmanager', severity: 'critical' }, action: 'declare', severity: 'sev1' },
    { match: { labels: { env: 'staging' } }, action: 'ignore' },
    { match: { text: '(?i)5\\d\\d|timeout' }, action: 'suggest', severity: 'sev2' },
  ];

  it.each([
    [alert(), 'x', { action: 'declare', severity: 'sev1', ruleIndex: 0 }],
    [alert({ severity: 'warning', labels: { env: 'staging' } }), 'x', { action: 'ignore', severity: null, ruleIndex: 1 }],
    [alert({ source: 'generic', severity: null, name: 'checkout errors' }), '502 errors spiking on checkout!!', { action: 'suggest', severity: 'sev2', ruleIndex: 2 }],
    [alert({ source: 'generic', severity: null, name: 'disk' }), 'Disk filling up', { action: 'suggest', severity: null, ruleIndex: null }],
  ])('first match decides: %#', (a, text, decision) => {
    expect(decideTriage(a, text, rules)).toEqual(decision);
  });
});
