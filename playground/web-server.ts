/**
 * The page's HTTP server, on loopback only: the page and its assets, the workspace as JSON (`/api/state`), a
 * server-sent event stream that says when to refetch (`/api/events`), and the actions (`POST /api/<name>`).
 * The page is TypeScript, transpiled per request (no build step, no bundler).
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import ts from 'typescript';
import type { ChangeWatcher } from './change-watcher.js';
import { runApi, type ApiDeps } from './page-api.js';
import type { PageQuery } from './page-state.js';
import type { PageState } from './web/state.js';

export interface WebServerDeps {
  readonly api: ApiDeps;
  readonly state: (q: PageQuery) => PageState;
  readonly watcher: ChangeWatcher;
  readonly defaultPerson: string;
  readonly onError: (error: unknown) => void;
}

const WEB_DIR = join(import.meta.dirname, 'web');
const MAX_BODY = 256 * 1024;

const STATIC: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
  '/home.css': { file: 'home.css', type: 'text/css; charset=utf-8' },
};

/** Transpiled page modules, redone when the file changes (edit the page while the playground runs, then reload). */
const transpiled = new Map<string, { mtimeMs: number; js: string }>();

async function pageScript(name: string): Promise<string | null> {
  const file = join(WEB_DIR, `${name}.ts`);
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
  const cached = transpiled.get(name);
  if (cached?.mtimeMs === mtimeMs) return cached.js;
  const source = await readFile(file, 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 } }).outputText;
  transpiled.set(name, { mtimeMs, js });
  return js;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, body: unknown): void => send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
}

function events(deps: WebServerDeps, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  const push = (version: string): void => void res.write(`data: ${version}\n\n`);
  // A page whose playground went away tries again every second (retry), so it is back as soon as the server is.
  res.write(`retry: 1000\ndata: ${deps.watcher.version}\n\n`);
  const unsubscribe = deps.watcher.subscribe(push);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}

/** Other web pages the browser has open must not drive the playground: no DNS rebinding, no cross-site form posts. */
const LOCAL_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

async function route(deps: WebServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://playground');
  const path = url.pathname;
  if (!LOCAL_HOST.test(req.headers.host ?? '')) return send(res, 403, 'text/plain; charset=utf-8', 'the playground answers on localhost only');
  if (req.method === 'GET') {
    const asset = STATIC[path];
    if (asset) return send(res, 200, asset.type, await readFile(join(WEB_DIR, asset.file), 'utf8'));
    const script = /^\/js\/([a-z-]+)\.js$/.exec(path);
    if (script?.[1] !== undefined) {
      const js = await pageScript(script[1]);
      return js === null ? send(res, 404, 'text/plain', 'not found') : send(res, 200, 'text/javascript; charset=utf-8', js);
    }
    if (path === '/api/state') {
      const q = url.searchParams;
      const me = q.get('as') ?? deps.defaultPerson;
      if (!deps.api.people.has(me)) return sendJson(res, 400, { ok: false, error: `as: ${me} is not one of the demo people` });
      return sendJson(res, 200, deps.state({ me, channel: q.get('channel') || null, thread: q.get('thread') || null }));
    }
    if (path === '/api/events') return events(deps, req, res);
  }
  const api = /^\/api\/([a-z-]+)$/.exec(path);
  if (req.method === 'POST' && api?.[1] !== undefined) {
    // A JSON content type makes a cross-site request preflighted, and the playground never allows one.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return sendJson(res, 415, { ok: false, error: 'send JSON (content-type: application/json)' });
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      return sendJson(res, 400, { ok: false, error: 'the body must be JSON (at most 256 KB)' });
    }
    const result = await runApi(deps.api, api[1], body);
    return sendJson(res, result.status, result.body);
  }
  send(res, 404, 'text/plain; charset=utf-8', 'not found');
}

export interface RunningWebServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startWebServer(deps: WebServerDeps, port: number): Promise<RunningWebServer> {
  const server: Server = createServer((req, res) => {
    route(deps, req, res).catch((error: unknown) => {
      deps.onError(error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'the playground failed; see its terminal' });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('playground: not listening on TCP');
  return {
    url: `http://localhost:${address.port}/`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
