import { startThrowawayPostgres, stopThrowawayPostgres } from '../test/support/throwaway-postgres.js';

/**
 * `.ci/run`'s PostgreSQL: `start` starts a throwaway server (its own data directory, a free loopback port) and prints
 * `<url> <folder>`; `stop <folder>` stops it and removes the folder. Exit code 1 with the server's log when it cannot
 * start.
 */
async function main(): Promise<void> {
  const [command, folder] = process.argv.slice(2);
  if (command === 'start') {
    const server = await startThrowawayPostgres();
    console.log(`${server.url} ${server.folder}`);
  } else if (command === 'stop' && folder !== undefined) {
    stopThrowawayPostgres(folder);
  } else {
    console.error('usage: throwaway-postgres start | stop <folder>');
    process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  console.error(`throwaway-postgres: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
