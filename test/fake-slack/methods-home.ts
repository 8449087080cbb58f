/**
 * views.publish: a person's App Home (https://docs.slack.dev/reference/methods/views.publish). Tier 4 (100+ a
 * minute, see rate-limits.ts); no scope needed; `not_enabled` unless the app's manifest enables the Home tab;
 * `view_too_large` over 250 kB; `hash_conflict` when a given hash is not the current one; a home view holds at most
 * 100 blocks (https://docs.slack.dev/surfaces/app-home). Each person's Home keeps one view id; each publish replaces
 * its content and hash.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fail, ok, str } from './args.js';
import { checkString, isObj, missing, type Problem } from './block-elements.js';
import { checkBlocks, failure, withBlockIds } from './block-kit.js';
import type { Args, ApiResult } from './types.js';
import type { Workspace } from './workspace.js';

/** Slack's word for it is 250kb; measured here in bytes of the view's JSON. */
export const MAX_HOME_BYTES = 250_000;
export const MAX_HOME_BLOCKS = 100;

/** A person's Home as Slack keeps it. */
export interface HomeRecord {
  readonly id: string;
  readonly userId: string;
  hash: string;
  /** the latest view as Slack stores it (block ids filled in) */
  view: Record<string, unknown>;
  blocks: unknown[];
  publishedAt: number;
  /** how many times it was published */
  publishes: number;
}

/** Whether the app's manifest enables the Home tab, as Slack's app configuration would. */
function homeTabEnabled(): boolean {
  try {
    const manifest: unknown = parse(readFileSync(join(import.meta.dirname, '..', '..', 'manifest.yml'), 'utf8'));
    const features = isObj(manifest) ? manifest.features : undefined;
    const appHome = isObj(features) ? features.app_home : undefined;
    return isObj(appHome) && appHome.home_tab_enabled === true;
  } catch {
    return false;
  }
}

const HOME_TAB_ENABLED = homeTabEnabled();

/** Slack's answer to a Home view that breaks its rules (shape, blocks, size), or undefined when it would take it. */
export function checkHomeView(view: unknown): ApiResult | undefined {
  const at = '/view';
  const bad = (p: Problem): ApiResult => failure('invalid_arguments', p);
  if (!isObj(view)) return bad({ pointer: at, message: 'must provide an object' });
  if (view.type !== 'home') return bad({ pointer: `${at}/type`, message: 'must be a valid enum value' });
  const own = checkString(view, 'callback_id', at, 255) ?? checkString(view, 'private_metadata', at, 3000) ?? checkString(view, 'external_id', at, 255);
  if (own) return bad(own);
  if (!Array.isArray(view.blocks)) return bad(missing(at, 'blocks'));
  const p = checkBlocks(view.blocks, `${at}/blocks`, { max: MAX_HOME_BLOCKS, actionIdsPerBlock: true });
  if (p) return bad(p);
  return Buffer.byteLength(JSON.stringify(view), 'utf8') > MAX_HOME_BYTES ? fail('view_too_large') : undefined;
}

function publish(ws: Workspace, args: Args): ApiResult {
  if (!HOME_TAB_ENABLED) return fail('not_enabled');
  const userId = str(args, 'user_id');
  if (userId === undefined || userId === '') return fail('invalid_arguments');
  // Slack answers an unknown user as invalid_arguments ("invalid `user_id`"), per its method reference.
  if (!ws.users.has(userId)) return fail('invalid_arguments');
  if (typeof args.view === 'string') return fail('invalid_arguments');
  const invalid = checkHomeView(args.view);
  if (invalid || !isObj(args.view)) return invalid ?? fail('invalid_arguments');
  const current = ws.homes.get(userId);
  const hash = str(args, 'hash');
  if (hash !== undefined && hash !== '' && hash !== current?.hash) return fail('hash_conflict');
  const blocks = withBlockIds(Array.isArray(args.view.blocks) ? args.view.blocks : [], () => ws.mint.blockId());
  const record: HomeRecord = current ?? { id: ws.mint.conversationId('V'), userId, hash: '', view: {}, blocks: [], publishedAt: 0, publishes: 0 };
  record.hash = ws.mint.viewHash(ws.now());
  record.view = { ...args.view, blocks };
  record.blocks = blocks;
  record.publishedAt = ws.now();
  record.publishes += 1;
  ws.homes.set(userId, record);
  return ok({ view: homePayload(ws, record) });
}

/** The view as Slack returns it (views.publish, app_home_opened, block_actions from a Home). */
export function homePayload(ws: Workspace, home: HomeRecord): Record<string, unknown> {
  return {
    ...home.view,
    id: home.id,
    team_id: ws.teamId,
    type: 'home',
    callback_id: typeof home.view.callback_id === 'string' ? home.view.callback_id : '',
    private_metadata: typeof home.view.private_metadata === 'string' ? home.view.private_metadata : '',
    external_id: typeof home.view.external_id === 'string' ? home.view.external_id : '',
    hash: home.hash,
    state: { values: {} },
    clear_on_close: false,
    notify_on_close: false,
    root_view_id: home.id,
    previous_view_id: null,
    app_id: 'A0FAKEAPP',
    app_installed_team_id: ws.teamId,
    bot_id: ws.botId,
  };
}

export const homeMethods = {
  'views.publish': publish,
} satisfies Record<string, (ws: Workspace, args: Args) => ApiResult>;
