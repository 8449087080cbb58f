import { describe, expect, it } from 'vitest';
import { human } from '../../../../test/support/parsed-alert.js';
import type { ParsedAlert } from '../alert.js';
import { parseAlertMessage } from './index.js';

describe('generic heuristics on what people write', () => {
  const cases: [string, Pick<ParsedAlert, 'name' | 'service' | 'status' | 'severity'>][] = [
    ['502 errors spiking on checkout!!', { name: 'checkout 502 errors', service: 'checkout', status: 'firing', severity: null }],
    ['checkout is down again', { name: 'checkout down', service: 'checkout', status: 'firing', severity: 'critical' }],
    ['db latency back to normal now', { name: 'db latency', service: 'db', status: 'resolved', severity: null }],
    ['db-primary is down', { name: 'db-primary down', service: 'db-primary', status: 'firing', severity: 'critical' }],
    ['payments down', { name: 'payments down', service: 'payments', status: 'firing', severity: 'critical' }],
    ['checkout latency high', { name: 'checkout latency', service: 'checkout', status: 'firing', severity: null }],
    ['staging is slow', { name: 'staging is slow', service: null, status: 'firing', severity: null }],
    ['<!channel> the checkout service is DOWN', { name: 'checkout down', service: 'checkout', status: 'firing', severity: 'critical' }],
    ['Heads up: elevated 5xx on the payments API', { name: 'payments 5xx errors', service: 'payments', status: 'firing', severity: null }],
    ['search is not fixed yet', { name: 'search is not fixed yet', service: 'search', status: 'firing', severity: null }],
    ['resolved: login errors on web-01', { name: 'web-01 errors', service: 'web-01', status: 'resolved', severity: null }],
    ['warning: disk 91% on db-replica-2', { name: 'disk 91 on db-replica-2', service: 'db-replica-2', status: 'firing', severity: 'warning' }],
    ['Non-200 API errors on web-101', { name: 'web-101 errors', service: 'web-101', status: 'firing', severity: null }],
    ['checkout is back up', { name: 'checkout is back up', service: 'checkout', status: 'resolved', severity: null }],
    // Questions and talk: stored, never a firing group.
    ['is checkout back to normal?', { name: 'is checkout back to normal', service: 'checkout', status: 'info', severity: null }],
    ['is checkout down?', { name: 'checkout down', service: 'checkout', status: 'info', severity: null }],
    ['Has anyone noticed elevated error rates?', { name: 'has anyone noticed elevated error rates', service: null, status: 'info', severity: null }],
    ['anyone seeing 502s on checkout', { name: 'checkout 502 errors', service: 'checkout', status: 'info', severity: null }],
    ['we are rolling back the deploy', { name: 'we are rolling back the deploy', service: null, status: 'info', severity: null }],
    ['deploying now', { name: 'deploying now', service: null, status: 'info', severity: null }],
    ['thanks, on it', { name: 'thanks on it', service: null, status: 'info', severity: null }],
    ['no errors since the fix', { name: 'no errors since the fix', service: null, status: 'info', severity: null }],
    ['shutting down the old cluster tonight', { name: 'shutting down the old cluster tonight', service: null, status: 'info', severity: null }],
    ['checkout is down. anyone looking?', { name: 'checkout down', service: 'checkout', status: 'firing', severity: 'critical' }],
    // Issue 27: a report that asks whether others see it is a question; named by service and symptom all the same.
    ['Seeing 502 errors on checkout since 10:02, anyone else?', { name: 'checkout 502 errors', service: 'checkout', status: 'info', severity: null }],
    ['Seeing 502 errors on checkout since 10:02', { name: 'checkout 502 errors', service: 'checkout', status: 'firing', severity: null }],
    ['getting 502s on checkout. anyone else?', { name: 'checkout 502 errors', service: 'checkout', status: 'info', severity: null }],
    // A question without a question mark: "is X down", "on my end", a greeting before the question.
    ['is checkout down getting 502s on my end', { name: 'checkout 502 errors', service: 'checkout', status: 'info', severity: null }],
    ['hey is checkout down getting 502s', { name: 'checkout 502 errors', service: 'checkout', status: 'info', severity: null }],
    ['502s on checkout on my end', { name: 'checkout 502 errors', service: 'checkout', status: 'info', severity: null }],
    ['folks, anybody else seeing timeouts on payments', { name: 'payments timeouts', service: 'payments', status: 'info', severity: null }],
    ['the site is really down', { name: 'site down', service: 'site', status: 'firing', severity: 'critical' }],
    // The service before what it is doing wrong, tense words between; "has recovered" says which one is back.
    ['checkout is returning 502s for every request', { name: 'checkout 502 errors', service: 'checkout', status: 'firing', severity: null }],
    ['payments keeps timing out', { name: 'payments timeouts', service: 'payments', status: 'firing', severity: null }],
    ['search has recovered', { name: 'search has recovered', service: 'search', status: 'resolved', severity: null }],
    // Planned work said ahead of time is talk, however alarming its words.
    ['heads up, staging will be down for maintenance tonight', { name: 'heads up staging will be down for maintenance tonight', service: null, status: 'info', severity: null }],
    ['scheduled maintenance on the payments db: expect errors 02:00-02:30', { name: 'payments errors', service: 'payments', status: 'info', severity: null }],
  ];

  it.each(cases)('%s', (text, expected) => {
    const parsed = parseAlertMessage(human(text));
    expect(parsed.source).toBe('generic');
    expect(parsed.kind).toBe('person');
    expect(parsed).toMatchObject(expected);
    // One report per message; "it's back" is over as a whole; talk counts nothing.
    expect(parsed.count).toBe(parsed.status === 'firing' ? 1 : 0);
  });

  it("pairs a person's \"back up\" with the report it ends, however each is worded", () => {
    const report = parseAlertMessage(human('checkout is returning 502s for every request since the deploy'));
    const recovery = parseAlertMessage(human('checkout is back up, 502s are gone'));
    expect(report.subject).toBe('checkout');
    expect(recovery).toMatchObject({ status: 'resolved', subject: 'checkout' });
  });

  it('names repeats of the same complaint alike, so they group', () => {
    expect(parseAlertMessage(human('Checkout is DOWN!!')).name).toBe(parseAlertMessage(human('checkout is down')).name);
    expect(parseAlertMessage(human('checkout throwing 502s again')).name).toBe(parseAlertMessage(human('Seeing 502 errors on checkout since 10:02')).name);
  });
});
