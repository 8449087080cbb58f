/** Routes the fake's HTTP requests: `POST /api/<method>` and `POST /response/<id>`. */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { failure } from './block-kit.js';
import type { FaultPlan } from './faults.js';
import { parseApiArgs, readBody, sendJson, sendText, tokenOf, type ParsedArgs } from './http-io.js';
import { METHODS } from './methods.js';
import { answerResponseUrl } from './response-url.js';
import type { ApiResult, CallRecord } from './types.js';
import type { Workspace } from './workspace.js';

export interface HandlerDeps {
  ws: Workspace;
  faults: FaultPlan;
  calls: CallRecord[];
}

function answerApi(d: HandlerDeps, method: string, req: IncomingMessage, parsed: ParsedArgs): ApiResult {
  if (!parsed.ok) return failure(parsed.error);
  const handler = METHODS[method];
  if (!handler) return failure('unknown_method');
  const token = tokenOf(req, parsed.args);
  if (token === undefined) return failure('not_authed');
  if (token !== d.ws.botToken) return failure('invalid_auth');
  return handler(d.ws, parsed.args);
}

function handleApi(d: HandlerDeps, method: string, req: IncomingMessage, res: ServerResponse, body: string, query: URLSearchParams): void {
  const parsed = parseApiArgs(req.headers['content-type'], body, query);
  d.calls.push({ method, args: parsed.ok ? parsed.args : {}, at: d.ws.now() });
  const respond = (): void => sendJson(res, 200, answerApi(d, method, req, parsed));
  if (d.faults.isHung(method)) {
    d.faults.park(method, respond);
    return;
  }
  const fault = d.faults.take(method);
  if (fault?.kind === 'ratelimited') {
    sendJson(res, 429, failure('ratelimited'), { 'retry-after': String(fault.retryAfterSeconds) });
  } else if (fault?.kind === 'http_error') {
    sendText(res, fault.status, `fake-slack: injected HTTP ${fault.status} for ${method}`);
  } else {
    respond();
  }
}

async function route(d: HandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake-slack');
  const body = await readBody(req);
  const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
  if (api?.[1] !== undefined && (req.method === 'POST' || req.method === 'GET')) {
    handleApi(d, api[1], req, res, body, url.searchParams);
    return;
  }
  const response = /^\/response\/([a-f0-9]+)$/.exec(url.pathname);
  if (response?.[1] !== undefined && req.method === 'POST') {
    const answer = answerResponseUrl(d.ws, response[1], req.headers['content-type'], body);
    if (answer.json !== undefined) sendJson(res, answer.status, answer.json);
    else sendText(res, answer.status, answer.text ?? '');
    return;
  }
  sendText(res, 404, 'not_found');
}

export function createRequestHandler(d: HandlerDeps): RequestListener {
  return (req, res) => {
    route(d, req, res).catch((err: unknown) => {
      // A bug in the fake itself: make it loud rather than a silent hang.
      console.error('fake-slack: handler crashed', err);
      sendText(res, 500, `fake-slack crashed: ${err instanceof Error ? err.message : String(err)}`);
    });
  };
}
