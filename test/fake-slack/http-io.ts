/** Raw HTTP for the fake: reading bodies, decoding Web API arguments, writing answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isObj } from './block-elements.js';
import type { Args } from './types.js';

/** Arguments WebClient JSON-encodes into form fields; Slack decodes them. */
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'metadata'];

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export type ParsedArgs = { ok: true; args: Args } | { ok: false; error: string };

function decodeJsonFields(args: Args): Args {
  for (const key of JSON_FIELDS) {
    const v = args[key];
    if (typeof v !== 'string' || !/^\s*[[{]/.test(v)) continue;
    try {
      args[key] = JSON.parse(v) as unknown;
    } catch {
      // left as a string: the method answers invalid_blocks_format / invalid_arguments as Slack would
    }
  }
  return args;
}

export function parseApiArgs(contentType: string | undefined, body: string, query: URLSearchParams): ParsedArgs {
  const args: Args = Object.fromEntries(query.entries());
  const type = mediaType(contentType);
  if (type === '' && body.trim() === '') return { ok: true, args };
  if (type === 'application/x-www-form-urlencoded') {
    for (const [k, v] of new URLSearchParams(body)) args[k] = v;
    return { ok: true, args: decodeJsonFields(args) };
  }
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      return { ok: false, error: 'invalid_json' };
    }
    if (!isObj(parsed)) return { ok: false, error: 'invalid_json' };
    return { ok: true, args: decodeJsonFields({ ...args, ...parsed }) };
  }
  return { ok: false, error: 'invalid_form_data' };
}

/** The token Slack would authenticate: `Authorization: Bearer …` first, then a `token` argument. */
export function tokenOf(req: IncomingMessage, args: Args): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return typeof args.token === 'string' && args.token !== '' ? args.token : undefined;
}

function writable(res: ServerResponse): boolean {
  return !res.destroyed && !res.writableEnded;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (!writable(res)) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  if (!writable(res)) return;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
