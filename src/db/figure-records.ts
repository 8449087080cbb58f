import { sql, type Kysely, type Transaction } from 'kysely';
import type { FigureReads, MeasureCounts, MeasureRecords } from '../app/record-figures.js';
import { OPEN_STATUSES, STATUSES, type Status } from '../domain/incident.js';
import { MEASURES, type MeasureName } from '../domain/incident-measures.js';
import type { Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

const asStatus = (value: string): Status | undefined => STATUSES.find((s) => s === value);
const asMeasure = (value: string): MeasureName | undefined => MEASURES.find((m) => m === value);

export function measureRecords(db: Executor): MeasureRecords {
  return {
    async recordMeasures(incidentNumber, measures) {
      for (const m of measures) {
        await db
          .insertInto('incident_measures')
          .values({ incident_number: incidentNumber, measure: m.measure, severity: m.severity, duration_ms: m.ms, reached_at: m.reachedAt.toISOString() })
          .onConflict((oc) => oc.columns(['incident_number', 'measure']).doNothing())
          .execute();
      }
    },
  };
}

/**
 * The measures counted per bucket by the database (a few rows, however many incidents the record holds). The bucket
 * is a CASE over literal bounds (our own numbers), so PostgreSQL sees one expression in the select and the group by.
 */
async function measureCounts(db: Executor, boundsMs: readonly number[]): Promise<MeasureCounts[]> {
  const whens = boundsMs.map((bound, i) => sql`when duration_ms <= ${sql.lit(bound)} then ${sql.lit(i)}`);
  const bucket = sql<number>`case ${sql.join(whens, sql` `)} else ${sql.lit(boundsMs.length)} end`;
  const rows = await db
    .selectFrom('incident_measures')
    .select(['measure', 'severity'])
    .select((eb) => [bucket.as('bucket'), eb.fn.countAll<number | string>().as('n'), eb.fn.sum<number | string>('duration_ms').as('sum_ms')])
    .groupBy(['measure', 'severity', bucket])
    .execute();
  const byKey = new Map<string, { measure: MeasureName; severity: string | null; perBucket: number[]; count: number; sumMs: number }>();
  for (const row of rows) {
    const measure = asMeasure(row.measure);
    if (measure === undefined) continue;
    const key = `${measure}\u0000${row.severity ?? ''}`;
    const entry = byKey.get(key) ?? { measure, severity: row.severity, perBucket: boundsMs.map(() => 0).concat(0), count: 0, sumMs: 0 };
    const n = Number(row.n);
    entry.perBucket[Number(row.bucket)] = (entry.perBucket[Number(row.bucket)] ?? 0) + n;
    entry.count += n;
    entry.sumMs += Number(row.sum_ms);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/** What the metrics read from the record at scrape time: a handful of grouped counts. */
export function figureReads(db: Executor): FigureReads {
  return {
    async recordFigures(boundsMs) {
      const incidents = await db
        .selectFrom('incidents')
        .select(['severity', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('status', 'in', [...OPEN_STATUSES])
        .groupBy(['severity', 'status'])
        .execute();
      const acknowledged = sql<number | boolean>`case when acknowledged_at is null then 0 else 1 end`;
      const groups = await db
        .selectFrom('alert_groups')
        .select(['source', acknowledged.as('acknowledged'), (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('status', '=', 'firing')
        .where('dismissed_by', 'is', null)
        .groupBy(['source', acknowledged])
        .execute();
      const followUps = await db
        .selectFrom('follow_ups')
        .innerJoin('incidents', 'incidents.number', 'follow_ups.incident_number')
        .select(['incidents.status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('follow_ups.done', '=', 0)
        .groupBy('incidents.status')
        .execute();
      const openFollowUps = (open: boolean) =>
        followUps.filter((row) => OPEN_STATUSES.some((s) => s === row.status) === open).reduce((total, row) => total + Number(row.n), 0);
      return {
        openIncidents: incidents.flatMap((row) => {
          const status = asStatus(row.status);
          return status === undefined ? [] : [{ severity: row.severity, status, count: Number(row.n) }];
        }),
        openAlertGroups: groups.map((row) => ({ source: row.source, acknowledged: Number(row.acknowledged) === 1, count: Number(row.n) })),
        openFollowUps: { ofOpenIncidents: openFollowUps(true), ofClosedIncidents: openFollowUps(false) },
        measures: await measureCounts(db, boundsMs),
      };
    },
  };
}
