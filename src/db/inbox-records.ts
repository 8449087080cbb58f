import type { CompiledQuery, Kysely, UpdateResult } from 'kysely';
import type { ClaimedBatch, InboxQueue } from '../inbound/inbox.js';
import { withoutNul } from './dialect.js';
import type { Database } from './schema.js';
import { extendLeases, hasClaimable, INBOX_LEASES, lockLaneHeads, releaseAllLeases, releaseLeases, runnable, takeLeases } from './leases.js';

/** Whether an update that finishes claimed rows found every one still this worker's. */
const changedAll = (ids: readonly number[], result: UpdateResult): boolean => Number(result.numUpdatedRows) === ids.length;

/** The inbox table (see `InboxQueue`): stored in the request, claimed per key in batches with leases (leases.ts), as the outbox. */
export function inboxQueue(db: Kysely<Database>): InboxQueue {
  // The acknowledged path's one statement, built and compiled once: per request only its values change.
  let insertEvent: CompiledQuery | null = null;
  const compiledInsert = (): CompiledQuery =>
    (insertEvent ??= db
      .insertInto('inbox')
      .values({ event_id: '', key: '', kind: '', body: '', received_at: '', state: 'queued', attempts: 0, next_attempt_at: '' })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .compile());
  const ours = (ids: readonly number[], owner: string) =>
    db.updateTable('inbox').where('id', 'in', [...ids]).where('lease_owner', '=', owner).where('state', '=', 'running');
  return {
    async acceptEvents(events) {
      if (events.length === 0) return [];
      return db.transaction().execute(async (trx) => {
        const fresh: boolean[] = [];
        const insert = compiledInsert();
        for (const e of events) {
          const at = e.receivedAt.toISOString();
          // In the order of the columns above; a compiled query skips the plugins, so NULs are dropped here (dialect.ts).
          const parameters = [e.eventId, e.key, e.kind, e.body, at, 'queued', 0, at].map(withoutNul);
          const result = await trx.executeQuery({ ...insert, parameters });
          fresh.push(Number(result.numAffectedRows ?? 0n) > 0);
        }
        return fresh;
      });
    },
    async claimEvents(owner, now, leaseMs, keys, perKey) {
      return db.transaction().execute(async (trx) => {
        // The oldest event of each key that may run now, held by this transaction: another worker skips these keys.
        const heads = await lockLaneHeads<number>(trx, { ...INBOX_LEASES, lane: 'key' }, now, keys);
        const batches: ClaimedBatch[] = [];
        for (const head of heads) {
          const rows = await trx
            .selectFrom('inbox')
            .select(['id', 'event_id', 'kind', 'body', 'received_at', 'attempts'])
            .select(runnable(trx, INBOX_LEASES, null, now.toISOString()).as('may_run'))
            .where('key', '=', head.lane)
            .where('id', '>=', head.id)
            .where('state', 'in', ['queued', 'running'])
            .orderBy('id')
            .limit(perKey)
            .execute();
          // In order: the batch ends before the first event that may not run now (retrying later, or leased).
          // (SQLite answers the condition 1/0, PostgreSQL true/false.)
          const endsAt = rows.findIndex((row) => !row.may_run);
          const ready = endsAt === -1 ? rows : rows.slice(0, endsAt);
          const taken = await takeLeases(trx, INBOX_LEASES, ready.map((r) => r.id), owner, now, leaseMs);
          if (taken.length !== ready.length) throw new Error(`inbox key ${head.lane} changed while claimed`);
          if (ready.length === 0) continue;
          batches.push({
            key: head.lane,
            events: ready.map((r) => ({ id: r.id, eventId: r.event_id, kind: r.kind, body: r.body, receivedAt: new Date(r.received_at), attempts: r.attempts })),
          });
        }
        return batches;
      });
    },
    extendEventLeases: async (ids, owner, leaseMs) => (await extendLeases(db, INBOX_LEASES, ids, owner, leaseMs)) === ids.length,
    async completeEvents(ids, owner, now) {
      if (ids.length === 0) return true;
      return changedAll(ids, await ours(ids, owner).set({ state: 'done', done_at: now.toISOString(), lease_owner: null, lease_until: null }).executeTakeFirst());
    },
    async retryEvents(ids, owner, dueAt, error) {
      if (ids.length === 0) return true;
      const result = await ours(ids, owner)
        .set((eb) => ({ state: 'queued', lease_owner: null, lease_until: null, next_attempt_at: dueAt.toISOString(), last_error: error.slice(0, 1000), attempts: eb('attempts', '+', 1) }))
        .executeTakeFirst();
      return changedAll(ids, result);
    },
    async buryEvents(ids, owner, now, error) {
      if (ids.length === 0) return true;
      return changedAll(ids, await ours(ids, owner).set({ state: 'dead', done_at: now.toISOString(), last_error: error.slice(0, 1000), lease_owner: null, lease_until: null }).executeTakeFirst());
    },
    async returnEvents(ids, owner) {
      if (ids.length > 0) await ours(ids, owner).set({ state: 'queued', lease_owner: null, lease_until: null }).execute();
    },
    hasClaimableEvents: (now) => hasClaimable(db, INBOX_LEASES, now),
    async nextEventDueAt(now) {
      const row = await db
        .selectFrom('inbox')
        .select((eb) => eb.fn.min('next_attempt_at').as('next'))
        .where('state', '=', 'queued')
        .where('next_attempt_at', '>', now.toISOString())
        .executeTakeFirst();
      return row?.next ? new Date(row.next) : null;
    },
    releaseEventLeases: (owner) => releaseLeases(db, INBOX_LEASES, owner),
    releaseAllEventLeases: () => releaseAllLeases(db, INBOX_LEASES),
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
