import type { RequestListener } from 'node:http';
import type { HttpRoute } from './routes.js';

/** Whether a route's path (`/alerts/:kind/:name`: a `:name` segment matches any one non-empty segment) matches. */
function pathMatches(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((segment, i) => (segment.startsWith(':') ? (got[i] ?? '') !== '' : segment === got[i]));
}

/**
 * Serves the bot's own routes (health, readiness, metrics, alert webhooks) where no Bolt HTTP receiver does: in Socket
 * Mode, Slack's requests come over the WebSocket and `PORT` serves only these. Anything else is 404.
 */
export function routeListener(routes: readonly HttpRoute[]): RequestListener {
  return (req, res) => {
    let path: string;
    try {
      path = new URL(req.url ?? '', 'http://localhost').pathname;
    } catch {
      path = '';
    }
    const method = req.method?.toUpperCase() ?? '';
    const route = routes.find((r) => pathMatches(r.path, path) && r.method.some((m) => m.toUpperCase() === method));
    if (route) return route.handler(req, res);
    res.writeHead(404, { 'content-length': '0' });
    res.end();
  };
}
