import { afterEach, describe, expect, it } from 'vitest';
import { markDelivered, queuedEffects } from '../../../test/support/outbox.js';
import { useCaseDeps } from '../../../test/support/use-case-deps.js';
import { changeSeverity } from '../change-severity.js';
import { resolveIncident } from '../change-status.js';
import { declareIncident } from '../declare-incident.js';
import { acknowledgeLead, handOverLead } from '../hand-over-lead.js';
import { TEAM_URL_KEY } from '../postmortem.js';
import { addFollowUp, addNote } from '../record-notes.js';
import { HOME_PUBLISH_EVERY_MS } from './home-audience.js';
import { homeOf } from './home-of.js';
import { homeOpened } from './home-opened.js';

let harness: Awaited<ReturnType<typeof useCaseDeps>>;
afterEach(async () => harness?.db.destroy());

const target = (ref: number, actorId = 'UALICE') => ({ ref, channelId: null, subcommand: 'test', actorId });

async function declared(title: string, options: { isPrivate?: boolean; by?: string } = {}): Promise<number> {
  const by = options.by ?? 'UALICE';
  const outcome = await declareIncident(harness.deps, { title, impact: 'Someone cannot do something', severity: 'sev2', commanderId: by, declaredBy: by, isPrivate: options.isPrivate ?? false, idempotencyKey: null });
  if (!outcome.ok) throw new Error('declare failed');
  const channel = `CINC${outcome.value.number}`;
  await harness.store.saveViewRefs(outcome.value.number, { channelId: channel });
  harness.membership.join(channel, by);
  return outcome.value.number;
}

/** People who opened their Home, each last published at `at`. */
async function homesPublished(people: readonly string[], at: Date): Promise<void> {
  for (const userId of people) {
    await harness.store.noteHomeOpened(userId, at, null);
    await harness.store.saveHomePublished(userId, { viewId: `V${userId}`, slackHash: '1.a', contentHash: 'x', at });
  }
}

/** The Home publishes queued since the last call, as `user@ms after now`. */
async function homePublishes(): Promise<string[]> {
  const rows = await queuedEffects(harness.store);
  const now = harness.clock.now().getTime();
  // Delivered as if their time had come (coalesced ones are due a few seconds from now).
  await markDelivered(harness.store, rows.map((r) => r.id), new Date(now + 60_000));
  return rows.flatMap(({ effect, nextAttemptAt }) => (effect.kind === 'publish_home' ? [`${effect.userId}@${nextAttemptAt.getTime() - now}`] : [])).sort();
}

describe('which Homes a change publishes, and when', () => {
  it('a public incident’s change queues every Home kept, a few seconds after its last publish; a note queues none; a second change is absorbed', async () => {
    harness = await useCaseDeps();
    await declared('Checkout down');
    await homePublishes();
    await homesPublished(['UALICE', 'UBOB', 'UCAROL'], harness.clock.now());
    harness.clock.advance(1_000);
    expect(await changeSeverity(harness.deps, target(1), { severity: 'sev1' })).toMatchObject({ ok: true });
    const spacing = HOME_PUBLISH_EVERY_MS - 1_000;
    expect(await homePublishes()).toEqual([`UALICE@${spacing}`, `UBOB@${spacing}`, `UCAROL@${spacing}`]);

    await addNote(harness.deps, target(1), { text: 'Rolled back' });
    expect(await homePublishes()).toEqual([]);

    await changeSeverity(harness.deps, target(1), { severity: 'sev2' });
    await changeSeverity(harness.deps, target(1), { severity: 'sev1' });
    expect(await queuedEffects(harness.store).then((rows) => rows.filter((r) => r.effect.kind === 'publish_home'))).toHaveLength(3);
  });

  it('a private incident’s change queues only the Homes of the people named on it; a follow-up, only its owner’s', async () => {
    harness = await useCaseDeps();
    await declared('Payroll export leaks', { isPrivate: true });
    await homesPublished(['UALICE', 'UBOB'], new Date(harness.clock.now().getTime() - 60_000));
    await homePublishes();
    await changeSeverity(harness.deps, target(1), { severity: 'sev1' });
    expect(await homePublishes()).toEqual(['UALICE@0']);
    await addFollowUp(harness.deps, target(1), { text: 'Rotate the keys', ownerId: 'UBOB' });
    expect(await homePublishes()).toEqual(['UBOB@0']);
  });

  it('opening the Home brings a coalesced publish forward to now', async () => {
    harness = await useCaseDeps();
    await declared('Checkout down');
    await homesPublished(['UBOB'], harness.clock.now());
    await homePublishes();
    await changeSeverity(harness.deps, target(1), { severity: 'sev1' });
    const [queued] = (await queuedEffects(harness.store)).filter((r) => r.effect.kind === 'publish_home');
    expect(queued?.nextAttemptAt.getTime()).toBe(harness.clock.now().getTime() + HOME_PUBLISH_EVERY_MS);
    await homeOpened(harness.deps, { userId: 'UBOB', shown: { viewId: 'VUBOB', slackHash: '1.a' } });
    expect(await homePublishes()).toEqual(['UBOB@0']);
    // Slack still shows what was published: the digest stays, so an unchanged render is not sent again.
    expect(await harness.store.homeView('UBOB')).toMatchObject({ contentHash: 'x' });
    await homeOpened(harness.deps, { userId: 'UBOB', shown: { viewId: 'VUBOB', slackHash: '2.other' } });
    expect(await harness.store.homeView('UBOB')).toMatchObject({ contentHash: null });
  });
});

describe('what a Home shows', () => {
  it('a private incident only to members of its channel: not in the lists, not its follow-ups', async () => {
    harness = await useCaseDeps();
    await declared('Checkout down', { by: 'UCAROL' });
    await declared('Payroll export leaks', { isPrivate: true });
    await addFollowUp(harness.deps, target(2), { text: 'Rotate the keys', ownerId: 'UBOB' });
    harness.membership.join('CINC2', 'UDAN');
    const bob = await homeOf(harness.deps, 'UBOB');
    expect([...bob.mine, ...bob.others].map((i) => i.number)).toEqual([1]);
    expect(bob.followUps).toEqual([]);
    const dan = await homeOf(harness.deps, 'UDAN');
    expect(dan.others.map((i) => i.number)).toEqual([1, 2]);
    const alice = await homeOf(harness.deps, 'UALICE');
    expect({ mine: alice.mine.map((i) => i.number), others: alice.others.map((i) => i.number) }).toEqual({ mine: [2], others: [1] });
  });

  it('a lead request waits on the proposed commander’s Home, is answered from it, and then the incident is theirs', async () => {
    harness = await useCaseDeps();
    await declared('Checkout down');
    expect(await handOverLead(harness.deps, target(1), { newLeadId: 'UBOB' })).toMatchObject({ ok: true });
    expect((await homeOf(harness.deps, 'UBOB')).leadRequests.map((i) => i.number)).toEqual([1]);
    await homesPublished(['UBOB'], harness.clock.now());
    // Only from Bob's own Home: the same press from another view, or by someone else, is not recognised.
    const fromHome = (viewId: string, actorId: string) => acknowledgeLead(harness.deps, { ...target(1, actorId), control: { kind: 'home_press', viewId } });
    expect(await fromHome('VUCAROL', 'UBOB')).toMatchObject({ ok: false, error: { code: 'control_not_recognised' } });
    expect(await fromHome('VUBOB', 'UCAROL')).toMatchObject({ ok: false, error: { code: 'control_not_recognised' } });
    expect(await fromHome('VUBOB', 'UBOB')).toMatchObject({ ok: true, value: { commanderId: 'UBOB' } });
    const bob = await homeOf(harness.deps, 'UBOB');
    expect({ asked: bob.leadRequests.length, mine: bob.mine.map((i) => i.number) }).toEqual({ asked: 0, mine: [1] });
  });

  it('recently resolved links the postmortem draft once it is posted under the card', async () => {
    harness = await useCaseDeps();
    await declared('Checkout down');
    await harness.store.saveViewRefs(1, { cardTs: '1795400000.000100' });
    await harness.store.writeState(TEAM_URL_KEY, 'https://acme.slack.com/', harness.clock.now());
    expect(await resolveIncident(harness.deps, target(1), { summary: 'Rolled back', cause: null })).toMatchObject({ ok: true });
    expect((await homeOf(harness.deps, 'UBOB')).resolved).toEqual([expect.objectContaining({ draftLink: null })]);
    const draft = await harness.store.latestDraft(1);
    await harness.store.updateDraft(draft?.id ?? 0, { postedTs: ['1795400001.000200'] });
    expect((await homeOf(harness.deps, 'UBOB')).resolved.map((r) => r.draftLink)).toEqual([
      'https://acme.slack.com/archives/CINC1/p1795400001000200?thread_ts=1795400000.000100&cid=CINC1',
    ]);
    harness.clock.advance(8 * 86_400_000);
    expect((await homeOf(harness.deps, 'UBOB')).resolved).toEqual([]);
  });
});
