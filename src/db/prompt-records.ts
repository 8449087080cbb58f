import type { Kysely, Selectable, Transaction } from 'kysely';
import type { JobQueue, Prompt, PromptRecords, ScheduledJob } from '../app/prompt-ports.js';
import { JOB_KINDS, PROMPT_KINDS, type JobKind, type PromptState } from '../domain/prompts.js';
import type { Database, PromptsTable, ScheduledJobsTable } from './schema.js';
import { rowLock } from './dialect.js';
import { claimLeases, JOB_LEASES, leaseHeld, releaseAllLeases, releaseLeases } from './leases.js';

type Executor = Kysely<Database> | Transaction<Database>;

const jobKey = (kind: JobKind, incidentNumber: number): string => `${kind}:${incidentNumber}`;
const date = (text: string | null): Date | null => (text === null ? null : new Date(text));

function promptFromRow(row: Selectable<PromptsTable>): Prompt {
  const kind = PROMPT_KINDS.find((k) => k === row.kind);
  const state: PromptState | undefined = row.state === 'pending' || row.state === 'answered' || row.state === 'expired' ? row.state : undefined;
  if (!kind || !state) throw new Error(`stored prompt ${row.id} has unknown kind/state ${row.kind}/${row.state}`);
  return {
    id: row.id,
    incidentNumber: row.incident_number,
    kind,
    state,
    recipientId: row.recipient_id,
    channelId: row.channel_id,
    messageTs: row.message_ts,
    sendStartedAt: date(row.send_started_at),
    answer: row.answer,
    answeredBy: row.answered_by,
    answeredAt: date(row.answered_at),
    createdAt: new Date(row.created_at),
  };
}

function jobFromRow(row: Selectable<ScheduledJobsTable>): ScheduledJob {
  const kind = JOB_KINDS.find((k) => k === row.kind);
  if (!kind || row.incident_number === null) throw new Error(`stored job ${row.key} has unknown kind ${row.kind}`);
  return { key: row.key, kind, incidentNumber: row.incident_number, dueAt: new Date(row.due_at), runs: row.runs };
}

export function promptRecords(db: Executor): PromptRecords {
  const lock = rowLock(db);
  return {
    async pendingJobKinds(incidentNumber) {
      const rows = await db.selectFrom('scheduled_jobs').select('kind').where('incident_number', '=', incidentNumber).where('state', '=', 'pending').execute();
      return new Set(rows.map((r) => JOB_KINDS.find((k) => k === r.kind)).filter((k): k is JobKind => k !== undefined));
    },
    async scheduleJob(kind, incidentNumber, dueAt, now) {
      // Re-arming a claimed job takes it back from the worker running it: the change decided a new time.
      const values = { due_at: dueAt.toISOString(), state: 'pending', updated_at: now.toISOString(), lease_owner: null, lease_until: null };
      await db
        .insertInto('scheduled_jobs')
        .values({ key: jobKey(kind, incidentNumber), kind, incident_number: incidentNumber, runs: 0, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute();
    },
    async cancelJobs(incidentNumber, kinds, now) {
      if (kinds.length === 0) return;
      // A claimed job is cancelled too: the worker holding it finds it no longer its own and drops the run.
      await db
        .updateTable('scheduled_jobs')
        .set({ state: 'cancelled', updated_at: now.toISOString(), lease_owner: null, lease_until: null })
        .where('key', 'in', kinds.map((k) => jobKey(k, incidentNumber)))
        .where('state', 'in', ['pending', 'running'])
        .execute();
    },
    async getJob(key) {
      const row = await db.selectFrom('scheduled_jobs').selectAll().where('key', '=', key).executeTakeFirst();
      return row ? jobFromRow(row) : undefined;
    },
    async claimedJob(key, owner) {
      const row = await lock(
        // Still this worker's, under a lease that has not run out: past it another replica may be running it.
        db.selectFrom('scheduled_jobs').selectAll().where('key', '=', key).where(leaseHeld(db, owner)),
      ).executeTakeFirst();
      return row ? jobFromRow(row) : undefined;
    },
    async finishJob(key, nextDueAt, now) {
      await db
        .updateTable('scheduled_jobs')
        .set((eb) => ({
          lease_owner: null,
          lease_until: null,
          state: nextDueAt === null ? 'done' : 'pending',
          due_at: (nextDueAt ?? now).toISOString(),
          runs: eb('runs', '+', 1),
          last_run_at: now.toISOString(),
          updated_at: now.toISOString(),
        }))
        .where('key', '=', key)
        .execute();
    },
    async insertPrompt({ incidentNumber, kind, recipientId, now }) {
      const row = await db
        .insertInto('prompts')
        .values({ incident_number: incidentNumber, kind, state: 'pending', recipient_id: recipientId, created_at: now.toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
      return promptFromRow(row);
    },
    async getPrompt(id) {
      const row = await lock(db.selectFrom('prompts').selectAll().where('id', '=', id)).executeTakeFirst();
      return row ? promptFromRow(row) : undefined;
    },
    async pendingPrompts(incidentNumber) {
      const rows = await db.selectFrom('prompts').selectAll().where('incident_number', '=', incidentNumber).where('state', '=', 'pending').orderBy('id').execute();
      return rows.map(promptFromRow);
    },
    async updatePrompt(id, patch) {
      const iso = (d: Date | null | undefined) => (d === undefined ? undefined : d === null ? null : d.toISOString());
      const set = {
        state: patch.state,
        channel_id: patch.channelId,
        message_ts: patch.messageTs,
        send_started_at: iso(patch.sendStartedAt),
        answer: patch.answer,
        answered_by: patch.answeredBy,
        answered_at: iso(patch.answeredAt),
      };
      const defined = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
      if (Object.keys(defined).length > 0) await db.updateTable('prompts').set(defined).where('id', '=', id).execute();
    },
    async commanderActiveAt(incidentNumber) {
      const row = await db.selectFrom('incidents').select('commander_active_at').where('number', '=', incidentNumber).executeTakeFirst();
      return date(row?.commander_active_at ?? null);
    },
    async touchCommanderActivity(incidentNumber, at, resolutionMs) {
      const result = await db
        .updateTable('incidents')
        .set({ commander_active_at: at.toISOString() })
        .where('number', '=', incidentNumber)
        .where((eb) => eb.or([eb('commander_active_at', 'is', null), eb('commander_active_at', '<=', new Date(at.getTime() - resolutionMs).toISOString())]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async forgetCommanderActivity(incidentNumber) {
      await db.updateTable('incidents').set({ commander_active_at: null }).where('number', '=', incidentNumber).execute();
    },
  };
}

/** Due jobs as the scheduler sees them: claimed with a lease (leases.ts) before they run, like the outbox's rows. */
export function jobQueue(db: Kysely<Database>): JobQueue {
  return {
    async claimDueJobs(owner, now, leaseMs, limit) {
      return db.transaction().execute(async (trx) => {
        const keys = await claimLeases<string>(trx, JOB_LEASES, owner, now, leaseMs, limit);
        if (keys.length === 0) return [];
        const rows = await trx.selectFrom('scheduled_jobs').selectAll().where('key', 'in', keys).orderBy('due_at').execute();
        return rows.map(jobFromRow);
      });
    },
    async nextJobDueAt() {
      const row = await db.selectFrom('scheduled_jobs').select((eb) => eb.fn.min('due_at').as('due')).where('state', '=', 'pending').executeTakeFirst();
      return row?.due ? new Date(row.due) : null;
    },
    releaseJobLeases: (owner) => releaseLeases(db, JOB_LEASES, owner),
    releaseAllJobLeases: () => releaseAllLeases(db, JOB_LEASES),
  };
}
