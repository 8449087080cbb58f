import { describe, expect, it } from 'vitest';
import type { Alert } from '../alerts/alert.js';
import { fingerprintOf } from './fingerprint.js';
import { addToGroup, reviseInGroup, startGroup, withdrawFromGroup, withinWindow } from './group.js';
import { placeMessage, promotedByRule, subjectCovers } from './placement.js';
import { decideTriage, type TriageRule } from './rules.js';

const t0 = new Date('2026-11-23T03:00:00Z');
const later = (s: number) => new Date(t0.getTime() + s * 1000);

const alert = (overrides: Partial<Alert> = {}): Alert => ({
  source: 'alertmanager',
  kind: 'alert',
  status: 'firing',
  name: 'HighRequestLatency',
  severity: 'critical',
  service: 'checkout',
  summary: 'p99 over 2s',
  labels: { alertname: 'HighRequestLatency', service: 'checkout', instance: 'web-1' },
  annotations: {},
  fingerprint: null,
  startsAt: null,
  endsAt: null,
  links: [],
  count: 1,
  countIsTotal: true,
  subject: null,
  reason: 'test',
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

  it('keep instances a tool identifies apart from messages that only say how many fire: they are counted differently', () => {
    const message = fingerprintOf(alert(), ['alertname', 'service']);
    const instance = fingerprintOf(alert({ fingerprint: '6bb710ed11b2b558', count: 1, countIsTotal: false }), ['alertname', 'service']);
    expect(instance.fields).toEqual(message.fields);
    expect(instance.key).not.toBe(message.key);
    expect(fingerprintOf(alert({ fingerprint: 'another instance' }), ['alertname', 'service']).key).toBe(instance.key);
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

  it('an acknowledgement keeps the problem open without adding an instance', () => {
    let group = startGroup(alert({ countIsTotal: false }), t0);
    group = addToGroup(group, alert({ status: 'acknowledged', countIsTotal: false }), later(30));
    expect(group).toMatchObject({ status: 'firing', firing: 1, alertCount: 2 });
  });

  it('an edited problem moves its group once and is not counted twice', () => {
    const problem = alert({ countIsTotal: false, count: 1 });
    const recovered = alert({ status: 'resolved', count: 0, countIsTotal: true });
    let group = startGroup(problem, t0);
    group = reviseInGroup(group, problem, recovered, later(600));
    expect(group).toMatchObject({ status: 'resolved', firing: 0, alertCount: 1, resolvedAt: later(600), firstSeenAt: t0 });
    // A second edit that says the same changes nothing; re-opening it fires again.
    expect(reviseInGroup(group, recovered, recovered, later(700))).toMatchObject({ status: 'resolved', alertCount: 1 });
    expect(reviseInGroup(group, recovered, problem, later(800))).toMatchObject({ status: 'firing', firing: 1, alertCount: 1 });
    // Text edits of a firing report do not add instances.
    expect(reviseInGroup(startGroup(problem, t0), problem, { ...problem, summary: 'typo fixed' }, later(5))).toMatchObject({ firing: 1, alertCount: 1 });
  });

  it('a deleted report is not counted, and a group with no message left has nothing firing', () => {
    const one = alert({ countIsTotal: false });
    let group = addToGroup(startGroup(one, t0), one, later(1));
    group = withdrawFromGroup(group, one, later(2));
    expect(group).toMatchObject({ status: 'firing', firing: 1, alertCount: 1 });
    group = withdrawFromGroup(group, one, later(3));
    expect(group).toMatchObject({ status: 'resolved', firing: 0, alertCount: 0 });
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
    [alert(), 'x', { action: 'declare', severity: 'sev1', ruleIndex: 0, namesTool: true }],
    [alert({ severity: 'warning', labels: { env: 'staging' } }), 'x', { action: 'ignore', severity: null, ruleIndex: 1, namesTool: false }],
    [alert({ source: 'generic', severity: null, name: 'checkout errors' }), '502 errors spiking on checkout!!', { action: 'suggest', severity: 'sev2', ruleIndex: 2, namesTool: false }],
    [alert({ source: 'generic', severity: null, name: 'disk' }), 'Disk filling up', { action: 'suggest', severity: null, ruleIndex: null }],
  ])('first match decides: %#', (a, text, decision) => {
    expect(decideTriage(a, text, rules)).toEqual(decision);
  });
});

describe('placement', () => {
  const firingGroup = { id: 7, counts: startGroup(alert(), t0) };
  const resolvedGroup = { id: 8, counts: addToGroup(startGroup(alert(), t0), alert({ status: 'resolved', count: 0 }), later(1)) };

  it('info never opens a group, however alarming the text', () => {
    expect(placeMessage(alert({ kind: 'person', status: 'info', reason: 'a question' }), { recent: firingGroup, stillFiring: [firingGroup] })).toEqual({ action: 'store', why: 'a question' });
  });

  it('problems join the recent group of their fingerprint or open one', () => {
    expect(placeMessage(alert(), { recent: firingGroup, stillFiring: [] })).toEqual({ action: 'join', groupId: 7 });
    expect(placeMessage(alert(), { recent: undefined, stillFiring: [firingGroup] })).toEqual({ action: 'open' });
  });

  it('recoveries resolve still-firing groups of the subject, and with nothing open are only stored', () => {
    const recovery = alert({ kind: 'notice', status: 'resolved', count: 0 });
    expect(placeMessage(recovery, { recent: undefined, stillFiring: [firingGroup, resolvedGroup] })).toEqual({ action: 'resolve', groupIds: [7] });
    expect(placeMessage(recovery, { recent: undefined, stillFiring: [] })).toMatchObject({ action: 'store' });
    // A success post does not pile onto a group that is already over; a tool's resolved alert does (duplicates count).
    expect(placeMessage(recovery, { recent: resolvedGroup, stillFiring: [] })).toMatchObject({ action: 'store' });
    expect(placeMessage({ ...recovery, kind: 'alert' }, { recent: resolvedGroup, stillFiring: [] })).toEqual({ action: 'join', groupId: 8 });
  });

  it('a rule can make a person’s statement a problem, never a question', () => {
    const decision = { action: 'suggest' as const, severity: null, ruleIndex: 0 };
    const talk = alert({ kind: 'person', status: 'info', labels: { said: 'talk' } });
    expect(promotedByRule(talk, decision)).toMatchObject({ status: 'firing', count: 1 });
    expect(promotedByRule({ ...talk, labels: { said: 'question' } }, decision)).toMatchObject({ status: 'info' });
    expect(promotedByRule(talk, { ...decision, ruleIndex: null })).toMatchObject({ status: 'info' });
    expect(promotedByRule(talk, { ...decision, action: 'ignore' })).toMatchObject({ status: 'info' });
  });

  it("a rule that names a tool can make that tool's info post a problem, never its success post", () => {
    const decision = { action: 'suggest' as const, severity: null, ruleIndex: 1 };
    const notice = alert({ kind: 'notice', status: 'info', count: 0, reason: 'Flux info event: not an alert' });
    expect(promotedByRule(notice, { ...decision, namesTool: true })).toMatchObject({ kind: 'alert', status: 'firing', count: 1, reason: 'Flux info event: not an alert; rule #2 asks to triage it' });
    // A text rule written for people leaves tools' notices alone.
    expect(promotedByRule(notice, { ...decision, namesTool: false })).toMatchObject({ kind: 'notice', status: 'info' });
    expect(promotedByRule({ ...notice, status: 'resolved' }, { ...decision, namesTool: true })).toMatchObject({ kind: 'notice', status: 'resolved' });
  });

  it('a subject covers itself and what is under it, word by word', () => {
    expect(subjectCovers('application web', 'application web sync')).toBe(true);
    expect(subjectCovers('application web', 'application web')).toBe(true);
    expect(subjectCovers('application web', 'application webshop')).toBe(false);
  });
});
