import { Migrator, sql, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { declare } from '../domain/lifecycle.js';
import { migrateToLatest, openDatabase, type Db } from './connection.js';
import { createStore } from './store.js';

let db: Db | undefined;
afterEach(async () => db?.destroy());

/** A record written by the version before lead handoffs were stored: everything but migration 011. */
async function before011(): Promise<Db> {
  const opened = openDatabase(':memory:');
  const earlier = Object.fromEntries(Object.entries(migrations).filter(([name]) => name !== '011_lead_handoffs'));
  const migrator = new Migrator({ db: opened, provider: { getMigrations: async (): Promise<Record<string, Migration>> => earlier }, allowUnorderedMigrations: true });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return opened;
}

describe('migration 011: lead handoffs pending at upgrade', () => {
  it('carries a pending handoff over with its briefing, whose Acknowledge keeps working; settled incidents get none', async () => {
    db = await before011();
    const store = createStore(db);
    const since = new Date('2026-11-23T03:00:00Z');
    for (const number of [1, 2]) {
      const declared = declare(
        { number, title: `Incident ${number}`, impact: '', severity: 'sev2', commanderId: 'UALICE', declaredBy: 'UALICE', isPrivate: false, origin: 'manual', impactStartedAt: null, detectedAt: null },
        since,
      );
      if (!declared.ok) throw new Error(declared.error.code);
      const incident = number === 1 ? { ...declared.value.incident, pendingLead: { userId: 'UBOB', by: 'UCAROL', since } } : declared.value.incident;
      await store.insertIncident(incident, since);
    }
    await sql`insert into lead_briefings (channel_id, ts, incident_number, user_id, posted_at) values ('D0BOB', '1795400000.000100', 1, 'UBOB', ${since.toISOString()})`.execute(db);

    await migrateToLatest(db);
    expect(await store.pendingLeadHandoff(1)).toMatchObject({ fromId: 'UALICE', toId: 'UBOB', requestedBy: 'UCAROL', requestedAt: since, state: 'pending', remindedAt: null });
    expect(await store.pendingLeadHandoff(2)).toBeUndefined();
    expect(await store.botMessageAt('D0BOB', '1795400000.000100')).toMatchObject({ kind: 'lead_message', incidentNumber: 1, part: 'briefing' });
  });
});
