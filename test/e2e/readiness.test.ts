import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { freshPostgresDatabase, testPostgresUrl } from '../support/postgres.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Runs statements as the server's superuser (the test server's URL). */
async function asAdmin(...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

describe('liveness and readiness', () => {
  it('/healthz stays 200 while the database is away; /readyz says 503 until it answers again', async () => {
    const url = await freshPostgresDatabase('ready');
    const name = new URL(url).pathname.slice(1);
    h = await startHarness({}, { kind: 'postgres', url });
    const base = `http://127.0.0.1:${h.bot.port}`;
    const status = async (path: string) => (await fetch(`${base}${path}`)).status;
    expect([await status('/healthz'), await status('/readyz')]).toEqual([200, 200]);

    // The database goes away: connections are cut and no new one is let in.
    await asAdmin(`alter database ${name} allow_connections false`, `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}'`);
    await eventually(async () => expect(await status('/readyz')).toBe(503), 10_000);
    expect(await status('/healthz')).toBe(200);

    await asAdmin(`alter database ${name} allow_connections true`);
    await eventually(async () => expect(await status('/readyz')).toBe(200), 10_000);
  }, 30_000);
});
