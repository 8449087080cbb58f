import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeArgsFor } from '../../test/support/compiled-bot.js';
import { useCaseDeps } from '../../test/support/use-case-deps.js';
import { resolveIncident } from '../app/change-status.js';
import { declareIncident } from '../app/declare-incident.js';
import { TEAM_URL_KEY } from '../app/postmortem.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'incident-bot-cli-'));
const databasePath = join(dir, 'bot.db');

/** Runs the CLI as `npm run postmortem` would (compiled once for the test run). */
async function postmortem(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...nodeArgsFor('src/cli/postmortem.ts'), ...args], {
      env: { ...process.env, DATABASE_URL: `sqlite:${databasePath}`, CONFIG_FILE: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  const { deps, db, clock } = await useCaseDeps('2026-11-23T05:00:00Z', [], databasePath);
  await deps.store.writeState(TEAM_URL_KEY, 'https://acme.slack.com/', clock.now());
  for (const title of ['Checkout 502s', 'Search is slow']) {
    await declareIncident(deps, { title, impact: '', severity: 'sev2', commanderId: 'U0ALICE', declaredBy: 'U0ALICE', isPrivate: false, idempotencyKey: null });
  }
  clock.advance(30 * 60_000);
  await resolveIncident(deps, { ref: 1, channelId: null, subcommand: 'resolve', actorId: 'U0ALICE' }, { summary: 'Rolled back', cause: 'Config typo' });
  await db.destroy();
}, 20_000);

describe('npm run postmortem', () => {
  it('prints the latest stored draft as markdown, or as JSON', async () => {
    const md = await postmortem('1');
    expect(md).toMatchObject({ code: 0, stderr: '' });
    expect(md.stdout).toContain('# INC-1 · Checkout 502s — postmortem draft');
    expect(md.stdout).toContain('- **Time to resolve**: 30m (detected 2026-11-23 05:00 UTC → resolved 2026-11-23 05:30 UTC)');
    const json = await postmortem('INC-1', '--format', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({ incidentNumber: 1, version: 1, cause: 'Config typo', durations: [{ id: 'detect', ms: null }, { id: 'acknowledge', ms: 0 }, { id: 'mitigate', ms: null }, { id: 'resolve', ms: 1_800_000 }] });
  }, 20_000);

  it('composes one from the record when none is stored, and says so', async () => {
    const composed = await postmortem('2', '--format=md');
    expect(composed.code).toBe(0);
    expect(composed.stdout).toContain('# INC-2 · Search is slow — postmortem draft');
    expect(composed.stderr).toBe('postmortem: no stored draft yet; this one is composed from the record now and not stored\n');
  }, 20_000);

  it.each([
    [['9'], 'postmortem: there is no incident INC-9\n'],
    [['1', '--format', 'pdf'], 'postmortem: --format takes md or json. usage: npm run postmortem -- <incident number> [--format md|json]\n'],
    [['--verbose', '1'], 'postmortem: unknown option --verbose. usage: npm run postmortem -- <incident number> [--format md|json]\n'],
    [[], 'postmortem: name the incident. usage: npm run postmortem -- <incident number> [--format md|json]\n'],
  ])('refuses %j with one line and exit code 2', async (args, line) => {
    expect(await postmortem(...args)).toEqual({ code: 2, stdout: '', stderr: line });
  }, 20_000);
});
