import type { Kysely, Selectable, Transaction } from 'kysely';
import type { HomeRecords, HomeView } from '../app/home/home-ports.js';
import { followUpFromRow, incidentFromRow } from './incident-rows.js';
import type { Database, HomeViewsTable } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

const date = (text: string | null): Date | null => (text === null ? null : new Date(text));

const homeFromRow = (row: Selectable<HomeViewsTable>): HomeView => ({
  userId: row.user_id,
  openedAt: date(row.opened_at),
  viewId: row.view_id,
  slackHash: row.slack_hash,
  contentHash: row.content_hash,
  publishedAt: date(row.published_at),
});

/** Each person's App Home as last opened and published, and the reads only the Home makes. */
export function homeRecords(db: Executor): HomeRecords {
  return {
    async homeView(userId) {
      const row = await db.selectFrom('home_views').selectAll().where('user_id', '=', userId).executeTakeFirst();
      return row ? homeFromRow(row) : undefined;
    },
    async homeViewsOf(userIds, openedSince) {
      if (userIds !== null && userIds.length === 0) return [];
      let query = db.selectFrom('home_views').selectAll().where('opened_at', '>=', openedSince.toISOString());
      if (userIds !== null) query = query.where('user_id', 'in', [...userIds]);
      return (await query.orderBy('user_id').execute()).map(homeFromRow);
    },
    async noteHomeOpened(userId, at, shown) {
      const row = await db.selectFrom('home_views').select(['view_id', 'slack_hash']).where('user_id', '=', userId).executeTakeFirst();
      const stillOurs = shown !== null && row !== undefined && row.view_id === shown.viewId && (shown.slackHash === null || row.slack_hash === shown.slackHash);
      const opened = { opened_at: at.toISOString(), ...(stillOurs ? {} : { content_hash: null }) };
      await db
        .insertInto('home_views')
        .values({ user_id: userId, view_id: null, slack_hash: null, content_hash: null, published_at: null, ...opened })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(opened))
        .execute();
    },
    async saveHomePublished(userId, published) {
      const values = { view_id: published.viewId, slack_hash: published.slackHash, content_hash: published.contentHash, published_at: published.at.toISOString() };
      await db
        .insertInto('home_views')
        .values({ user_id: userId, opened_at: null, ...values })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute();
    },
    async homeViewOwner(viewId) {
      const row = await db.selectFrom('home_views').select('user_id').where('view_id', '=', viewId).executeTakeFirst();
      return row?.user_id;
    },
    async openFollowUpsOwnedBy(userId) {
      const rows = await db
        .selectFrom('follow_ups')
        .selectAll()
        .where('owner_id', '=', userId)
        .where('done', '=', 0)
        .orderBy('incident_number', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(followUpFromRow);
    },
    async incidentsResolvedSince(since) {
      const rows = await db
        .selectFrom('incidents')
        .selectAll()
        .where('status', '=', 'resolved')
        .where('resolved_at', '>=', since.toISOString())
        .orderBy('resolved_at', 'desc')
        .orderBy('number', 'desc')
        .execute();
      return rows.map(incidentFromRow);
    },
  };
}
