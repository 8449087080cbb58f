import type { Kysely, Transaction, UpdateResult } from 'kysely';
import { effectKey, isReconciling, type ClaimedEffect, type Effect, type OutboxQueue } from '../app/outbox.js';
import { parseEffect } from '../app/effect-kinds.js';
import { rowLock } from './dialect.js';
import { claimLeases, extendLeases, hasClaimable, OUTBOX_LEASES, releaseAllLeases, releaseLeases } from './leases.js';
import type { Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Stores an effect in the caller's transaction. A reconciling effect (it renders the record when it runs) is not
 * stored twice while one of the same target is still queued; a running one does not count, since it may already
 * have rendered the state before this change. A queued one that has not failed yet is brought forward if this
 * change wants it sooner.
 */
export async function enqueueEffect(db: Executor, effect: Effect, now: Date, notBefore?: Date): Promise<void> {
  const key = effectKey(effect);
  const due = (notBefore && notBefore.getTime() > now.getTime() ? notBefore : now).toISOString();
  if (isReconciling(effect)) {
    // Locked (PostgreSQL) so a worker cannot claim it between this look and the commit: it would render the record
    // without this change and nothing would be queued to show it.
    const queued = await rowLock(db)(
      db.selectFrom('outbox').select(['id', 'next_attempt_at', 'attempts']).where('target_key', '=', key).where('state', '=', 'queued').where('kind', '=', effect.kind),
    ).executeTakeFirst();
    if (queued) {
      if (queued.attempts === 0 && queued.next_attempt_at > due) {
        await db.updateTable('outbox').set({ next_attempt_at: due }).where('id', '=', queued.id).where('state', '=', 'queued').execute();
      }
      return;
    }
  }
  await db
    .insertInto('outbox')
    .values({
      kind: effect.kind,
      incident_number: 'incidentNumber' in effect ? effect.incidentNumber : null,
      payload: JSON.stringify(effect),
      target_key: key,
      state: 'queued',
      attempts: 0,
      next_attempt_at: due,
      created_at: now.toISOString(),
    })
    .execute();
}

/** Whether a write that finishes a claimed row found it still this worker's. */
const updatedOne = (result: UpdateResult): boolean => Number(result.numUpdatedRows) === 1;

/** The outbox as delivery workers see it (see `OutboxQueue`); claims are leases (leases.ts), safe between processes. */
export function outboxQueue(db: Kysely<Database>): OutboxQueue {
  const ours = (id: number, owner: string) => db.updateTable('outbox').where('id', '=', id).where('lease_owner', '=', owner).where('state', '=', 'running');
  return {
    async claimEffects(owner, now, leaseMs, limit) {
      return db.transaction().execute(async (trx) => {
        const ids = await claimLeases<number>(trx, OUTBOX_LEASES, owner, now, leaseMs, limit);
        if (ids.length === 0) return [];
        const rows = await trx
          .selectFrom('outbox')
          .select(['id', 'kind', 'payload', 'attempts', 'created_at', 'target_key'])
          .where('id', 'in', ids)
          .orderBy('id')
          .execute();
        return rows.map((row): ClaimedEffect => {
          const parsed = parseEffect(row.payload);
          return { id: row.id, kind: row.kind, targetKey: row.target_key, effect: parsed.effect, parseError: parsed.error, attempts: row.attempts, createdAt: new Date(row.created_at) };
        });
      });
    },
    extendLease: async (id, owner, leaseMs) => (await extendLeases(db, OUTBOX_LEASES, [id], owner, leaseMs)) === 1,
    async completeEffect(id, owner, now) {
      return updatedOne(await ours(id, owner).set({ state: 'done', done_at: now.toISOString(), lease_owner: null, lease_until: null }).executeTakeFirst());
    },
    async retryEffect(id, owner, retry) {
      const result = await ours(id, owner)
        .set((eb) => ({
          state: 'queued',
          lease_owner: null,
          lease_until: null,
          next_attempt_at: retry.dueAt.toISOString(),
          last_error: retry.error.slice(0, 1000),
          attempts: retry.counted ? eb('attempts', '+', 1) : eb.ref('attempts'),
        }))
        .executeTakeFirst();
      return updatedOne(result);
    },
    async buryEffect(id, owner, now, error) {
      return updatedOne(await ours(id, owner).set({ state: 'dead', done_at: now.toISOString(), last_error: error.slice(0, 1000), lease_owner: null, lease_until: null }).executeTakeFirst());
    },
    releaseLeases: (owner) => releaseLeases(db, OUTBOX_LEASES, owner),
    releaseAllLeases: () => releaseAllLeases(db, OUTBOX_LEASES),
    hasClaimable: (now) => hasClaimable(db, OUTBOX_LEASES, now),
    async nextDueAt(now) {
      const row = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.min('next_attempt_at').as('next'))
        .where('state', '=', 'queued')
        .where('next_attempt_at', '>', now.toISOString())
        .executeTakeFirst();
      return row?.next ? new Date(row.next) : null;
    },
    async outboxStats(now) {
      const counts = await db
        .selectFrom('outbox')
        .select(['state', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('created_at').as('oldest')])
        .where('state', 'in', ['queued', 'running', 'dead'])
        .groupBy('state')
        .execute();
      const of = (state: string) => counts.find((c) => c.state === state);
      const oldest = of('queued')?.oldest;
      return {
        queued: Number(of('queued')?.n ?? 0),
        running: Number(of('running')?.n ?? 0),
        dead: Number(of('dead')?.n ?? 0),
        oldestQueuedAgeMs: oldest ? Math.max(0, now.getTime() - new Date(oldest).getTime()) : 0,
      };
    },
    async liveEffects(limit) {
      const rows = await db.selectFrom('outbox').selectAll().where('state', 'in', ['queued', 'running']).orderBy('id').limit(limit).execute();
      return rows.map((row) => ({
        id: row.id,
        effect: parseEffect(row.payload).effect,
        state: row.state === 'running' ? 'running' : 'queued',
        attempts: row.attempts,
        nextAttemptAt: new Date(row.next_attempt_at),
        targetKey: row.target_key,
      }));
    },
    async purgeDelivered(before) {
      const result = await db.deleteFrom('outbox').where('state', '=', 'done').where('done_at', '<', before.toISOString()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
