import { describe, expect, it } from 'vitest';
import { incomingFromPost } from '../inbound/slack/alert-message.js';
import { ALICE, DAVE, PRIVATE, PUBLIC, incidentAccessBench, on, type Harness } from '../../test/support/incident-access.js';
import { pressOnPrompt } from '../../test/support/presses.js';
import { answerPrompt } from './answer-prompt.js';
import { declareIncident } from './declare-incident.js';
import { explainAlert } from './explain-alert.js';
import { acknowledgeLead, handOverLead } from './hand-over-lead.js';
import { incidentDetail, listOpenIncidents } from './incident-queries.js';
import { incidentStats } from './postmortem.js';
import { runDueJobs } from './run-due-jobs.js';
import { ingestAlert } from './ingest-alert.js';

let harness: Harness;
const { twoIncidents, requests, footprint } = incidentAccessBench(() => harness, (started) => (harness = started));

describe('a private incident does not exist for someone outside its channel', () => {
  it.each(requests)('%s: the same answer as for a number that does not exist, and nothing changes', async (_name, _access, run) => {
    await twoIncidents();
    const before = await footprint(PRIVATE);
    const missing = await run(on(99, DAVE));
    const hidden = await run(on(PRIVATE, DAVE));
    expect(missing).toEqual({ ok: false, error: { code: 'incident_not_found', number: 99 } });
    expect(hidden).toEqual({ ok: false, error: { code: 'incident_not_found', number: PRIVATE } });
    expect(await footprint(PRIVATE)).toEqual(before);
  });

  it.each(requests)('%s: a member of its channel gets past the door', async (_name, _access, run) => {
    await twoIncidents();
    const outcome = await run(on(PRIVATE, ALICE));
    // The domain may still say no (e.g. decline from investigating), but never "no such incident".
    expect(outcome.ok || !['incident_not_found', 'not_incident_member', 'no_incident_here'].includes(outcome.error.code)).toBe(true);
  });

  it('is missing from the list and the stats, and from the alert it was declared from', async () => {
    await twoIncidents();
    expect((await listOpenIncidents(harness.deps, DAVE)).map((i) => i.number)).toEqual([PUBLIC]);
    expect((await listOpenIncidents(harness.deps, ALICE)).map((i) => i.number)).toEqual([PRIVATE, PUBLIC]);
    expect((await incidentStats(harness.deps, DAVE, 86_400_000)).total).toBe(1);
    expect((await incidentStats(harness.deps, ALICE, 86_400_000)).total).toBe(2);

    const ingested = await ingestAlert(harness.deps, incomingFromPost({
      channelId: 'C0ALERTS',
      ts: '1.0001',
      at: harness.clock.now(),
      raw: '{}',
      message: { text: '502 errors spiking on checkout!!', attachments: [], blocks: [], username: null, botId: null },
    }));
    if (!ingested.stored || ingested.groupId === null) throw new Error('not grouped');
    const group = { id: ingested.groupId };
    await harness.store.linkIncidentToGroup(PRIVATE, group.id);
    harness.membership.join('C0ALERTS', ALICE, DAVE);
    const forDave = await explainAlert(harness.deps, DAVE, { channelId: 'C0ALERTS', ts: '1.0001' });
    const forAlice = await explainAlert(harness.deps, ALICE, { channelId: 'C0ALERTS', ts: '1.0001' });
    expect(forDave).toMatchObject({ ok: true, value: { of: 'message', message: { group: { id: group.id, incidentNumber: null } } } });
    expect(forAlice).toMatchObject({ ok: true, value: { of: 'message', message: { group: { id: group.id, incidentNumber: PRIVATE } } } });
  });

  it('answers its prompts only for members', async () => {
    await twoIncidents();
    harness.clock.advance(31 * 60_000);
    await runDueJobs(harness.deps);
    const [nudge] = (await harness.store.pendingPrompts(PRIVATE)).filter((p) => p.kind === 'mitigation_check');
    const press = await pressOnPrompt(harness.store, nudge?.id ?? 0, 'CPRIV');
    expect(await answerPrompt(harness.deps, { promptId: nudge?.id ?? 0, answer: 'mitigated', actorId: DAVE, press })).toEqual({
      ok: false,
      error: { code: 'incident_not_found', number: PRIVATE },
    });
    expect((await harness.store.getIncident(PRIVATE))?.status).toBe('investigating');
    expect(await answerPrompt(harness.deps, { promptId: nudge?.id ?? 0, answer: 'mitigated', actorId: ALICE, press })).toMatchObject({ ok: true });
  });

  it('before its channel exists, is for the people it is created for; a proposed lead counts as a member', async () => {
    await twoIncidents();
    const declared = await declareIncident(harness.deps, { title: 'Quiet', impact: '', severity: null, commanderId: 'UCAROL', declaredBy: ALICE, isPrivate: true, idempotencyKey: null });
    if (!declared.ok) throw new Error(declared.error.code);
    const number = declared.value.number;
    expect(await incidentDetail(harness.deps, on(number, 'UCAROL'))).toMatchObject({ ok: true });
    expect(await incidentDetail(harness.deps, on(number, DAVE))).toEqual({ ok: false, error: { code: 'incident_not_found', number } });
    // Alice (a member) proposes Bob: he may act and acknowledge before Slack lists him in the channel.
    expect(await handOverLead(harness.deps, on(PRIVATE, ALICE), { newLeadId: 'UBOB' })).toMatchObject({ ok: true });
    expect(await incidentDetail(harness.deps, on(PRIVATE, 'UBOB'))).toMatchObject({ ok: true });
    expect(await acknowledgeLead(harness.deps, on(PRIVATE, 'UBOB'))).toMatchObject({ ok: true, value: { commanderId: 'UBOB' } });
  });
});
