import { describe, expect, it } from 'vitest';
import { alertFromMessage } from '../alerts/from-message.js';
import { parseAlertMessage } from '../triage/parsers/index.js';
import { fingerprintOf } from '../triage/fingerprint.js';
import { sloAlertOf } from './slo-alert.js';

/**
 * SLO alerts through the other door: posted to Slack by Alertmanager's default template, whose title keeps only label
 * values (`[FIRING:1] <group values> (<other common values>)`, template/default.tmpl, sorted by label name after
 * `alertname`). The labels are those of test/support/slo-alerts.ts.
 */
function defaultTemplate(title: string, firing: boolean) {
  return {
    text: '',
    attachments: [{ title, title_link: 'http://alertmanager.example.com:9093/#/alerts?receiver=slack', fallback: `${title} | http://alertmanager.example.com:9093/#/alerts?receiver=slack`, color: firing ? 'danger' : 'good', mrkdwn_in: ['fallback', 'pretext', 'text'] }],
    blocks: [],
    username: 'AlertManager',
    botId: 'B0ALERTMGR',
  };
}

const read = (title: string, firing = true) => alertFromMessage(parseAlertMessage(defaultTemplate(title, firing)));

describe('SLO alerts posted by Alertmanager to Slack', () => {
  // route group_by [alertname, sloth_id]
  const slothPage = (window: string) =>
    `[FIRING:1] MyServiceAvailabilitySLO myservice-requests-availability (availability myteam myorg/myservice myteam pageteam myservice page requests-availability ${window} 2)`;

  it('Sloth: the SLO, its service and the page’s speed are read from the title’s values', () => {
    const fast = read(slothPage('5m'));
    expect(sloAlertOf(fast)).toMatchObject({ generator: 'sloth', id: 'myservice-requests-availability', service: 'myservice', tier: 'fast-page' });
    expect(sloAlertOf(read(slothPage('30m')))?.tier).toBe('slow-page');
    // One instance per tier, so a tier resolving resolves only itself; both tiers group together.
    expect(fast.fingerprint).toBe('slo:sloth:myservice-requests-availability:fast-page');
    expect(fingerprintOf(fast, ['alertname', 'service']).key).toBe(fingerprintOf(read(slothPage('30m')), ['alertname', 'service']).key);
    expect(fast.reason).toContain('SLO labels read from the title');
  });

  it('Pyrra: grouped by slo, its 1h and 6h tiers are one SLO', () => {
    // route group_by [alertname, slo]; common labels exhaustion, job, long, severity, short
    const fast = read('[FIRING:1] ErrorBudgetBurn checkout-availability (2d checkout 1h critical 5m)');
    const slow = read('[FIRING:1] ErrorBudgetBurn checkout-availability (4d checkout 6h critical 30m)');
    expect(sloAlertOf(fast)).toMatchObject({ generator: 'pyrra', id: 'checkout-availability', tier: 'fast-page', threshold: 14 });
    expect(sloAlertOf(slow)).toMatchObject({ generator: 'pyrra', id: 'checkout-availability', tier: 'slow-page', threshold: 7 });
    expect(fingerprintOf(fast, ['alertname']).key).toBe(fingerprintOf(slow, ['alertname']).key);
  });

  it('an ordinary alert’s title stays an ordinary alert', () => {
    const plain = read('[FIRING:3] HighRequestLatency checkout (myjob critical web)');
    expect(sloAlertOf(plain)).toBeNull();
    expect(plain.fingerprint).toBeNull();
  });
});
