import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres.js';

/**
 * The PostgreSQL server the run's suites use: `TEST_DATABASE_URL` when `.ci/run` started one, else a throwaway one
 * started here and stopped at the end, so a developer's `npm test` runs the PostgreSQL suites too. If no server can
 * start, the run fails: these suites never skip.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  let server: ThrowawayPostgres | null = null;
  const given = process.env.TEST_DATABASE_URL;
  if (given === undefined || given === '') server = await startThrowawayPostgres();
  project.provide('postgresUrl', server?.url ?? given ?? '');
  return () => server?.stop();
}
