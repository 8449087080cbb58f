import type { Kysely, Transaction } from 'kysely';
import type { Happening } from '../app/happenings.js';
import type { Effect, IncidentRecords, Store } from '../app/ports.js';
import type { ViewRefs } from '../app/slack-send-ports.js';
import { OPEN_STATUSES, type Incident, type TimelineEventDraft } from '../domain/incident.js';
import type { Db } from './connection.js';
import { enqueueEffect, outboxQueue } from './outbox-records.js';
import { inboxQueue } from './inbox-records.js';
import { postmortemRecords } from './postmortem-records.js';
import { jobQueue, promptRecords } from './prompt-records.js';
import { dialectOf, isRetryableConflict, rowLock } from './dialect.js';
import { isRefusal } from '../domain/result.js';
import { triageRecords } from './triage-records.js';
import { alertInstanceRecords } from './alert-instance-records.js';
import { oncallRecords } from './oncall-records.js';
import { controlRecords } from './control-records.js';
import { leadHandoffRecords } from './lead-handoff-records.js';
import { figureReads, measureRecords } from './figure-records.js';
import { homeRecords } from './home-records.js';
import { followUpFromRow, incidentFromRow, incidentToRow, parseStringList, timelineEventFromRow } from './incident-rows.js';
import type { Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

type Tell = (happening: Happening) => void;

/**
 * Record operations over any executor, so the same code runs inside and outside a transaction. `tell` receives what
 * happened: at once outside a transaction, after commit inside one.
 */
function records(db: Executor, tell: Tell): IncidentRecords {
  const lock = rowLock(db);
  return {
    happened: tell,
    ...measureRecords(db),
    ...promptRecords(db),
    ...triageRecords(db),
    ...alertInstanceRecords(db),
    ...oncallRecords(db),
    ...postmortemRecords(db),
    ...controlRecords(db),
    ...leadHandoffRecords(db),
    ...homeRecords(db),
    async nextIncidentNumber() {
      // The counter row stays locked until commit: concurrent declares take turns, and a rollback returns the number.
      const row = await db
        .updateTable('counters')
        .set((eb) => ({ value: eb('value', '+', 1) }))
        .where('name', '=', 'incident_number')
        .returning('value')
        .executeTakeFirstOrThrow();
      return row.value;
    },
    async getIncident(number) {
      // Held until commit (PostgreSQL): a change reads, decides and writes back while concurrent changes wait.
      const row = await lock(db.selectFrom('incidents').selectAll().where('number', '=', number)).executeTakeFirst();
      return row ? incidentFromRow(row) : undefined;
    },
    async getIncidentByChannel(channelId) {
      const row = await lock(db.selectFrom('incidents').selectAll().where('channel_id', '=', channelId)).executeTakeFirst();
      return row ? incidentFromRow(row) : undefined;
    },
    async listOpenIncidents() {
      const rows = await db.selectFrom('incidents').selectAll().where('status', 'in', [...OPEN_STATUSES]).orderBy('number').execute();
      return rows.map(incidentFromRow);
    },
    async insertIncident(incident: Incident, now: Date) {
      await db
        .insertInto('incidents')
        .values({ number: incident.number, ...incidentToRow(incident, now), channel_id: incident.channelId, invited: '[]' })
        .execute();
    },
    async updateIncident(incident: Incident, now: Date) {
      await db.updateTable('incidents').set(incidentToRow(incident, now)).where('number', '=', incident.number).execute();
    },
    async appendEvents(incidentNumber: number, events: readonly TimelineEventDraft[], now: Date) {
      let added = 0;
      for (const e of events) {
        const result = await db
          .insertInto('timeline_events')
          .values({
            incident_number: incidentNumber,
            kind: e.kind,
            actor_id: e.actorId,
            occurred_at: e.occurredAt.toISOString(),
            recorded_at: now.toISOString(),
            text: e.text,
            data: JSON.stringify(e.data),
            message_channel_id: e.message?.channelId ?? null,
            message_ts: e.message?.ts ?? null,
            message_thread_ts: e.message?.threadTs ?? null,
            source_key: e.sourceKey,
          })
          .onConflict((oc) => oc.columns(['incident_number', 'source_key']).doNothing())
          .executeTakeFirst();
        added += Number(result.numInsertedOrUpdatedRows ?? 0n);
      }
      return added;
    },
    async updateEventText(incidentNumber, sourceKey, text) {
      const result = await db
        .updateTable('timeline_events')
        .set({ text })
        .where('incident_number', '=', incidentNumber)
        .where('source_key', '=', sourceKey)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async removeEvent(incidentNumber, sourceKey) {
      const result = await db
        .deleteFrom('timeline_events')
        .where('incident_number', '=', incidentNumber)
        .where('source_key', '=', sourceKey)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async timeline(incidentNumber) {
      const rows = await db
        .selectFrom('timeline_events')
        .selectAll()
        .where('incident_number', '=', incidentNumber)
        .orderBy('occurred_at')
        .orderBy('id')
        .execute();
      return rows.map(timelineEventFromRow);
    },
    async addFollowUp(f) {
      const row = await db
        .insertInto('follow_ups')
        .values({
          incident_number: f.incidentNumber,
          text: f.text,
          owner_id: f.ownerId,
          done: 0,
          created_by: f.createdBy,
          created_at: f.createdAt.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return followUpFromRow(row);
    },
    async followUps(incidentNumber) {
      const rows = await db.selectFrom('follow_ups').selectAll().where('incident_number', '=', incidentNumber).orderBy('id').execute();
      return rows.map(followUpFromRow);
    },
    enqueue: (effect: Effect, now: Date, notBefore?: Date) => enqueueEffect(db, effect, now, notBefore),
    async slackSend(key) {
      const row = await db.selectFrom('slack_sends').selectAll().where('key', '=', key).executeTakeFirst();
      return row ? { startedAt: new Date(row.started_at), channelId: row.channel_id, ts: row.ts } : undefined;
    },
    async markSendStarted(key, at) {
      await db
        .insertInto('slack_sends')
        .values({ key, started_at: at.toISOString(), channel_id: null, ts: null })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
    },
    async recordSent(key, channelId, ts) {
      await db.updateTable('slack_sends').set({ channel_id: channelId, ts }).where('key', '=', key).execute();
    },
    async claimOnce(key, now) {
      const result = await db
        .insertInto('processed_events')
        .values({ key, processed_at: now.toISOString() })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    },
    async viewRefs(incidentNumber) {
      const row = await db
        .selectFrom('incidents')
        .select(['channel_id', 'channel_name', 'card_ts', 'announce_channel_id', 'announce_ts', 'topic', 'invited', 'card_pinned'])
        .where('number', '=', incidentNumber)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        channelId: row.channel_id,
        channelName: row.channel_name,
        cardTs: row.card_ts,
        announceChannelId: row.announce_channel_id,
        announceTs: row.announce_ts,
        topic: row.topic,
        invited: parseStringList(row.invited),
        cardPinned: row.card_pinned === 1,
      };
    },
    async saveViewRefs(incidentNumber, refs: Partial<ViewRefs>) {
      await db
        .updateTable('incidents')
        .set({
          ...(refs.channelId === undefined ? {} : { channel_id: refs.channelId }),
          ...(refs.channelName === undefined ? {} : { channel_name: refs.channelName }),
          ...(refs.cardTs === undefined ? {} : { card_ts: refs.cardTs }),
          ...(refs.announceChannelId === undefined ? {} : { announce_channel_id: refs.announceChannelId }),
          ...(refs.announceTs === undefined ? {} : { announce_ts: refs.announceTs }),
          ...(refs.topic === undefined ? {} : { topic: refs.topic }),
          ...(refs.invited === undefined ? {} : { invited: JSON.stringify(refs.invited) }),
          ...(refs.cardPinned === undefined ? {} : { card_pinned: refs.cardPinned ? 1 : 0 }),
        })
        .where('number', '=', incidentNumber)
        .execute();
    },
  };
}

/** How often a transaction that lost a race on PostgreSQL (deadlock, a group opened at the same moment) runs again. */
const MAX_ATTEMPTS = 8;

/**
 * The record on SQLite or PostgreSQL: the same queries on both. On PostgreSQL several replicas share it, so rows read
 * to be changed are locked until commit (dialect.ts `rowLock`), and a transaction that lost a race is run again from
 * the start (it changed nothing; its work only reads and writes the record). Work that answers with a refused Result
 * is rolled back and its refusal handed back: a refused use case changes nothing.
 */
export function createStore(db: Db, tell: Tell = () => undefined): Store {
  const retries = dialectOf(db) === 'postgres';
  return {
    ...records(db, tell),
    ...outboxQueue(db),
    ...inboxQueue(db),
    ...jobQueue(db),
    ...figureReads(db),
    async transaction<T>(work: (records: IncidentRecords) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt += 1) {
        // What this attempt says happened is passed on only if it commits: a retried or refused attempt's is dropped.
        const happenings: Happening[] = [];
        const answer: { refusal?: { value: T } } = {};
        try {
          const result = await db.transaction().execute(async (trx) => {
            const value = await work(records(trx, (h) => happenings.push(h)));
            if (isRefusal(value)) {
              answer.refusal = { value };
              throw new RefusalRollback();
            }
            return value;
          });
          for (const happening of happenings) tell(happening);
          return result;
        } catch (error) {
          if (error instanceof RefusalRollback && answer.refusal) return answer.refusal.value;
          if (!retries || attempt >= MAX_ATTEMPTS || !isRetryableConflict(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
        }
      }
    },
  };
}

/** Thrown out of a transaction's work that answered with a refusal, only so kysely rolls it back; never escapes. */
class RefusalRollback extends Error {
  constructor() {
    super('the work refused: rolled back');
  }
}
