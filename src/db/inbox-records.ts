import type { ExpressionBuilder, Kysely } from 'kysely';
import type { ClaimedBatch, InboxQueue } from '../app/inbox.js';
import type { Database } from './schema.js';

/** Rows a worker may take at `now`: queued and due, or being processed under a lease that ran out. */
const takeable = (now: string) => (eb: ExpressionBuilder<Database, 'inbox'>) =>
  eb.or([
    eb.and([eb('state', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
    eb.and([eb('state', '=', 'running'), eb('lease_until', '<=', now)]),
  ]);

/** The inbox table (see `InboxQueue`): stored in the request, claimed per key in batches, leases as for the outbox. */
export function inboxQueue(db: Kysely<Database>): InboxQueue {
  const ours = (ids: readonly number[], owner: string) =>
    db.updateTable('inbox').where('id', 'in', [...ids]).where('lease_owner', '=', owner).where('state', '=', 'running');
  return {
    async acceptEvents(events) {
      if (events.length === 0) return [];
      return db.transaction().execute(async (trx) => {
        const fresh: boolean[] = [];
        for (const e of events) {
          const at = e.receivedAt.toISOString();
          const result = await trx
            .insertInto('inbox')
            .values({ event_id: e.eventId, key: e.key, kind: e.kind, body: e.body, received_at: at, state: 'queued', attempts: 0, next_attempt_at: at })
            .onConflict((oc) => oc.column('event_id').doNothing())
            .executeTakeFirst();
          fresh.push(Number(result.numInsertedOrUpdatedRows ?? 0n) > 0);
        }
        return fresh;
      });
    },
    async claimEvents(owner, now, leaseUntil, keys, perKey) {
      const at = now.toISOString();
      return db.transaction().execute(async (trx) => {
        // Keys whose oldest unprocessed event may run now and none of whose events is being processed.
        const heads = await trx
          .selectFrom('inbox as i')
          .select(['i.key', (eb) => eb.fn.min('i.id').as('first')])
          .where('i.state', 'in', ['queued', 'running'])
          .groupBy('i.key')
          .orderBy('first')
          .limit(keys * 4)
          .execute();
        const batches: ClaimedBatch[] = [];
        for (const head of heads) {
          if (batches.length >= keys) break;
          const rows = await trx
            .selectFrom('inbox')
            .select(['id', 'event_id', 'kind', 'body', 'received_at', 'attempts', 'state', 'lease_until', 'next_attempt_at'])
            .where('key', '=', head.key)
            .where('state', 'in', ['queued', 'running'])
            .orderBy('id')
            .limit(perKey)
            .execute();
          // In order: the batch ends before the first event that may not run now (retrying later, or leased).
          const runnable: typeof rows = [];
          for (const row of rows) {
            const free = row.state === 'queued' ? row.next_attempt_at <= at : (row.lease_until ?? '') <= at;
            if (!free) break;
            runnable.push(row);
          }
          if (runnable.length === 0) continue;
          const ids = runnable.map((r) => r.id);
          const taken = await trx
            .updateTable('inbox')
            .set({ state: 'running', lease_owner: owner, lease_until: leaseUntil.toISOString() })
            .where('id', 'in', ids)
            .where(takeable(at))
            .executeTakeFirst();
          if (Number(taken.numUpdatedRows) !== ids.length) continue;
          batches.push({
            key: head.key,
            events: runnable.map((r) => ({ id: r.id, eventId: r.event_id, kind: r.kind, body: r.body, receivedAt: new Date(r.received_at), attempts: r.attempts })),
          });
        }
        return batches;
      });
    },
    async extendEventLeases(ids, owner, leaseUntil) {
      if (ids.length > 0) await ours(ids, owner).set({ lease_until: leaseUntil.toISOString() }).execute();
    },
    async completeEvents(ids, owner, now) {
      if (ids.length > 0) await ours(ids, owner).set({ state: 'done', done_at: now.toISOString(), lease_owner: null, lease_until: null }).execute();
    },
    async retryEvents(ids, owner, dueAt, error) {
      if (ids.length === 0) return;
      await ours(ids, owner)
        .set((eb) => ({ state: 'queued', lease_owner: null, lease_until: null, next_attempt_at: dueAt.toISOString(), last_error: error.slice(0, 1000), attempts: eb('attempts', '+', 1) }))
        .execute();
    },
    async buryEvents(ids, owner, now, error) {
      if (ids.length > 0) await ours(ids, owner).set({ state: 'dead', done_at: now.toISOString(), last_error: error.slice(0, 1000), lease_owner: null, lease_until: null }).execute();
    },
    async returnEvents(ids, owner) {
      if (ids.length > 0) await ours(ids, owner).set({ state: 'queued', lease_owner: null, lease_until: null }).execute();
    },
    async hasClaimableEvents(now) {
      const at = now.toISOString();
      // The oldest live event of some key is free to run: queued and due, or under a lease that ran out.
      const row = await db
        .selectFrom('inbox as i')
        .select('i.id')
        .where((eb) =>
          eb.or([
            eb.and([eb('i.state', '=', 'queued'), eb('i.next_attempt_at', '<=', at)]),
            eb.and([eb('i.state', '=', 'running'), eb('i.lease_until', '<=', at)]),
          ]),
        )
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('inbox as p').select('p.id').whereRef('p.key', '=', 'i.key').whereRef('p.id', '<', 'i.id').where('p.state', 'in', ['queued', 'running']))),
        )
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
    async nextEventDueAt(now) {
      const row = await db
        .selectFrom('inbox')
        .select((eb) => eb.fn.min('next_attempt_at').as('next'))
        .where('state', '=', 'queued')
        .where('next_attempt_at', '>', now.toISOString())
        .executeTakeFirst();
      return row?.next ? new Date(row.next) : null;
    },
    async releaseEventLeases(owner) {
      const result = await db.updateTable('inbox').set({ state: 'queued', lease_owner: null, lease_until: null }).where('state', '=', 'running').where('lease_owner', '=', owner).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async releaseAllEventLeases() {
      const result = await db.updateTable('inbox').set({ state: 'queued', lease_owner: null, lease_until: null }).where('state', '=', 'running').executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async inboxStats(now) {
      const counts = await db
        .selectFrom('inbox')
        .select(['state', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('received_at').as('oldest')])
        .where('state', 'in', ['queued', 'running', 'dead'])
        .groupBy('state')
        .execute();
      const of = (state: string) => counts.find((c) => c.state === state);
      const oldest = [of('queued')?.oldest, of('running')?.oldest].filter((v): v is string => typeof v === 'string').sort()[0];
      return {
        queued: Number(of('queued')?.n ?? 0),
        running: Number(of('running')?.n ?? 0),
        dead: Number(of('dead')?.n ?? 0),
        oldestQueuedAgeMs: oldest ? Math.max(0, now.getTime() - new Date(oldest).getTime()) : 0,
      };
    },
    async purgeProcessedEvents(before) {
      const result = await db.deleteFrom('inbox').where('state', '=', 'done').where('received_at', '<', before.toISOString()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
