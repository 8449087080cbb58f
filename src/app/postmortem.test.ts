import { incomingFromPost } from '../inbound/slack/alert-message.js';
import { afterEach, describe, expect, it } from 'vitest';
import { queuedEffects } from '../../test/support/outbox.js';
import { pressOnTriageReply } from '../../test/support/presses.js';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import { draftFromJson } from '../domain/postmortem/codec.js';
import { changeSeverity } from './change-severity.js';
import { declineIncident, markMitigated, reopenIncident, resolveIncident } from './change-status.js';
import { declareIncident } from './declare-incident.js';
import { ingestAlert } from './ingest-alert.js';
import { generatePostmortem, incidentStats, latestDraft, TEAM_URL_KEY } from './postmortem.js';
import { addFollowUp, addNote } from './record-notes.js';
import { acknowledgeGroup } from './triage-actions.js';

let harness: Awaited<ReturnType<typeof useCaseDeps>>;
afterEach(async () => harness?.db.destroy());

const MIN = 60_000;
const by = (actorId: string, ref: number | null = 1) => ({ ref, channelId: null, subcommand: 'postmortem', actorId });

async function declared(title = 'Checkout 502s', alertGroupId: number | null = null) {
  const outcome = await declareIncident(harness.deps, {
    title,
    impact: 'EU cannot pay',
    severity: 'sev2',
    commanderId: 'U0ALICE',
    declaredBy: 'U0ALICE',
    isPrivate: false,
    idempotencyKey: null,
    alertGroupId,
  });
  if (!outcome.ok) throw new Error(outcome.error.code);
  return outcome.value;
}

describe('postmortem drafts from the record', () => {
  it('resolving stores version 1 and queues posting it after the thread lines of the change', async () => {
    harness = await useCaseDeps('2026-11-23T05:00:00Z');
    await harness.store.writeState(TEAM_URL_KEY, 'https://acme.slack.com/', harness.clock.now());
    await declared();
    harness.clock.advance(5 * MIN);
    await changeSeverity(harness.deps, by('U0ALICE'), { severity: 'sev1' });
    await addNote(harness.deps, by('U0BOB'), { text: 'gateway 502s' });
    harness.clock.advance(10 * MIN);
    await markMitigated(harness.deps, by('U0ALICE'), { note: null });
    harness.clock.advance(20 * MIN);
    const resolved = await resolveIncident(harness.deps, by('U0ALICE'), { summary: 'Rolled back', cause: 'Config typo', impactStarted: '04:50' });
    expect(resolved).toMatchObject({ ok: true, value: { status: 'resolved', milestones: { impactStartedAt: new Date('2026-11-23T04:50:00Z') } } });

    const stored = await harness.store.latestDraft(1);
    expect(stored).toMatchObject({ incidentNumber: 1, version: 1, createdBy: 'U0ALICE', postedTs: [], postedAt: null });
    const draft = draftFromJson(stored?.json ?? '');
    expect(draft.durations.map((d) => d.ms)).toEqual([10 * MIN, 0, 15 * MIN, 35 * MIN]);
    expect(draft.cause).toBe('Config typo');
    expect(stored?.markdown).toContain('# INC-1 · Checkout 502s — postmortem draft');
    expect(stored?.markdown).toContain('- **Time to detect**: 10m (impact started 2026-11-23 04:50 UTC → detected 2026-11-23 05:00 UTC)');

    const kinds = (await queuedEffects(harness.store)).map((p) => p.effect.kind);
    expect(kinds.indexOf('post_timeline_messages')).toBeGreaterThan(-1);
    expect(kinds.indexOf('post_timeline_messages')).toBeLessThan(kinds.indexOf('post_postmortem'));
    expect(kinds.filter((k) => k === 'post_timeline_messages')).toHaveLength(1);
  });

  it('/incident postmortem stores the next version; every version is kept', async () => {
    harness = await useCaseDeps();
    await declared();
    await resolveIncident(harness.deps, by('U0ALICE'), { summary: 'fixed', cause: null });
    await addFollowUp(harness.deps, by('U0ALICE'), { text: 'Add a config lint', ownerId: 'U0BOB' });
    const second = await generatePostmortem(harness.deps, by('U0BOB', null));
    expect(second).toEqual({ ok: false, error: { code: 'no_incident_here', subcommand: 'postmortem' } });
    const again = await generatePostmortem(harness.deps, by('U0BOB'));
    expect(again).toMatchObject({ ok: true, value: { draft: { version: 2, createdBy: 'U0BOB' } } });
    expect(again.ok && again.value.draft.markdown).toContain('Version 2 — supersedes version 1');
    expect(again.ok && again.value.draft.markdown).toContain('- [ ] Add a config lint — owner @U0BOB');
    const rows = await harness.db.selectFrom('postmortem_drafts').select(['version']).where('incident_number', '=', 1).orderBy('version').execute();
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect(await generatePostmortem(harness.deps, by('U0BOB', 9))).toEqual({ ok: false, error: { code: 'incident_not_found', number: 9 } });
  });

  it('refuses an unreadable or future impact start and changes nothing', async () => {
    harness = await useCaseDeps('2026-11-23T05:00:00Z');
    await declared();
    expect(await resolveIncident(harness.deps, by('U0ALICE'), { summary: null, cause: null, impactStarted: 'this morning' })).toEqual({
      ok: false,
      error: { code: 'invalid_time', input: 'this morning', timeZone: 'UTC' },
    });
    expect(await resolveIncident(harness.deps, by('U0ALICE'), { summary: null, cause: null, impactStarted: '2026-11-24 01:00' })).toEqual({
      ok: false,
      error: { code: 'time_in_future' },
    });
    expect(await harness.store.getIncident(1)).toMatchObject({ status: 'investigating' });
    expect(await harness.store.latestDraft(1)).toBeUndefined();
  });

  it('an incident declared from an acknowledged alert group is detected at its first alert and acknowledged when someone pressed Acknowledge', async () => {
    harness = await useCaseDeps('2026-11-23T05:00:00Z');
    const at = harness.clock.now();
    const ingested = await ingestAlert(harness.deps, incomingFromPost({
      channelId: 'C0ALERTS',
      ts: '1795410000.000100',
      at,
      raw: '{}',
      message: { text: '502 errors spiking on checkout!!', attachments: [], blocks: [], username: null, botId: null },
    }));
    if (!ingested.stored || ingested.groupId === null) throw new Error('not grouped');
    harness.clock.advance(3 * MIN);
    await acknowledgeGroup(harness.deps, { groupId: ingested.groupId, userId: 'U0BOB', press: await pressOnTriageReply(harness.store, ingested.groupId) });
    harness.clock.advance(7 * MIN);
    await declared('Checkout 502s', ingested.groupId);
    expect((await harness.store.getIncident(1))?.milestones).toMatchObject({
      detectedAt: at,
      acknowledgedAt: new Date(at.getTime() + 3 * MIN),
      declaredAt: new Date(at.getTime() + 10 * MIN),
    });
    const latest = await latestDraft(harness.store, 1, harness.clock.now(), { ...harness.deps.postmortem, severities: harness.deps.severities, botUserId: 'U0BOT' });
    expect(latest).toMatchObject({ ok: true, value: { version: 1, stored: false } });
    expect(latest.ok && latest.value.markdown).toContain('First alert: **checkout 502 errors** from generic at 2026-11-23 05:00 UTC (C0ALERTS/1795410000.000100).');
    expect(latest.ok && latest.value.markdown).toContain('- **Time to acknowledge**: 3m');
  });

  it('stats: counts by severity and median/p90 durations over the period', async () => {
    harness = await useCaseDeps('2026-11-01T00:00:00Z');
    for (const [i, minutes] of [10, 20, 30, 40].entries()) {
      await declared(`incident ${i}`);
      harness.clock.advance(minutes * MIN);
      await resolveIncident(harness.deps, by('U0ALICE', i + 1), { summary: null, cause: null });
      harness.clock.advance(86_400_000);
    }
    await declared('not one');
    await declineIncident(harness.deps, by('U0ALICE', 5), { reason: null });
    await reopenIncident(harness.deps, by('U0ALICE', 5), { reason: 'it was' });
    await declared('open');
    const stats = await incidentStats(harness.deps, 'U0ALICE', 30 * 86_400_000);
    expect(stats.total).toBe(6);
    expect(stats.bySeverity.find((s) => s.severityId === 'sev2')?.count).toBe(6);
    expect(stats.durations.find((d) => d.id === 'resolve')).toEqual({ id: 'resolve', count: 4, medianMs: 20 * MIN, p90Ms: 40 * MIN });
    expect((await incidentStats(harness.deps, 'U0ALICE', 2 * 86_400_000)).total).toBe(3);
  });
});
