import { describe, expect, it } from 'vitest';
import type { AlertMessage } from '../alert.js';
import { explainParse } from './index.js';

/** What relays and custom templates post: a bot's text, optionally with attachments. */
const botPost = (text: string, extra: Partial<AlertMessage> = {}): AlertMessage => ({ text, attachments: [], blocks: [], username: 'incoming-webhook', botId: 'B0RELAY001', ...extra });

describe("CloudWatch relays that state the alarm's state in CloudWatch's own words", () => {
  it('reads a headline opening with the state, and the alarm name on the line under a description', () => {
    const alarm = explainParse(botPost('*:rotating_light:ALARM: Queue backlog on the orders workers*\norders-queue-backlog\nThreshold Crossed: 1 datapoint [9120.0] was greater than the threshold (5000.0).'));
    expect(alarm.parser).toBe('cloudwatch');
    expect(alarm.parsed).toMatchObject({ status: 'firing', name: 'orders-queue-backlog', count: 1 });
    const ok = explainParse(botPost('*:white_check_mark:OK: Queue backlog on the orders workers*\norders-queue-backlog\nThreshold Crossed: 1 datapoint [12.0] was not greater than the threshold (5000.0).'));
    expect(ok.parsed).toMatchObject({ kind: 'alert', status: 'resolved', name: 'orders-queue-backlog', count: 0 });
  });

  it('names the alarm by the headline when no identifier line follows it', () => {
    expect(explainParse(botPost('ALARM: disk-usage-db-01\nDisk usage above 90 %')).parsed).toMatchObject({ status: 'firing', name: 'disk-usage-db-01' });
  });

  it('reads "CloudWatch alarm: <name>" with the transition it reports', () => {
    const parsed = explainParse(botPost('Cloudwatch alarm: api-5xx-rate :exclamation:', { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'State moved from OK to ALARM' } }] })).parsed;
    expect(parsed).toMatchObject({ source: 'cloudwatch', status: 'firing', name: 'api-5xx-rate' });
    const back = explainParse(botPost('Cloudwatch alarm: api-5xx-rate', { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'State moved from ALARM to OK' } }] })).parsed;
    expect(back).toMatchObject({ status: 'resolved', name: 'api-5xx-rate' });
  });

  it('leaves a person who types a state word alone', () => {
    expect(explainParse(botPost('ALARM: is anyone looking at the orders queue?', { username: null, botId: null })).parser).toBe('generic');
  });
});

describe('a Datadog monitor message that names its service', () => {
  it('takes the service in code from the message when the notification carries no tags', () => {
    const parsed = explainParse(
      botPost('', {
        username: 'Datadog',
        attachments: [{ title: 'Triggered: [orders] queue depth', title_link: 'https://app.datadoghq.com/monitors/1', text: '*Service `orders` has got an `ALERT` in the `queue.depth` metric.*' }],
      }),
    ).parsed;
    expect(parsed).toMatchObject({ source: 'datadog', status: 'firing', service: 'orders' });
  });
});

describe('Argo CD text templates that print the application state', () => {
  const argo = (text: string): AlertMessage => botPost(text, { username: 'Argo CD' });

  it.each([
    ['*billing* → *Failed*\nSync=OutOfSync | Health=Healthy', { kind: 'alert', status: 'firing', name: 'billing sync failed', service: 'billing' }],
    ['*billing* → *Succeeded*\nSync=Synced | Health=Degraded', { kind: 'alert', status: 'firing', name: 'billing degraded' }],
    ['*billing* → *Running*\nSync=OutOfSync | Health=Progressing', { kind: 'notice', status: 'info' }],
    ['*billing* → *Succeeded*\nSync=Synced | Health=Healthy', { kind: 'notice', status: 'resolved', name: 'billing deployed' }],
    ['Application billing sync status: Unknown\nHealth: Healthy', { kind: 'alert', status: 'firing', name: 'billing sync status unknown' }],
  ])('%s', (text, expected) => {
    const explained = explainParse(argo(text));
    expect(explained.parser).toBe('argocd');
    expect(explained.parsed).toMatchObject(expected);
  });

  it("pairs a sync success with the same application's failure, not another's", () => {
    const failed = explainParse(argo('*billing* → *Error*\nSync=OutOfSync | Health=Missing')).parsed;
    const deployed = explainParse(argo('*billing* → *Succeeded*\nSync=Synced | Health=Healthy')).parsed;
    expect(failed.subject).toBe('application billing sync');
    expect(deployed.subject).toBe('application billing');
  });
});

describe('a PagerDuty relay that posts each state as its own message', () => {
  const relay = (title: string, color: string): AlertMessage => botPost('', { username: 'pd-relay', attachments: [{ title, color, footer: 'Search API - PQ12RST - sam@acme.io' }] });

  it('reads the state, the incident number and the service of every post, so they are one problem', () => {
    const triggered = explainParse(relay('Incident Triggered - #77', '#FF0000')).parsed;
    const acknowledged = explainParse(relay('Acknowledged - #77', '#ffff00')).parsed;
    const resolved = explainParse(relay('Resolved - #77', '#36a64f')).parsed;
    expect(triggered).toMatchObject({ source: 'pagerduty', status: 'firing', service: 'Search API', subject: 'incident #77' });
    expect(acknowledged).toMatchObject({ status: 'acknowledged', name: triggered.name, service: 'Search API' });
    expect(resolved).toMatchObject({ status: 'resolved', name: triggered.name, subject: 'incident #77' });
  });
});
