import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');

describe('the layering holds', () => {
  it.each([
    ['src/domain', [/^@slack\//, /^kysely/, /^better-sqlite3/, /^node-cron/, /^pino/, /\/(app|slack|db|scheduler|http)\//, /^node:/]],
    // The app knows the inbox only as a port (the store it is given keeps it), never the door's own code.
    ['src/app', [/^@slack\//, /^kysely/, /^better-sqlite3/, /^node-cron/, /\/(slack|db|scheduler|http)\//, /\/inbound\/(?!inbox\.js$)/]],
    // The one front door: every way in (Events API, alert webhooks, the inbox and its drain) hands the app a parsed
    // request or a domain Alert, and never reaches past the app into Slack's SDK or the database.
    ['src/inbound', [/^@slack\//, /^kysely/, /^better-sqlite3/, /^node-cron/, /^(\.\.\/)+(slack|db|scheduler)\//]],
  ])('%s imports no adapter or SDK', (dir, forbidden) => {
    const offenders = sources(join(root, dir)).flatMap((file) =>
      importsOf(file)
        .filter((spec) => forbidden.some((pattern) => pattern.test(spec)))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only src/slack imports @slack/*, only src/db imports kysely', () => {
    const offenders = sources(join(root, 'src')).flatMap((file) => {
      const rel = relative(root, file);
      return importsOf(file)
        .filter((spec) => (spec.startsWith('@slack/') && !rel.startsWith('src/slack/')) || (spec === 'kysely' && !rel.startsWith('src/db/')))
        .map((spec) => `${rel} imports ${spec}`);
    });
    expect(offenders).toEqual([]);
  });
});
