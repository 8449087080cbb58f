import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** test/fixtures/webhooks/<kind>/<name>.json: a notification body as the tool sends it, and where its shape comes from. */
const fixtureFile = z.object({ source: z.string().min(20), payload: z.record(z.string(), z.unknown()) });

export function webhookFixture(kind: string, name: string): Record<string, unknown> {
  const raw: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/webhooks', kind, `${name}.json`), 'utf8'));
  return fixtureFile.parse(raw).payload;
}
