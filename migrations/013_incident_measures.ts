import type { Kysely } from 'kysely';

interface Tables {
  incidents: {
    number: number;
    status: string;
    severity: string | null;
    detected_at: string | null;
    acknowledged_at: string | null;
    mitigated_at: string | null;
    resolved_at: string | null;
  };
  incident_measures: { incident_number: number; measure: string; severity: string | null; duration_ms: number; reached_at: string };
}

/**
 * The time from detection to acknowledge, mitigate and resolve of each incident, kept from the first time each
 * milestone is reached (a reopen clears the incident's milestones; this keeps them), with the severity of that
 * moment. The metrics' duration histograms are read from here, so they only ever grow and every replica reports the
 * same. Incidents recorded before this migration get theirs from their milestones as they stand.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incident_measures')
    .addColumn('incident_number', 'integer', (c) => c.notNull().references('incidents.number'))
    // acknowledge, mitigate, resolve
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    // Milliseconds: an incident open for weeks outgrows a 32-bit integer.
    .addColumn('duration_ms', 'bigint', (c) => c.notNull())
    .addColumn('reached_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_measures_pk', ['incident_number', 'measure'])
    .execute();

  const old = db as unknown as Kysely<Tables>;
  const incidents = await old.selectFrom('incidents').selectAll().where('status', '!=', 'declined').where('detected_at', 'is not', null).execute();
  for (const incident of incidents) {
    const detected = new Date(incident.detected_at ?? '').getTime();
    const reached = { acknowledge: incident.acknowledged_at, mitigate: incident.mitigated_at, resolve: incident.resolved_at };
    for (const [measure, at] of Object.entries(reached)) {
      if (at === null) continue;
      await old
        .insertInto('incident_measures')
        .values({ incident_number: incident.number, measure, severity: incident.severity, duration_ms: Math.max(0, new Date(at).getTime() - detected), reached_at: at })
        .execute();
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('incident_measures').execute();
}
