/** views.open, with Slack's 3-second single-use trigger ids; views a submission answer pushes or updates. */
import { fail, ok, str } from './args.js';
import { checkModalView, withBlockIds } from './block-kit.js';
import { isObj } from './block-elements.js';
import type { Args, ApiResult, ViewRecord } from './types.js';
import type { Workspace } from './workspace.js';

export const TRIGGER_TTL_MS = 3000;

/** The view as Slack stores and returns it: block_ids filled in, defaults made explicit. */
function storedView(ws: Workspace, view: Record<string, unknown>): Record<string, unknown> {
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  return {
    ...view,
    blocks: withBlockIds(blocks, () => ws.mint.blockId()),
    callback_id: typeof view.callback_id === 'string' ? view.callback_id : '',
    private_metadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
    external_id: typeof view.external_id === 'string' ? view.external_id : '',
  };
}

function fill(record: ViewRecord, view: Record<string, unknown>): void {
  record.view = view;
  record.type = typeof view.type === 'string' ? view.type : 'modal';
  record.callback_id = typeof view.callback_id === 'string' ? view.callback_id : '';
  record.private_metadata = typeof view.private_metadata === 'string' ? view.private_metadata : '';
  record.external_id = typeof view.external_id === 'string' ? view.external_id : '';
  record.title = view.title;
  record.submit = view.submit;
  record.close = view.close;
  record.blocks = Array.isArray(view.blocks) ? view.blocks : [];
}

export function viewPayload(ws: Workspace, r: ViewRecord): Record<string, unknown> {
  return {
    ...r.view,
    id: r.id,
    team_id: ws.teamId,
    type: r.type,
    callback_id: r.callback_id,
    private_metadata: r.private_metadata,
    external_id: r.external_id,
    hash: r.hash,
    state: { values: {} },
    root_view_id: r.id,
    previous_view_id: null,
    app_id: 'A0FAKEAPP',
    bot_id: ws.botId,
  };
}

function consumeTrigger(ws: Workspace, args: Args): { userId: string | undefined } | ApiResult {
  const id = str(args, 'trigger_id');
  if (id === undefined || id === '') return fail('invalid_arguments');
  const trigger = ws.triggers.get(id);
  if (!trigger) return fail('invalid_trigger_id');
  if (trigger.used || ws.now() - trigger.issuedAt > TRIGGER_TTL_MS) return fail('expired_trigger_id');
  return { userId: trigger.userId };
}

/** Stores a validated view as opened for `userId`. */
export function addView(
  ws: Workspace,
  view: Record<string, unknown>,
  opener: { userId: string | undefined; triggerId: string | undefined; pushed: boolean },
): ViewRecord {
  const record: ViewRecord = {
    id: ws.mint.conversationId('V'),
    hash: ws.mint.viewHash(ws.now()),
    ...opener,
    type: 'modal',
    callback_id: '',
    private_metadata: '',
    external_id: '',
    title: undefined,
    submit: undefined,
    close: undefined,
    blocks: [],
    view: {},
    versions: [],
    closed: false,
    openedAt: ws.now(),
  };
  fill(record, storedView(ws, view));
  ws.views.push(record);
  return record;
}

function open(ws: Workspace, args: Args): ApiResult {
  const trigger = consumeTrigger(ws, args);
  if ('ok' in trigger) return trigger;
  const invalid = checkModalView(args.view);
  if (invalid || !isObj(args.view)) return invalid ?? fail('invalid_arguments');
  const triggerId = str(args, 'trigger_id') ?? '';
  const t = ws.triggers.get(triggerId);
  if (t) t.used = true;
  const record = addView(ws, args.view, { userId: trigger.userId, triggerId, pushed: false });
  return ok({ view: viewPayload(ws, record) });
}

/** Replaces a view's content (a view_submission answered with response_action "update"). */
export function replaceView(ws: Workspace, record: ViewRecord, view: unknown): ApiResult {
  const invalid = checkModalView(view);
  if (invalid || !isObj(view)) return invalid ?? fail('invalid_arguments');
  record.versions.push(record.view);
  record.hash = ws.mint.viewHash(ws.now());
  fill(record, storedView(ws, view));
  return ok({ view: viewPayload(ws, record) });
}

export const viewMethods = {
  'views.open': open,
} satisfies Record<string, (ws: Workspace, args: Args) => ApiResult>;
