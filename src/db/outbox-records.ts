import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import { effectKey, isReconciling, type ClaimedEffect, type Effect, type OutboxQueue } from '../app/outbox.js';
import { parseEffect } from './effect-codec.js';
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
    const queued = await db
      .selectFrom('outbox')
      .select(['id', 'next_attempt_at', 'attempts'])
      .where('target_key', '=', key)
      .where('state', '=', 'queued')
      .where('kind', '=', effect.kind)
      .executeTakeFirst();
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

/** Rows that may run at `now`: queued and due, or running under a lease that ran out; and first of their key. */
function claimable(eb: ExpressionBuilder<Database & { o: Database['outbox'] }, 'o'>, now: string) {
  return eb.and([
    eb.or([
      eb.and([eb('o.state', '=', 'queued'), eb('o.next_attempt_at', '<=', now)]),
      eb.and([eb('o.state', '=', 'running'), eb('o.lease_until', '<=', now)]),
    ]),
    eb.not(
      eb.exists(
        eb
          .selectFrom('outbox as p')
          .select('p.id')
          .whereRef('p.target_key', '=', 'o.target_key')
          .whereRef('p.id', '<', 'o.id')
          .where('p.state', 'in', ['queued', 'running']),
      ),
    ),
  ]);
}

/** The outbox as delivery workers see it (see `OutboxQueue`); claims are conditional updates, safe between processes. */
export function outboxQueue(db: Kysely<Database>): OutboxQueue {
  const ours = (id: number, owner: string) => db.updateTable('outbox').where('id', '=', id).where('lease_owner', '=', owner).where('state', '=', 'running');
  return {
    async claimEffects(owner, now, leaseUntil, limit) {
      const at = now.toISOString();
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('outbox as o')
          .select(['o.id', 'o.kind', 'o.payload', 'o.attempts', 'o.created_at', 'o.target_key', 'o.state'])
          .where((eb) => claimable(eb, at))
          .orderBy('o.id')
          .limit(limit)
          .execute();
        const claimed: ClaimedEffect[] = [];
        for (const row of rows) {
          // Taking over from a worker whose lease ran out counts as an attempt: it may have died on this very row.
          const takeover = row.state === 'running';
          const result = await trx
            .updateTable('outbox')
            .set((eb) => ({ state: 'running', lease_owner: owner, lease_until: leaseUntil.toISOString(), attempts: takeover ? eb('attempts', '+', 1) : eb.ref('attempts') }))
            .where('id', '=', row.id)
            .where((eb) =>
              eb.or([
                eb.and([eb('state', '=', 'queued'), eb('next_attempt_at', '<=', at)]),
                eb.and([eb('state', '=', 'running'), eb('lease_until', '<=', at)]),
              ]),
            )
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) !== 1) continue;
          const parsed = parseEffect(row.payload);
          claimed.push({
            id: row.id,
            kind: row.kind,
            targetKey: row.target_key,
            effect: parsed.effect,
            parseError: parsed.error,
            attempts: row.attempts + (takeover ? 1 : 0),
            createdAt: new Date(row.created_at),
          });
        }
        return claimed;
      });
    },
    async extendLease(id, owner, leaseUntil) {
      const result = await ours(id, owner).set({ lease_until: leaseUntil.toISOString() }).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async completeEffect(id, owner, now) {
      await ours(id, owner).set({ state: 'done', done_at: now.toISOString(), lease_owner: null, lease_until: null }).execute();
    },
    async retryEffect(id, owner, retry) {
      await ours(id, owner)
        .set((eb) => ({
          state: 'queued',
          lease_owner: null,
          lease_until: null,
          next_attempt_at: retry.dueAt.toISOString(),
          last_error: retry.error.slice(0, 1000),
          attempts: retry.counted ? eb('attempts', '+', 1) : eb.ref('attempts'),
        }))
        .execute();
    },
    async buryEffect(id, owner, now, error) {
      await ours(id, owner).set({ state: 'dead', done_at: now.toISOString(), last_error: error.slice(0, 1000), lease_owner: null, lease_until: null }).execute();
    },
    async releaseLeases(owner) {
      const result = await db
        .updateTable('outbox')
        .set({ state: 'queued', lease_owner: null, lease_until: null })
        .where('state', '=', 'running')
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async releaseAllLeases() {
      const result = await db
        .updateTable('outbox')
        .set((eb) => ({ state: 'queued', lease_owner: null, lease_until: null, attempts: eb('attempts', '+', 1) }))
        .where('state', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async hasClaimable(now) {
      const row = await db
        .selectFrom('outbox as o')
        .select('o.id')
        .where((eb) => claimable(eb, now.toISOString()))
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
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
