/** Routes the fake's HTTP requests: `POST /api/<method>`, `POST /response/<id>` and incoming webhooks. */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { failure } from './block-kit.js';
import type { FaultPlan } from './faults.js';
import type { IncomingWebhooks } from './incoming-webhooks.js';
import type { RateLimits } from './rate-limits.js';
import { parseApiArgs, readBody, sendJson, sendText, tokenOf, type ParsedArgs } from './http-io.js';
import { checkDocumented, refusalOf, type ContractRules, type ContractViolation } from './contract-rules.js';
import { METHODS } from './methods.js';
import { isWebApiMethod } from '../../src/slack/web-api-contract.js';
import { answerResponseUrl } from './response-url.js';
import type { ApiResult, CallRecord } from './types.js';
import type { Workspace } from './workspace.js';

export interface HandlerDeps {
  ws: Workspace;
  faults: FaultPlan;
  limits: RateLimits;
  calls: CallRecord[];
  /** Each Web API call takes a random time in [min, max] ms before Slack answers, as the real one does. */
  latency: { minMs: number; maxMs: number };
  rules: ContractRules;
  violated: (v: ContractViolation) => void;
  webhooks: IncomingWebhooks;
}

const delay = (ms: number): Promise<void> => (ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms)));

function answerApi(d: HandlerDeps, method: string, req: IncomingMessage, parsed: ParsedArgs): ApiResult {
  if (!parsed.ok) return failure(parsed.error);
  const token = tokenOf(req, parsed.args);
  if (token === undefined) return failure('not_authed');
  const kind = token === d.ws.botToken ? 'bot' : token === d.ws.appToken ? 'app' : null;
  if (kind === null) return failure('invalid_auth');
  if (kind === 'app' && d.ws.appTokenRevoked) return failure('token_revoked');
  const refused = refusalOf(d.ws, method, parsed.args, kind, d.rules, d.violated);
  if (refused !== null || !isWebApiMethod(method)) return refused ?? failure('unknown_method');
  return METHODS[method](d.ws, parsed.args);
}

async function handleApi(d: HandlerDeps, method: string, req: IncomingMessage, res: ServerResponse, body: string, query: URLSearchParams): Promise<void> {
  const parsed = parseApiArgs(req.headers['content-type'], body, query);
  const call: CallRecord = { method, args: parsed.ok ? parsed.args : {}, at: d.ws.now() };
  d.calls.push(call);
  const answer = (): ApiResult => answerApi(d, method, req, parsed);
  const answered = (error: string): string => {
    checkDocumented(method, error, d.violated);
    return error;
  };
  const respond = (): void => {
    const result = answer();
    call.answer = result.ok ? 'ok' : answered(result.error);
    sendJson(res, 200, result);
  };
  if (d.faults.isHung(method)) {
    call.answer = 'hung';
    d.faults.park(method, respond);
    return;
  }
  await delay(d.latency.minMs + Math.random() * (d.latency.maxMs - d.latency.minMs));
  const fault = d.faults.take(method, call.args);
  const retryAfter = fault ? null : d.limits.take(method, call.args);
  if (fault?.kind === 'ratelimited' || retryAfter !== null) {
    call.answer = 'ratelimited';
    sendJson(res, 429, failure('ratelimited'), { 'retry-after': String(fault?.kind === 'ratelimited' ? fault.retryAfterSeconds : retryAfter) });
  } else if (fault?.kind === 'http_error') {
    call.answer = `http_${fault.status}`;
    sendText(res, fault.status, `fake-slack: injected HTTP ${fault.status} for ${method}`);
  } else if (fault?.kind === 'slack_error') {
    call.answer = answered(fault.error);
    sendJson(res, 200, failure(fault.error));
  } else if (fault?.kind === 'reset') {
    call.answer = 'reset';
    req.socket.destroy();
  } else if (fault?.kind === 'answer_lost') {
    const result = answer();
    call.answer = `answer_lost:${result.ok ? 'ok' : answered(result.error)}`;
    fault.afterDone?.();
    req.socket.destroy();
  } else {
    respond();
  }
}

async function route(d: HandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake-slack');
  const body = await readBody(req);
  const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
  if (api?.[1] !== undefined && (req.method === 'POST' || req.method === 'GET')) {
    await handleApi(d, api[1], req, res, body, url.searchParams);
    return;
  }
  const response = /^\/response\/([a-f0-9]+)$/.exec(url.pathname);
  if (response?.[1] !== undefined && req.method === 'POST') {
    const answer = answerResponseUrl(d.ws, response[1], req.headers['content-type'], body);
    if (answer.json !== undefined) sendJson(res, answer.status, answer.json);
    else sendText(res, answer.status, answer.text ?? '');
    return;
  }
  if (d.webhooks.handles(url.pathname) && req.method === 'POST') {
    await delay(d.latency.minMs + Math.random() * (d.latency.maxMs - d.latency.minMs));
    const answer = d.webhooks.post(url.pathname, body);
    res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
    res.end(answer.text);
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
