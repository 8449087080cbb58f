import { afterEach, describe, expect, it } from 'vitest';
import { markDelivered, queuedEffects } from '../../test/support/outbox.js';
import { pressOnTriageReply } from '../../test/support/presses.js';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import type { AlertMessage } from '../domain/triage/alert.js';
import { incomingFromPost } from '../inbound/slack/alert-message.js';
import { ingestAlert, type IncomingAlert } from './ingest-alert.js';
import { acknowledgeGroup, muteGroup } from './triage-actions.js';

let harness: Awaited<ReturnType<typeof useCaseDeps>>;
afterEach(async () => harness?.db.destroy());

let seq = 0;
/** A person's message: the generic parser reads it. */
function human(text: string, secondsAfterStart = 0): IncomingAlert {
  seq += 1;
  const at = new Date(harness.clock.now().getTime() + secondsAfterStart * 1000);
  const message: AlertMessage = { text, attachments: [], blocks: [], username: null, botId: null };
  return incomingFromPost({ channelId: 'C0ALERTS', ts: `${Math.floor(at.getTime() / 1000)}.${String(seq).padStart(6, '0')}`, at, raw: JSON.stringify({ text }), message });
}

const pendingReplies = async () => (await queuedEffects(harness.store)).filter((p) => p.effect.kind === 'sync_triage_reply');

describe('ingesting alert messages', () => {
  it('stores every message, groups repeats within the window, and re-delivery of a message counts once', async () => {
    harness = await useCaseDeps();
    const first = human('502 errors spiking on checkout!!');
    const a = await ingestAlert(harness.deps, first);
    const b = await ingestAlert(harness.deps, human('502 errors spiking on checkout!!', 30));
    expect(await ingestAlert(harness.deps, first)).toEqual({ stored: false });
    expect(a).toMatchObject({ stored: true, newGroup: true, action: 'suggest' });
    expect(b).toMatchObject({ stored: true, newGroup: false });
    const group = a.stored && a.groupId !== null ? await harness.store.getGroup(a.groupId) : undefined;
    expect(group?.counts).toMatchObject({ alertCount: 2, status: 'firing' });
    expect(group?.threadTs).toBe(first.message?.ts);
    expect(await harness.store.storedAlerts(null)).toHaveLength(2);
  });

  it('starts a new group once the window has passed', async () => {
    harness = await useCaseDeps();
    await ingestAlert(harness.deps, human('db-primary is down'));
    const later = await ingestAlert(harness.deps, human('db-primary is down', 3_601));
    expect(later).toMatchObject({ newGroup: true });
  });

  it('coalesces the triage reply: one pending write per group, not before the last write plus the interval', async () => {
    harness = await useCaseDeps();
    const first = await ingestAlert(harness.deps, human('checkout latency high'));
    for (let i = 1; i <= 20; i += 1) await ingestAlert(harness.deps, human('checkout latency high', i));
    expect(await pendingReplies()).toHaveLength(1);
    if (!first.stored || first.groupId === null) throw new Error('not grouped');
    await harness.store.updateGroup(first.groupId, { replyTs: '1.1', replyWrittenAt: harness.clock.now() });
    await markDelivered(harness.store, [(await pendingReplies())[0]?.id ?? 0], harness.clock.now());
    await ingestAlert(harness.deps, human('checkout latency high', 25));
    const [next] = await pendingReplies();
    expect(next?.nextAttemptAt).toEqual(new Date(harness.clock.now().getTime() + 5_000));
  });

  it('ignore rules and mutes store silently; acknowledgement records who and when', async () => {
    harness = await useCaseDeps();
    const deps = { ...harness.deps, triage: { ...harness.deps.triage, rules: [{ match: { text: '(?i)staging' }, action: 'ignore' as const }] } };
    const ignored = await ingestAlert(deps, human('staging is slow'));
    expect(ignored).toMatchObject({ action: 'ignore' });
    expect(await pendingReplies()).toHaveLength(0);

    const loud = await ingestAlert(deps, human('payments down'));
    if (!loud.stored || loud.groupId === null) throw new Error('not grouped');
    const press = await pressOnTriageReply(harness.store, loud.groupId);
    await muteGroup(deps, { groupId: loud.groupId, userId: 'UALICE', press }, 30 * 60_000);
    await markDelivered(harness.store, [(await pendingReplies())[0]?.id ?? 0], harness.clock.now());
    await ingestAlert(deps, human('payments down', 60));
    expect(await pendingReplies()).toHaveLength(0);
    expect((await harness.store.getGroup(loud.groupId))?.counts.alertCount).toBe(2);

    harness.clock.advance(90_000);
    await acknowledgeGroup(deps, { groupId: loud.groupId, userId: 'UALICE', press });
    expect(await harness.store.getGroup(loud.groupId)).toMatchObject({ acknowledgedBy: 'UALICE', acknowledgedAt: harness.clock.now() });
    expect(await acknowledgeGroup(deps, { groupId: loud.groupId, userId: 'UBOB', press })).toMatchObject({ ok: false, error: { code: 'group_already_acknowledged', by: 'UALICE' } });
  });

  it('a declare rule declares an incident in triage, detected at the first alert, with the alert on its timeline', async () => {
    harness = await useCaseDeps();
    const deps = { ...harness.deps, triage: { ...harness.deps.triage, rules: [{ match: { text: 'down' }, action: 'declare' as const, severity: 'sev1' }] } };
    const incoming = human('payments down');
    const outcome = await ingestAlert(deps, incoming);
    expect(outcome).toMatchObject({ declaredIncident: 1 });
    const incident = await harness.store.getIncident(1);
    expect(incident).toMatchObject({ status: 'triage', severity: 'sev1', origin: 'alert', declaredBy: 'U0BOT' });
    expect(incident?.milestones.detectedAt).toEqual(incoming.at);
    expect((await harness.store.timeline(1)).map((e) => e.kind)).toEqual(['declared', 'alert_linked']);
    await ingestAlert(deps, human('payments down', 10));
    expect((await harness.store.timeline(1)).filter((e) => e.kind === 'alert_linked')).toHaveLength(2);
  });
});
