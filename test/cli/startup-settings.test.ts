import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../fake-slack/server.js';
import { runUntilExit } from '../support/bot-process.js';
import { testPostgresUrl } from '../support/postgres.js';

const TOKEN = 'xoxb-startup-test';
const dir = mkdtempSync(join(tmpdir(), 'incident-bot-settings-'));
const base = { SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: 'http://127.0.0.1:9/api/' };

/** The one line the bot printed on its way out. */
async function refusal(env: Record<string, string>): Promise<{ code: number | null; line: string }> {
  const run = await runUntilExit({ ...base, ...env });
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return { code: run.code, line: lines[0] ?? '' };
}

describe('an unusable DATABASE_URL stops the bot with one line naming it and exit code 2', () => {
  const textFile = join(dir, 'notes.txt');
  const damaged = join(dir, 'damaged.db');
  const fifo = join(dir, 'pipe.db');
  const linkIntoProc = join(dir, 'link.db');
  beforeAll(() => {
    writeFileSync(textFile, 'these are my notes, not a database\n');
    // A real SQLite header followed by garbage: only SQLite itself can tell.
    writeFileSync(damaged, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4096, 0xab)]));
    execFileSync('mkfifo', [fifo]);
    symlinkSync('/proc/self/status', linkIntoProc);
    mkdirSync(join(dir, 'folder.db'));
  });

  it.each([
    ['a folder', () => join(dir, 'folder.db'), /is a folder, not a database file/],
    ['a path under a file', () => join(textFile, 'bot.db'), /is under .*notes\.txt, which is a file, not a folder/],
    ['a file that is not a database', () => textFile, /is not an SQLite database/],
    ['a damaged SQLite file', () => damaged, /cannot open .*damaged\.db as an SQLite database: /],
    ['a named pipe (opening it would block)', () => fifo, /is not a regular file/],
    ['a /proc path', () => '/proc/self/status', /is under \/proc, a kernel file system/],
    ['a link into /proc', () => linkIntoProc, /is under \/proc, a kernel file system/],
    ['a folder path ending in /', () => `${dir}/`, /names a folder; name the database file/],
  ])('%s', async (_name, path, message) => {
    const { code, line } = await refusal({ DATABASE_URL: `sqlite:${path()}` });
    expect(line).toMatch(/^incident-bot: setting DATABASE_URL: /);
    expect(line).toMatch(message);
    expect(code).toBe(2);
  });

  it('leaves a file it refused as it was', async () => {
    await refusal({ DATABASE_URL: `sqlite:${textFile}` });
    expect(readFileSync(textFile, 'utf8')).toBe('these are my notes, not a database\n');
    expect(existsSync(`${textFile}-wal`)).toBe(false);
  });
});

describe('a PostgreSQL DATABASE_URL that cannot work stops the bot with one line naming it and exit code 2', () => {
  const closedPort = async (): Promise<number> => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise((resolve) => server.close(resolve));
    return typeof address === 'object' && address !== null ? address.port : 1;
  };

  it('a server nobody listens on: named without its password', async () => {
    const port = await closedPort();
    const { code, line } = await refusal({ DATABASE_URL: `postgres://bot:s3cret@127.0.0.1:${port}/incidents` });
    expect(line).toBe(`incident-bot: setting DATABASE_URL: cannot reach the PostgreSQL server at bot@127.0.0.1:${port}/incidents: connection refused (is it running and listening there?)`);
    expect(code).toBe(2);
  });

  it('a database the server does not have', async () => {
    const url = new URL(testPostgresUrl());
    url.pathname = '/no_such_database';
    const { code, line } = await refusal({ DATABASE_URL: url.toString() });
    expect(line).toMatch(/^incident-bot: setting DATABASE_URL: the PostgreSQL server at postgres@127\.0\.0\.1:\d+\/no_such_database has no such database: /);
    expect(code).toBe(2);
  });

  it.each([
    ['no server', 'postgresql:///incidents', /names no server/],
    ['no database', 'postgres://127.0.0.1:5432', /names no database/],
    ['another scheme', 'mysql://127.0.0.1/incidents', /must look like sqlite:.* or postgres:\/\/user:password@host:5432\/incident_bot/],
  ])('%s', async (_name, url, message) => {
    const { code, line } = await refusal({ DATABASE_URL: url });
    expect(line).toMatch(/^incident-bot: setting DATABASE_URL: /);
    expect(line).toMatch(message);
    expect(code).toBe(2);
  });
});

describe('a PORT in use', () => {
  let fake: FakeSlack;
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    fake = await FakeSlack.start({ botToken: TOKEN });
    taken = createServer();
    port = await new Promise<number>((resolve) => taken.listen(0, '0.0.0.0', () => resolve((taken.address() as { port: number }).port)));
  });
  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
    await fake.stop();
  });

  it('stops the bot with one line naming PORT and exit code 2', async () => {
    const { code, line } = await refusal({ PORT: String(port), SLACK_API_URL: `${fake.url}/api/`, DATABASE_URL: `sqlite:${join(dir, 'port.db')}` });
    expect(line).toBe(`incident-bot: setting PORT: port ${port} is already in use by another process; stop it or choose another PORT`);
    expect(code).toBe(2);
  });
});

describe('an alert source whose token is not in the environment', () => {
  it('stops the bot with one line naming the variable and exit code 2', async () => {
    const config = join(dir, 'alert-sources.yml');
    writeFileSync(config, 'alertSources:\n  - { name: prometheus, kind: alertmanager, channel: C0ALERTS1, tokenEnv: ALERTS_PROMETHEUS_TOKEN }\n');
    const { code, line } = await refusal({ CONFIG_FILE: config, DATABASE_URL: `sqlite:${join(dir, 'sources.db')}` });
    expect(line).toMatch(/^incident-bot: setting ALERTS_PROMETHEUS_TOKEN: is required by alertSources\[0\] \(prometheus\)/);
    expect(code).toBe(2);
  });
});
