import type { Kysely, Selectable, Transaction } from 'kysely';
import type { PostmortemRecords, StoredDraft, StoredDraftPatch } from '../app/postmortem-ports.js';
import type { TimelineKind } from '../domain/incident.js';
import { incidentFromRow, parseStringList, timelineEventFromRow } from './incident-rows.js';
import type { Database, PostmortemDraftsTable } from './schema.js';
import { triageRecords } from './triage-records.js';

type Executor = Kysely<Database> | Transaction<Database>;

const date = (text: string | null): Date | null => (text === null ? null : new Date(text));

function draftFromRow(row: Selectable<PostmortemDraftsTable>): StoredDraft {
  return {
    id: row.id,
    incidentNumber: row.incident_number,
    version: row.version,
    markdown: row.markdown,
    json: row.json,
    createdAt: new Date(row.created_at),
    createdBy: row.created_by,
    postedTs: parseStringList(row.posted_ts),
    alertLinkTs: row.alert_link_ts,
    sending: row.sending,
    postedAt: date(row.posted_at),
  };
}

function patchColumns(patch: StoredDraftPatch) {
  return {
    ...(patch.markdown === undefined ? {} : { markdown: patch.markdown }),
    ...(patch.json === undefined ? {} : { json: patch.json }),
    ...(patch.postedTs === undefined ? {} : { posted_ts: JSON.stringify(patch.postedTs) }),
    ...(patch.alertLinkTs === undefined ? {} : { alert_link_ts: patch.alertLinkTs }),
    ...(patch.sending === undefined ? {} : { sending: patch.sending }),
    ...(patch.postedAt === undefined ? {} : { posted_at: patch.postedAt === null ? null : patch.postedAt.toISOString() }),
  };
}

/** Postmortem drafts (every version), the message behind each timeline event, and the bot's own small state. */
export function postmortemRecords(db: Executor): PostmortemRecords {
  return {
    async insertDraft(draft) {
      const row = await db
        .insertInto('postmortem_drafts')
        .values({
          incident_number: draft.incidentNumber,
          version: draft.version,
          markdown: draft.markdown,
          json: draft.json,
          created_at: draft.createdAt.toISOString(),
          created_by: draft.createdBy,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return draftFromRow(row);
    },
    async getDraft(id) {
      const row = await db.selectFrom('postmortem_drafts').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? draftFromRow(row) : undefined;
    },
    async latestDraft(incidentNumber) {
      const row = await db
        .selectFrom('postmortem_drafts')
        .selectAll()
        .where('incident_number', '=', incidentNumber)
        .orderBy('version', 'desc')
        .executeTakeFirst();
      return row ? draftFromRow(row) : undefined;
    },
    async updateDraft(id, patch) {
      const set = patchColumns(patch);
      if (Object.keys(set).length > 0) await db.updateTable('postmortem_drafts').set(set).where('id', '=', id).execute();
    },
    async alertGroupOfIncident(incidentNumber) {
      const row = await db.selectFrom('incidents').select('alert_group_id').where('number', '=', incidentNumber).executeTakeFirst();
      return row?.alert_group_id ? triageRecords(db).getGroup(row.alert_group_id) : undefined;
    },
    async incidentsDeclaredSince(since) {
      const rows = await db.selectFrom('incidents').selectAll().where('declared_at', '>=', since.toISOString()).orderBy('number').execute();
      return rows.map(incidentFromRow);
    },
    async eventsWithoutMessage(incidentNumber, kinds: readonly TimelineKind[]) {
      if (kinds.length === 0) return [];
      const rows = await db
        .selectFrom('timeline_events')
        .selectAll()
        .where('incident_number', '=', incidentNumber)
        .where('message_ts', 'is', null)
        .where('kind', 'in', [...kinds])
        .orderBy('id')
        .execute();
      return rows.map((row) => ({ ...timelineEventFromRow(row), sendingAt: date(row.message_sending_at) }));
    },
    async setEventMessage(eventId, message) {
      await db
        .updateTable('timeline_events')
        .set({ message_channel_id: message.channelId, message_ts: message.ts, message_thread_ts: message.threadTs ?? null })
        .where('id', '=', eventId)
        .execute();
    },
    async markEventSending(eventId, at) {
      await db.updateTable('timeline_events').set({ message_sending_at: at.toISOString() }).where('id', '=', eventId).execute();
    },
    async readState(key) {
      const row = await db.selectFrom('bot_state').select('value').where('key', '=', key).executeTakeFirst();
      return row?.value ?? null;
    },
    async writeState(key, value, now) {
      await db
        .insertInto('bot_state')
        .values({ key, value, updated_at: now.toISOString() })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now.toISOString() }))
        .execute();
    },
  };
}
