import { afterEach, describe, expect, it } from 'vitest';
import { anAlertInstance } from '../../test/support/alert-instance.js';
import { queuedEffects } from '../../test/support/outbox.js';
import { pressOnTriageReply } from '../../test/support/presses.js';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import type { IdentifiedAlert } from '../domain/alerts/alert.js';
import { resolveIncident } from './change-status.js';
import { declareIncident, submitDeclareForm } from './declare-incident.js';
import { openDeclareForm } from './open-forms.js';
import { ingestAlert } from './ingest-alert.js';
import { ingestNotification } from './ingest-notification.js';
import { incomingFromPost } from '../inbound/slack/alert-message.js';

let harness: Awaited<ReturnType<typeof useCaseDeps>>;
afterEach(async () => harness?.db.destroy());

const MIN = 60_000;

/** One Alertmanager alert instance as the webhook reader hands it over. */
function instance(host: string, status: 'firing' | 'resolved', startedMinute = 0, overrides: Partial<IdentifiedAlert> = {}): IdentifiedAlert {
  const startsAt = new Date(Date.UTC(2026, 10, 23, 3, startedMinute));
  return anAlertInstance({ host, status, startsAt, endsAt: status === 'resolved' ? new Date(harness.clock.now().getTime()) : null, ...overrides });
}

async function notify(alerts: IdentifiedAlert[], truncated = 0) {
  const outcomes = await ingestNotification(harness.deps, { channelId: 'C0ALERTS', at: harness.clock.now(), alerts, truncated });
  return outcomes;
}

async function onlyGroup() {
  const [first] = await harness.store.storedAlerts(null);
  expect(first).toBeUndefined();
  const group = await harness.store.findOpenGroup('instances|source=alertmanager|alertname=highlatency|service=checkout', 'C0ALERTS', new Date(0));
  if (!group) throw new Error('no group');
  return group;
}

describe('alert instances a webhook reports', () => {
  it('open one group with no tool message (the bot posts its own), counted by instance; repeats change nothing but last seen', async () => {
    harness = await useCaseDeps();
    await notify([instance('web-1', 'firing'), instance('web-2', 'firing')], 1);
    let group = await onlyGroup();
    expect(group).toMatchObject({ threadTs: null, tracksInstances: true, truncatedAlerts: 1, counts: { status: 'firing', firing: 2, alertCount: 2 } });
    expect(group.links).toEqual([{ kind: 'alert', url: 'http://alertmanager.example/#/alerts?receiver=bot' }]);
    expect((await queuedEffects(harness.store)).map((e) => e.effect)).toEqual([{ kind: 'sync_triage_reply', groupId: group.id }]);

    harness.clock.advance(MIN);
    // The same notification again (Alertmanager's repeat, or the other member of an HA pair): still two firing.
    await notify([instance('web-1', 'firing'), instance('web-2', 'firing')], 1);
    group = await onlyGroup();
    expect(group.counts).toMatchObject({ firing: 2, alertCount: 2, lastSeenAt: harness.clock.now() });
    expect(await harness.store.instancesOfGroup(group.id, 10)).toHaveLength(2);
  });

  it('resolve one by one by status or by end; the group resolves with its last instance and says how many were left out', async () => {
    harness = await useCaseDeps();
    await notify([instance('web-1', 'firing'), instance('web-2', 'firing')], 1);
    harness.clock.advance(MIN);
    await notify([instance('web-1', 'resolved'), instance('web-2', 'firing'), instance('web-3', 'firing')], 0);
    let group = await onlyGroup();
    expect(group).toMatchObject({ truncatedAlerts: 0, counts: { status: 'firing', firing: 2, alertCount: 3 } });
    harness.clock.advance(MIN);
    // An end without a resolved status is an end too.
    await notify([instance('web-2', 'firing', 0, { endsAt: harness.clock.now() }), instance('web-3', 'resolved')]);
    group = await onlyGroup();
    expect(group.counts).toMatchObject({ status: 'resolved', firing: 0, resolvedAt: harness.clock.now() });
    expect((await harness.store.instancesOfGroup(group.id, 10)).map((i) => i.status)).toEqual(['resolved', 'resolved', 'resolved']);
  });

  it('an instance firing again while its group fires rejoins it; after the group resolved it opens a new occurrence', async () => {
    harness = await useCaseDeps();
    await notify([instance('web-1', 'firing'), instance('web-2', 'firing')]);
    harness.clock.advance(MIN);
    await notify([instance('web-1', 'resolved'), instance('web-2', 'firing')]);
    harness.clock.advance(MIN);
    await notify([instance('web-1', 'firing', 2), instance('web-2', 'firing')]);
    const first = await onlyGroup();
    expect(first.counts).toMatchObject({ status: 'firing', firing: 2, alertCount: 2 });

    harness.clock.advance(MIN);
    await notify([instance('web-1', 'resolved', 2), instance('web-2', 'resolved')]);
    expect((await harness.store.getGroup(first.id))?.counts.status).toBe('resolved');
    // A late copy of the old firing state (an HA peer's) does not revive it.
    await notify([instance('web-1', 'firing', 2)]);
    expect((await harness.store.getGroup(first.id))?.counts.status).toBe('resolved');

    harness.clock.advance(MIN);
    const outcomes = await notify([instance('web-1', 'firing', 10)]);
    expect(outcomes).toMatchObject([{ newGroup: true }]);
    const second = await onlyGroup();
    expect(second.id).not.toBe(first.id);
    expect(second.counts).toMatchObject({ status: 'firing', firing: 1, alertCount: 1 });
    expect((await harness.store.getGroup(first.id))?.counts.status).toBe('resolved');
  });

  it('a declare rule declares from the first instance; the incident timeline gets each change, not each repeat', async () => {
    harness = await useCaseDeps();
    const deps = { ...harness.deps, triage: { ...harness.deps.triage, rules: [{ match: { source: 'alertmanager', severity: 'critical' }, action: 'declare' as const, severity: 'sev1' }] } };
    const first = await ingestNotification(deps, { channelId: 'C0ALERTS', at: harness.clock.now(), alerts: [instance('web-1', 'firing')], truncated: 0 });
    expect(first).toMatchObject([{ declaredIncident: 1 }]);
    expect(await harness.store.getIncident(1)).toMatchObject({ status: 'triage', severity: 'sev1', origin: 'alert' });
    harness.clock.advance(MIN);
    await ingestNotification(deps, { channelId: 'C0ALERTS', at: harness.clock.now(), alerts: [instance('web-1', 'firing'), instance('web-2', 'firing')], truncated: 0 });
    await ingestNotification(deps, { channelId: 'C0ALERTS', at: harness.clock.now(), alerts: [instance('web-1', 'resolved'), instance('web-2', 'firing')], truncated: 0 });
    const lines = (await harness.store.timeline(1)).filter((e) => e.kind === 'alert_linked').map((e) => e.text);
    expect(lines).toEqual(['firing: HighLatency — p99 above 2s', 'firing: HighLatency — p99 above 2s', 'resolved: HighLatency — p99 above 2s']);
  });

  it("declaring from the group's message puts its instances on the timeline, linked to that message", async () => {
    harness = await useCaseDeps();
    await notify([instance('web-1', 'firing'), instance('web-2', 'firing')]);
    const group = await onlyGroup();
    const press = await pressOnTriageReply(harness.store, group.id);
    const declared = await declareIncident(harness.deps, { title: 'Checkout slow', impact: '', severity: 'sev2', commanderId: 'U0ALICE', declaredBy: 'U0ALICE', isPrivate: false, idempotencyKey: null, alertGroupId: group.id });
    expect(declared.ok).toBe(true);
    const linked = (await harness.store.timeline(1)).filter((e) => e.kind === 'alert_linked');
    expect(linked).toHaveLength(2);
    expect(linked.every((e) => e.message?.ts === press.messageTs)).toBe(true);
  });

  it("a declare form refused because its group's incident is open is not used up: once that incident resolves, it declares", async () => {
    harness = await useCaseDeps();
    await notify([instance('web-1', 'firing')]);
    const group = await onlyGroup();
    const fromGroup = { groupId: group.id, userId: 'U0ALICE', press: await pressOnTriageReply(harness.store, group.id) };
    const form = async (userId: string) => {
      const opened = await openDeclareForm(harness.deps, { userId, fromGroup: { ...fromGroup, userId } });
      if (!opened.ok) throw new Error(opened.error.code);
      return { kind: 'form' as const, form: 'declare' as const, token: opened.value.token, viewId: `V-${userId}` };
    };
    const [alices, bobs] = [await form('U0ALICE'), await form('U0BOB')];
    const declaring = (userId: string) => ({ title: 'Checkout slow', impact: '', severity: 'sev2', commanderId: userId, declaredBy: userId, isPrivate: false });
    expect(await submitDeclareForm(harness.deps, bobs, declaring('U0BOB'))).toMatchObject({ ok: true, value: { number: 1 } });
    expect(await submitDeclareForm(harness.deps, alices, declaring('U0ALICE'))).toEqual({ ok: false, error: { code: 'group_has_incident', incidentNumber: 1 } });
    const target = { ref: 1, channelId: null, subcommand: 'resolve', actorId: 'U0BOB' };
    expect(await resolveIncident(harness.deps, target, { summary: 'Rolled back', cause: null })).toMatchObject({ ok: true });
    // The alert fires again: Alice submits the form still open in front of her.
    expect(await submitDeclareForm(harness.deps, alices, declaring('U0ALICE'))).toMatchObject({ ok: true, value: { number: 2, commanderId: 'U0ALICE' } });
    expect((await harness.store.getGroup(group.id))?.incidentNumber).toBe(2);
  });

  it('never mixes with the groups of messages that say the same alert fires', async () => {
    harness = await useCaseDeps();
    const message = { text: '', username: 'Alertmanager', botId: 'B0AM', blocks: [], attachments: [{ title: '[FIRING:1] HighLatency checkout (critical)', color: 'danger' }] };
    const posted = await ingestAlert(harness.deps, incomingFromPost({ channelId: 'C0ALERTS', ts: '1795400000.000001', at: harness.clock.now(), raw: '{}', message }));
    await notify([instance('web-1', 'firing')]);
    const webhookGroup = await harness.store.findOpenGroup('instances|source=alertmanager|alertname=highlatency|service=checkout', 'C0ALERTS', new Date(0));
    expect(posted).toMatchObject({ newGroup: true });
    expect(webhookGroup?.id).not.toBe(posted.stored ? posted.groupId : null);
  });
});
