import { incomingFromPost } from '../../src/inbound/slack/alert-message.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestAlert } from '../../src/app/ingest-alert.js';
import type { AlertMessage } from '../../src/domain/triage/alert.js';
import { nodeArgsFor } from '../support/compiled-bot.js';
import { useCaseDeps } from '../support/use-case-deps.js';

const root = join(import.meta.dirname, '..', '..');

function runCli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [...nodeArgsFor('src/cli/triage.ts'), ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
}

/** Stores a few real-shaped alerts the way the bot does, in a database file the CLI then reads. */
async function storedAlerts(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'incident-bot-replay-')), 'bot.db');
  const harness = await useCaseDeps('2026-11-23T03:00:00Z', [], path);
  const post = async (ts: string, message: Partial<AlertMessage>) => {
    const full: AlertMessage = { text: '', attachments: [], blocks: [], username: null, botId: null, ...message };
    await ingestAlert(harness.deps, incomingFromPost({ channelId: 'C0ALERTS', ts, at: harness.clock.now(), raw: JSON.stringify(full), message: full }));
    harness.clock.advance(60_000);
  };
  const firing = (n: number) => ({ botId: 'B0AM', attachments: [{ color: 'danger', title: `[FIRING:${n}] HighRequestLatency checkout (myjob critical web)` }] });
  await post('1700000000.000100', firing(3));
  await post('1700000060.000100', firing(1));
  await post('1700000120.000100', { text: '502 errors spiking on checkout!!' });
  await post('1700000180.000100', { text: 'is checkout down?' });
  await harness.db.destroy();
  return path;
}

describe('npm run triage -- replay', () => {
  it('prints what a new rule set would have done per group, without Slack', async () => {
    const database = await storedAlerts();
    const config = join(mkdtempSync(join(tmpdir(), 'incident-bot-rules-')), 'rules.yml');
    writeFileSync(config, ['triage:', '  rules:', '    - { match: { source: alertmanager, severity: critical }, action: declare, severity: sev1 }', '    - { match: { text: "(?i)5\\\\d\\\\d" }, action: ignore }', ''].join('\n'));
    const result = runCli(['replay', '--config', config], { DATABASE_URL: `sqlite:${database}` });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('4 stored messages → 2 groups, 1 not grouped (window 1h, group by alertname, service)');
    expect(lines[1]).toMatch(/^declare sev1\s+2 alerts\s+firing\s+rule #1\s+source=alertmanager alertname=highrequestlatency service=checkout$/);
    expect(lines[2]).toMatch(/^ignore\s+1 alerts\s+firing\s+rule #2\s+source=generic/);
    // What opened nothing says why.
    expect(lines[3]).toMatch(/^stored\s+person\/info\s+generic\s+1700000180\.000100\s+checkout down: a person's question .* never opens a group$/);

    const last = runCli(['replay', '--config', config, '--last', '2'], { DATABASE_URL: `sqlite:${database}` });
    expect(last.stdout.split('\n')[0]).toBe('2 stored messages → 1 groups, 1 not grouped (window 1h, group by alertname, service)');
  }, 30_000);

  it.each([
    [['replay'], 'triage: needs --config <file>'],
    [['replay', '--config', 'x.yml', '--last', 'many'], 'triage: --last takes a whole number'],
    [['forget'], 'triage: usage: npm run triage -- replay --config <file> [--last N]'],
  ])('refuses %j with one line and exit code 2', (args, message) => {
    const result = runCli(args, { DATABASE_URL: 'sqlite::memory:' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(message);
  }, 30_000);
});
