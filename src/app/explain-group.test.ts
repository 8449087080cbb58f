import { afterEach, describe, expect, it } from 'vitest';
import { anAlertInstance } from '../../test/support/alert-instance.js';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import { messages } from '../i18n/index.js';
import { incomingFromPost } from '../inbound/slack/alert-message.js';
import { renderGroupExplanation } from '../slack/blocks/group-explanation.js';
import { declareIncident } from './declare-incident.js';
import { explainAlert } from './explain-alert.js';
import { ingestAlert } from './ingest-alert.js';
import { ingestNotification } from './ingest-notification.js';

let harness: Awaited<ReturnType<typeof useCaseDeps>>;
afterEach(async () => harness?.db.destroy());

const ALICE = 'U0ALICE';
const DAVE = 'U0DAVE';
const GROUP_MESSAGE = '1795600800.000200';
const MIN = 60_000;

function instance(host: string, status: 'firing' | 'resolved', startedMinute: number) {
  const startsAt = new Date(Date.UTC(2026, 10, 23, 3, startedMinute));
  const endsAt = status === 'resolved' ? harness.clock.now() : null;
  return anAlertInstance({ host, status, startsAt, endsAt, labels: { alertname: 'HighLatency', service: 'checkout', instance: host, severity: 'critical' } });
}

/** Three instances over two notifications (one resolved); the bot has posted the group's message. */
async function webhookGroup() {
  harness = await useCaseDeps();
  harness.membership.join('C0ALERTS', ALICE);
  await ingestNotification(harness.deps, { channelId: 'C0ALERTS', at: harness.clock.now(), alerts: [instance('web-1', 'firing', 0), instance('web-2', 'firing', 0)], truncated: 1 });
  harness.clock.advance(MIN);
  await ingestNotification(harness.deps, { channelId: 'C0ALERTS', at: harness.clock.now(), alerts: [instance('web-1', 'resolved', 0), instance('web-3', 'firing', 1)], truncated: 0 });
  const group = await harness.store.findOpenGroup('instances|source=alertmanager|alertname=highlatency|service=checkout', 'C0ALERTS', new Date(0));
  if (!group) throw new Error('no group');
  await harness.store.updateGroup(group.id, { replyTs: GROUP_MESSAGE });
  return group;
}

describe('explaining the message of a group of webhook instances', () => {
  it('explains the group: its source, grouping key, instances (newest first), severity and rule', async () => {
    const group = await webhookGroup();
    const explained = await explainAlert(harness.deps, ALICE, { channelId: 'C0ALERTS', ts: GROUP_MESSAGE });
    if (!explained.ok || explained.value.of !== 'group') throw new Error(`not a group explanation: ${JSON.stringify(explained)}`);
    const { group: about } = explained.value;
    expect(about.group.id).toBe(group.id);
    expect(about.sources).toEqual([{ name: 'prometheus', kind: 'alertmanager', channelId: 'C0ALERTS' }]);
    expect(about.newest.map((i) => [i.alert.labels['instance'], i.status])).toEqual([
      ['web-3', 'firing'],
      ['web-1', 'resolved'],
      ['web-2', 'firing'],
    ]);
    expect(about.severity).toEqual({ from: 'label', label: 'severity' });

    const text = JSON.stringify(renderGroupExplanation(about, messages('en')).blocks);
    expect(text).toContain('*Source*: `prometheus` (alertmanager), from `alertSources`');
    expect(text).toContain('*Grouped by*: source=alertmanager, alertname=highlatency, service=checkout (the labels alertname, service)');
    expect(text).toContain('*Instances*: 3 (2 firing, 1 resolved)');
    expect(text).toContain('• firing `instance=web-3 severity=critical` since <!date^1795402860^');
    expect(text).toContain('• resolved `instance=web-1 severity=critical`, <!date^1795402800^');
    expect(text).toContain('*Severity*: critical, from the `severity` label');
    expect(text).toContain('*Rule*: no rule matched: suggest (the default)');
    const ko = JSON.stringify(renderGroupExplanation(about, messages('ko')).blocks);
    expect(ko).toContain('*인스턴스*: 3개 (발생 중 2, 해소 1)');
    expect(ko).toContain('*심각도*: critical, `severity` 레이블에서');
  });

  it('without a link, explains the group when its message is the newest in the channel, else the newest stored message', async () => {
    await webhookGroup();
    const latest = await explainAlert(harness.deps, ALICE, { channelId: 'C0ALERTS', ts: null });
    expect(latest.ok && latest.value.of).toBe('group');

    const later = '1795600900.000100';
    await ingestAlert(harness.deps, incomingFromPost({ channelId: 'C0ALERTS', ts: later, at: harness.clock.now(), raw: '{}', message: { text: 'checkout is down', username: null, botId: null, blocks: [], attachments: [] } }));
    const after = await explainAlert(harness.deps, ALICE, { channelId: 'C0ALERTS', ts: null });
    expect(after.ok && after.value.of === 'message' && after.value.message.alert.messageTs).toBe(later);
  });

  it('names the incident it was declared as only to whoever may see it; to others, only that a private one was', async () => {
    const group = await webhookGroup();
    const declared = await declareIncident(harness.deps, { title: 'Checkout slow', impact: '', severity: 'sev2', commanderId: ALICE, declaredBy: ALICE, isPrivate: true, idempotencyKey: null });
    if (!declared.ok) throw new Error(declared.error.code);
    await harness.store.saveViewRefs(declared.value.number, { channelId: 'GPRIV', channelName: 'inc-1-checkout-slow' });
    await harness.store.linkIncidentToGroup(declared.value.number, group.id);
    harness.membership.join('GPRIV', ALICE);
    harness.membership.join('C0ALERTS', DAVE);
    const shown = async (actorId: string) => {
      const explained = await explainAlert(harness.deps, actorId, { channelId: 'C0ALERTS', ts: GROUP_MESSAGE });
      if (!explained.ok || explained.value.of !== 'group') throw new Error('not a group explanation');
      return JSON.stringify(renderGroupExplanation(explained.value.group, messages('en')).blocks);
    };
    expect(await shown(ALICE)).toContain('Declared as INC-1 <#GPRIV>');
    const forDave = await shown(DAVE);
    expect(forDave).toContain('Declared as a private incident');
    expect(forDave).not.toContain('INC-1');
    expect(forDave).not.toContain('GPRIV');
  });

  it('shows nothing to someone outside the alert channel, and nobody while Slack cannot say who is in it', async () => {
    await webhookGroup();
    expect(await explainAlert(harness.deps, DAVE, { channelId: 'C0ALERTS', ts: GROUP_MESSAGE })).toEqual({ ok: false, error: { code: 'alert_not_found' } });
    expect(await explainAlert(harness.deps, DAVE, { channelId: 'C0ALERTS', ts: null })).toEqual({ ok: false, error: { code: 'alert_not_found' } });
    harness.membership.unanswered('C0ALERTS');
    expect(await explainAlert(harness.deps, ALICE, { channelId: 'C0ALERTS', ts: GROUP_MESSAGE })).toEqual({ ok: false, error: { code: 'access_unknown', number: null } });
  });
});
