import { incomingFromPost } from '../../src/inbound/slack/alert-message.js';
import { afterEach, describe, expect, it } from 'vitest';
import { changeSeverity } from '../../src/app/change-severity.js';
import { declareIncident } from '../../src/app/declare-incident.js';
import type { UseCaseDeps } from '../../src/app/deps.js';
import { ingestAlert } from '../../src/app/ingest-alert.js';
import { postStatusUpdate } from '../../src/app/post-status-update.js';
import type { Store } from '../../src/app/ports.js';
import { runDueJobs } from '../../src/app/run-due-jobs.js';
import { connectDatabase, migrateToLatest, openDatabase, type Db } from '../../src/db/connection.js';
import { createStore } from '../../src/db/store.js';
import type { Incident } from '../../src/domain/incident.js';
import { err } from '../../src/domain/result.js';
import { eventually } from '../support/eventually.js';
import { queuedEffects } from '../support/outbox.js';
import { freshPostgresDatabase } from '../support/postgres.js';
import { depsOver } from '../support/use-case-deps.js';

/**
 * One contract for the store on both databases: what the use cases rely on, and the guarantees two replicas need
 * (on SQLite, "two replicas" are two callers of one process's store; on PostgreSQL, two connection pools).
 */
interface Replicas {
  readonly a: Store;
  readonly b: Store;
  readonly dbs: Db[];
}

const databases = [
  {
    name: 'SQLite',
    async open(): Promise<Replicas> {
      const db = openDatabase(':memory:');
      await migrateToLatest(db);
      const store = createStore(db);
      return { a: store, b: store, dbs: [db] };
    },
  },
  {
    name: 'PostgreSQL',
    async open(): Promise<Replicas> {
      const url = await freshPostgresDatabase('contract');
      // Pools of several connections: concurrency inside a replica as well as between the two.
      const first = await connectDatabase({ kind: 'postgres', url }, { poolSize: 4 });
      const second = await connectDatabase({ kind: 'postgres', url }, { poolSize: 4 });
      // Both replicas start together: the Migrator's lock makes the second wait, then find nothing to do.
      await Promise.all([migrateToLatest(first), migrateToLatest(second)]);
      return { a: createStore(first), b: createStore(second), dbs: [first, second] };
    },
  },
] as const;

/**
 * Four workers, two per replica, claim until there is nothing left (three empty claims in a row), hold what they
 * claimed a moment, then finish it. Counts how often a lane was claimed while another worker held it.
 */
async function fourWorkers<T>(
  replicas: Replicas,
  claim: (store: Store, owner: string) => Promise<readonly T[]>,
  laneOf: (claimed: T) => string,
  finish: (store: Store, owner: string, claimed: T) => Promise<void>,
): Promise<{ overlaps: number }> {
  const busy = new Set<string>();
  let overlaps = 0;
  const worker = async (store: Store, owner: string) => {
    for (let idle = 0; idle < 3; ) {
      const claimed = await claim(store, owner);
      if (claimed.length === 0) {
        idle += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      idle = 0;
      for (const item of claimed) {
        if (busy.has(laneOf(item))) overlaps += 1;
        busy.add(laneOf(item));
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
      for (const item of claimed) {
        busy.delete(laneOf(item));
        await finish(store, owner, item);
      }
    }
  };
  await Promise.all([worker(replicas.a, 'a1'), worker(replicas.b, 'b1'), worker(replicas.a, 'a2'), worker(replicas.b, 'b2')]);
  return { overlaps };
}

const T0 = new Date('2026-11-23T03:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(databases)('the store on $name', ({ name, open }) => {
  let replicas: Replicas;
  afterEach(async () => {
    for (const db of replicas?.dbs ?? []) await db.destroy();
  });

  const declare = (deps: UseCaseDeps, title: string) =>
    declareIncident(deps, { title, impact: 'x', severity: 'sev2', commanderId: 'UALICE', declaredBy: 'UALICE', isPrivate: false, idempotencyKey: null });

  it('keeps an incident, its timeline (deduplicated by source key), follow-ups and Slack refs as written', async () => {
    replicas = await open();
    const { deps, store } = depsOver(replicas.a, T0);
    const declared = await declare(deps, 'Checkout down');
    if (!declared.ok) throw new Error(declared.error.code);
    expect(await store.getIncident(1)).toEqual(declared.value);
    const note = { kind: 'note' as const, actorId: 'UBOB', occurredAt: at(1_000), text: 'pods restarted', data: { n: 1 }, message: null, sourceKey: 'pin:1' };
    expect(await store.appendEvents(1, [note, note], at(1_000))).toBe(1);
    expect((await store.timeline(1)).map((e) => [e.kind, e.text])).toEqual([
      ['declared', expect.any(String)],
      ['note', 'pods restarted'],
    ]);
    expect(await store.updateEventText(1, 'pin:1', 'pods restarted twice')).toBe(true);
    expect((await store.addFollowUp({ incidentNumber: 1, text: 'alert on 5xx', ownerId: 'UBOB', createdBy: 'UALICE', createdAt: at(2_000) })).done).toBe(false);
    expect((await store.followUps(1)).map((f) => f.text)).toEqual(['alert on 5xx']);
    await store.saveViewRefs(1, { channelId: 'C1', cardTs: '1.1', invited: ['UALICE'], cardPinned: true });
    expect(await store.viewRefs(1)).toMatchObject({ channelId: 'C1', cardTs: '1.1', invited: ['UALICE'], cardPinned: true });
    expect((await store.getIncidentByChannel('C1'))?.number).toBe(1);
    await store.writeState('team_url', 'https://acme.slack.com/', at(0));
    expect(await store.readState('team_url')).toBe('https://acme.slack.com/');
    expect(await store.removeEvent(1, 'pin:1')).toBe(true);
  });

  it('never gives two concurrent declares the same number, and a rolled-back declare gives its number back', async () => {
    replicas = await open();
    const [one, two] = [depsOver(replicas.a, T0).deps, depsOver(replicas.b, T0).deps];
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => declare(i % 2 === 0 ? one : two, `Incident ${i}`)));
    const numbers = results.map((r) => (r.ok ? r.value.number : -1)).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    await expect(
      replicas.a.transaction(async (records) => {
        expect(await records.nextIncidentNumber()).toBe(25);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const next = await declare(one, 'After the rollback');
    expect(next.ok && next.value.number).toBe(25);
  });

  it('rolls back work that answers with a refusal and hands the refusal back: its claim, number, events and effects are gone', async () => {
    replicas = await open();
    const { deps } = depsOver(replicas.a, T0);
    expect((await declare(deps, 'Checkout down')).ok).toBe(true);
    const [timelineBefore, effectsBefore] = [await replicas.a.timeline(1), await queuedEffects(replicas.a)];
    const note = { kind: 'note' as const, actorId: 'UBOB', occurredAt: at(1_000), text: 'pods restarted', data: {}, message: null, sourceKey: null };
    const refused = await replicas.a.transaction(async (records) => {
      expect(await records.claimOnce('declare:V1', at(1_000))).toBe(true);
      expect(await records.nextIncidentNumber()).toBe(2);
      await records.appendEvents(1, [note], at(1_000));
      await records.enqueue({ kind: 'post_prompt', incidentNumber: 1, promptId: 9 }, at(1_000));
      return err({ code: 'already_submitted' as const });
    });
    expect(refused).toEqual({ ok: false, error: { code: 'already_submitted' } });
    expect(await replicas.b.timeline(1)).toEqual(timelineBefore);
    expect(await queuedEffects(replicas.b)).toEqual(effectsBefore);
    expect(await replicas.b.claimOnce('declare:V1', at(2_000))).toBe(true);
    const next = await declare(deps, 'After the refusal');
    expect(next.ok && next.value.number).toBe(2);

    // A refusal from the attempt that runs again after a lost race (PostgreSQL) is handed back the same way.
    let attempts = 0;
    const work = replicas.a.transaction(async (records) => {
      attempts += 1;
      await records.claimOnce(`declare:V2:${attempts}`, at(3_000));
      // What PostgreSQL answers a transaction it picked to abort in a deadlock.
      if (attempts === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return err({ code: 'already_submitted' as const });
    });
    if (name === 'PostgreSQL') await expect(work).resolves.toEqual({ ok: false, error: { code: 'already_submitted' } });
    else await expect(work).rejects.toThrow('deadlock detected');
    expect([await replicas.b.claimOnce('declare:V2:1', at(4_000)), await replicas.b.claimOnce('declare:V2:2', at(4_000))]).toEqual([true, true]);
  });

  it('opens one alert group per fingerprint when its alerts arrive at once on two replicas, and counts every alert', async () => {
    replicas = await open();
    const [one, two] = [depsOver(replicas.a, T0).deps, depsOver(replicas.b, T0).deps];
    const alert = (i: number) => ({
      channelId: 'C0ALERTS',
      ts: `1700000000.${String(i).padStart(6, '0')}`,
      message: { text: '[FIRING:1] HighErrorRate checkout', username: 'Alertmanager', botId: 'B0AM', attachments: [], blocks: [] },
      raw: '{}',
      at: at(i),
    });
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => ingestAlert(i % 2 === 0 ? one : two, incomingFromPost(alert(i)))));
    const groups = new Set(outcomes.map((o) => (o.stored ? o.groupId : null)));
    expect(groups.size).toBe(1);
    expect(outcomes.filter((o) => o.stored && o.newGroup)).toHaveLength(1);
    const [groupId] = [...groups];
    const group = await replicas.a.getGroup(groupId ?? -1);
    expect(group?.counts.alertCount).toBe(40);
    expect(await replicas.a.alertsOfGroup(groupId ?? -1, 100)).toHaveLength(40);
  });

  it('loses no change when the same incident is changed on two replicas at once', async () => {
    replicas = await open();
    const [one, two] = [depsOver(replicas.a, T0).deps, depsOver(replicas.b, T0).deps];
    await declare(one, 'Checkout down');
    const target = { ref: 1, channelId: null, subcommand: 'x', actorId: 'UALICE' };
    for (let round = 0; round < 5; round += 1) {
      const severity = round % 2 === 0 ? 'sev1' : 'sev3';
      const [changed, updated] = await Promise.all([changeSeverity(one, target, { severity }), postStatusUpdate(two, target, { text: `round ${round}` })]);
      expect(changed.ok && updated.ok).toBe(true);
      const incident = (await replicas.a.getIncident(1)) as Incident;
      expect([incident.severity, incident.lastUpdate?.text]).toEqual([severity, `round ${round}`]);
    }
    expect((await replicas.a.timeline(1)).filter((e) => e.kind === 'status_update')).toHaveLength(5);
  });

  it('never lets two workers claim the same outbox row, nor two rows of one target at once', async () => {
    replicas = await open();
    await replicas.a.transaction(async (records) => {
      for (let i = 0; i < 120; i += 1) await records.enqueue({ kind: 'post_prompt', incidentNumber: 1, promptId: i % 30 }, T0);
    });
    const delivered: number[] = [];
    const { overlaps } = await fourWorkers(
      replicas,
      (store, owner) => store.claimEffects(owner, at(1), 30_000, 7),
      (row) => row.targetKey,
      async (store, owner, row) => {
        delivered.push(row.id);
        await store.completeEffect(row.id, owner, at(2));
      },
    );
    expect(overlaps).toBe(0);
    expect(delivered).toHaveLength(120);
    expect(new Set(delivered).size).toBe(120);
    expect((await replicas.a.outboxStats(at(3))).queued).toBe(0);
  });

  it('never lets two workers take the same inbox event, nor two batches of one channel at once, and keeps each channel in order', async () => {
    replicas = await open();
    const events = Array.from({ length: 150 }, (_, i) => ({ eventId: `Ev${i}`, key: `C${i % 5}`, kind: 'message', body: `{"n":${i}}`, receivedAt: T0 }));
    expect((await replicas.a.acceptEvents(events)).every(Boolean)).toBe(true);
    expect(await replicas.b.acceptEvents(events.slice(0, 3))).toEqual([false, false, false]);
    const seen: string[] = [];
    const { overlaps } = await fourWorkers(
      replicas,
      (store, owner) => store.claimEvents(owner, at(1), 30_000, 2, 7),
      (batch) => batch.key,
      async (store, owner, batch) => {
        seen.push(...batch.events.map((e) => e.eventId));
        await store.completeEvents(batch.events.map((e) => e.id), owner, at(2));
      },
    );
    expect(overlaps).toBe(0);
    expect(new Set(seen).size).toBe(150);
    expect(seen).toHaveLength(150);
    for (let key = 0; key < 5; key += 1) {
      const order = seen.map((id) => Number(id.slice(2))).filter((n) => n % 5 === key);
      expect(order).toEqual([...order].sort((x, y) => x - y));
    }
  });

  it('takes over an outbox row when its lease runs out; the old owner can no longer renew or finish it', async () => {
    replicas = await open();
    await replicas.a.transaction((records) => records.enqueue({ kind: 'sync_card', incidentNumber: 1 }, T0));
    const [claimed] = await replicas.a.claimEffects('dead-replica', at(1), 400, 5);
    expect(await replicas.b.claimEffects('survivor', at(1), 30_000, 5)).toEqual([]);
    // The record's clock stands still: the lease runs out on the database's clock.
    const taken = await eventually(async () => {
      const [row] = await replicas.b.claimEffects('survivor', at(1), 30_000, 5);
      if (!row) throw new Error('not taken over yet');
      return row;
    });
    expect(taken.id).toBe(claimed?.id);
    expect(taken.attempts).toBe(1);
    expect(await replicas.a.extendLease(claimed?.id ?? -1, 'dead-replica', 30_000)).toBe(false);
    expect(await replicas.a.completeEffect(claimed?.id ?? -1, 'dead-replica', at(2))).toBe(false);
    expect((await replicas.a.liveEffects(5)).map((e) => e.state)).toEqual(['running']);
    expect(await replicas.b.extendLease(taken.id, 'survivor', 30_000)).toBe(true);
    expect(await replicas.b.completeEffect(taken.id, 'survivor', at(3))).toBe(true);
    expect(await replicas.a.liveEffects(5)).toEqual([]);
  });

  it('never lets two replicas whose clocks differ by 60 s hold one row at once: leases are on the database clock', async () => {
    replicas = await open();
    // Replica a's clock is right; b's runs 60 s ahead (a's leases would look run out to it if they were on a's clock).
    const onA = () => new Date();
    const onB = () => new Date(Date.now() + 60_000);
    const past = new Date(Date.now() - 120_000);
    await replicas.a.transaction(async (records) => {
      await records.enqueue({ kind: 'sync_card', incidentNumber: 1 }, past);
      await records.scheduleJob('mitigation_check', 1, past, past);
    });
    await replicas.a.acceptEvents([{ eventId: 'Ev0SKEW', key: 'C1', kind: 'message', body: '{}', receivedAt: past }]);

    const [row] = await replicas.a.claimEffects('a', onA(), 30_000, 5);
    const [batch] = await replicas.a.claimEvents('a', onA(), 30_000, 4, 10);
    const jobs = await replicas.a.claimDueJobs('a', onA(), 30_000, 10);
    expect([row?.kind, batch?.events.length, jobs.length]).toEqual(['sync_card', 1, 1]);

    expect(await replicas.b.hasClaimable(onB())).toBe(false);
    expect(await replicas.b.claimEffects('b', onB(), 30_000, 5)).toEqual([]);
    expect(await replicas.b.hasClaimableEvents(onB())).toBe(false);
    expect(await replicas.b.claimEvents('b', onB(), 30_000, 4, 10)).toEqual([]);
    expect(await replicas.b.claimDueJobs('b', onB(), 30_000, 10)).toEqual([]);
    // The holder renews and finishes what it holds, whatever its own clock says.
    expect(await replicas.a.extendLease(row?.id ?? -1, 'a', 30_000)).toBe(true);
    expect(await replicas.a.extendEventLeases(batch?.events.map((e) => e.id) ?? [], 'a', 30_000)).toBe(true);
    expect(await replicas.a.completeEffect(row?.id ?? -1, 'a', onA())).toBe(true);
    expect(await replicas.a.completeEvents(batch?.events.map((e) => e.id) ?? [], 'a', onA())).toBe(true);
  });

  it('runs a due job once when two replicas tick together, and a dead replica’s job after its lease', async () => {
    replicas = await open();
    const one = depsOver(replicas.a, T0);
    const two = depsOver(replicas.b, T0);
    expect(await replicas.a.nextJobDueAt()).toBeNull();
    await declare(one.deps, 'Checkout down');
    // The mitigation check of SEV2 is due 30 minutes after the declaration: the earliest job waiting.
    expect((await replicas.b.nextJobDueAt())?.getTime()).toBe(one.clock.now().getTime() + 30 * 60_000);
    one.clock.advance(31 * 60_000);
    two.clock.advance(31 * 60_000);
    const reports = await Promise.all([runDueJobs(one.deps, { owner: 'a', leaseMs: 30_000 }), runDueJobs(two.deps, { owner: 'b', leaseMs: 30_000 })]);
    expect(reports.map((r) => r.asked).sort()).toEqual([0, 1]);
    expect((await replicas.a.pendingPrompts(1)).filter((p) => p.kind === 'mitigation_check')).toHaveLength(1);

    // A replica claims the next check and dies before running it: nobody runs it until its lease runs out.
    one.clock.advance(31 * 60_000);
    two.clock.advance(31 * 60_000);
    const claimed = await replicas.a.claimDueJobs('dead', one.clock.now(), 400, 10);
    expect(claimed.map((j) => j.kind)).toContain('mitigation_check');
    const ran = (r: { asked: number; postponed: number; dropped: number }) => r.asked + r.postponed + r.dropped;
    expect(ran(await runDueJobs(two.deps, { owner: 'b', leaseMs: 30_000 }))).toBe(0);
    // Its lease runs out on the database's clock (the record's clock stands still).
    await eventually(async () => expect(ran(await runDueJobs(two.deps, { owner: 'b', leaseMs: 30_000 }))).toBe(claimed.length));
  });

  it('stores an alert whose text carries NUL characters (PostgreSQL text cannot hold them: they are dropped there)', async () => {
    replicas = await open();
    const { deps } = depsOver(replicas.a, T0);
    const outcome = await ingestAlert(deps, incomingFromPost({
      channelId: 'C0ALERTS',
      ts: '1700000000.000001',
      message: { text: 'checkout is down\u0000!!', username: null, botId: null, attachments: [], blocks: [] },
      raw: '{"text":"checkout is down\\u0000!!"}',
      at: T0,
    }));
    expect(outcome.stored).toBe(true);
    const [stored] = await replicas.a.storedAlerts(null);
    expect(stored?.parsed.summary.replace('\u0000', '')).toContain('checkout is down');
  });

  it('applies a Slack event id once, whichever replica sees it first', async () => {
    replicas = await open();
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? replicas.a : replicas.b).claimOnce('event:Ev1', T0)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});
