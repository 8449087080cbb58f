/** response_url: 5 uses within 30 minutes, JSON bodies, the same block rules as chat.postMessage. */
import { checkMessageContent, withBlockIds } from './block-kit.js';
import { isObj } from './block-elements.js';
import { mediaType } from './http-io.js';
import type { ResponseType } from './types.js';
import type { Workspace } from './workspace.js';

export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

export interface HttpAnswer {
  status: number;
  text?: string;
  json?: unknown;
}

/** Registers a response URL id; `messageTs` is the message a click came from (for replace/delete_original). */
export function issueResponseUrl(ws: Workspace, channelId: string, userId: string, messageTs?: string): string {
  const id = ws.mint.opaque();
  ws.responseUrls.set(id, { channelId, userId, messageTs, issuedAt: ws.now(), uses: 0 });
  return id;
}

function applyToOriginal(ws: Workspace, channelId: string, messageTs: string | undefined, body: Record<string, unknown>): void {
  const ch = ws.conversation(channelId);
  const original = ch ? ws.findMessage(ch, messageTs) : undefined;
  if (!ch || !original) return;
  if (body.delete_original === true) {
    ch.messages = ch.messages.filter((m) => m !== original);
    ch.pins = ch.pins.filter((ts) => ts !== original.ts);
    return;
  }
  original.edits.push({ text: original.text, blocks: original.blocks, attachments: original.attachments, replacedAt: ws.now() });
  original.text = typeof body.text === 'string' ? body.text : '';
  if (Array.isArray(body.blocks)) original.blocks = withBlockIds(body.blocks, () => ws.mint.blockId());
  else delete original.blocks;
}

export function answerResponseUrl(ws: Workspace, id: string, contentType: string | undefined, raw: string): HttpAnswer {
  const state = ws.responseUrls.get(id);
  if (!state) return { status: 404, text: 'invalid_url' };
  if (ws.now() - state.issuedAt > RESPONSE_URL_TTL_MS) return { status: 404, text: 'expired_url' };
  if (state.uses >= RESPONSE_URL_USES) return { status: 404, text: 'used_url' };
  if (mediaType(contentType) !== 'application/json') return { status: 400, text: 'invalid_payload' };
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { status: 400, text: 'invalid_payload' };
  }
  if (!isObj(body)) return { status: 400, text: 'invalid_payload' };
  const type = body.response_type ?? 'ephemeral';
  if (type !== 'ephemeral' && type !== 'in_channel') return { status: 400, text: 'invalid_payload' };
  const responseType: ResponseType = type;
  const deleteOriginal = body.delete_original === true || body.delete_original === 'true';
  const replaceOriginal = body.replace_original === true || body.replace_original === 'true';
  if (!deleteOriginal) {
    const invalid = checkMessageContent({ text: body.text, blocks: body.blocks, attachments: body.attachments });
    if (invalid) return { status: 400, json: invalid };
  }
  state.uses += 1;
  const blocks = Array.isArray(body.blocks) ? withBlockIds(body.blocks, () => ws.mint.blockId()) : undefined;
  ws.responses.push({
    id,
    channelId: state.channelId,
    userId: state.userId,
    text: typeof body.text === 'string' ? body.text : undefined,
    blocks,
    responseType,
    replaceOriginal,
    deleteOriginal,
    threadTs: typeof body.thread_ts === 'string' ? body.thread_ts : undefined,
    at: ws.now(),
  });
  if (deleteOriginal || replaceOriginal) {
    applyToOriginal(ws, state.channelId, state.messageTs, { ...body, blocks, delete_original: deleteOriginal });
  } else if (responseType === 'in_channel') {
    const ch = ws.conversation(state.channelId);
    if (ch) {
      ws.post(ch, {
        user: ws.botUserId,
        bot_id: ws.botId,
        text: typeof body.text === 'string' ? body.text : '',
        ...(blocks ? { blocks } : {}),
        reply_broadcast: false,
      });
    }
  }
  return { status: 200, text: 'ok' };
}
