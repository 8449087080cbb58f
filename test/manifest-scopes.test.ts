import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_API } from '../src/slack/web-api-contract.js';
import { manifestBotScopes } from './fake-slack/bot-scopes.js';

const root = join(import.meta.dirname, '..');

/** Scopes the Web API does not need but Slack's other surfaces do: the slash command and the events the bot reads. */
const NOT_FOR_WEB_API: Readonly<Record<string, string>> = {
  commands: '/incident',
  'pins:read': 'pin_added events',
  'reactions:read': 'reaction_added events',
};

/** The scopes named in the first column of the README's table under "Create the Slack app". */
function readmeScopes(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('What the manifest asks for, and why'), readme.indexOf('Bot events:'));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ''));
}

describe('the scopes manifest.yml asks for', () => {
  it('are each explained in the README, and the README explains no other', () => {
    expect([...readmeScopes()].sort()).toEqual([...manifestBotScopes()].sort());
  });

  it('are each needed by a Web API method the bot calls, or by the command and the events it reads', () => {
    const byMethods = new Set(Object.values(WEB_API).flatMap((row) => Object.values(row.scopes).flat()));
    expect(manifestBotScopes().filter((scope) => !byMethods.has(scope) && !(scope in NOT_FOR_WEB_API))).toEqual([]);
  });
});
