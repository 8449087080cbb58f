/** The scopes the fake's bot token holds: exactly the bot scopes `manifest.yml` asks for, as an installed app has. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const MANIFEST = new URL('../../manifest.yml', import.meta.url);

const manifestScopes = z.object({ oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()).min(1) }) }) });

export function manifestBotScopes(): readonly string[] {
  const parsed = manifestScopes.safeParse(parse(readFileSync(MANIFEST, 'utf8')));
  if (!parsed.success) throw new Error(`fake-slack: manifest.yml has no oauth_config.scopes.bot list: ${z.prettifyError(parsed.error)}`);
  return parsed.data.oauth_config.scopes.bot;
}
