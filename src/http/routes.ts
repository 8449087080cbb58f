import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

/** Same shape as Bolt's custom routes, so the receiver can serve them next to /slack/events. */
export interface HttpRoute {
  readonly path: string;
  readonly method: string[];
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface Readiness {
  /** Migrated, started and not stopping, and the database answers now. */
  ready(): Promise<boolean>;
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/**
 * `/healthz` is liveness: 200 whenever the process answers at all (restarting it would not help a database outage).
 * `/readyz` is readiness: 200 only when the database answers and migrations are done, 503 otherwise (and while
 * stopping), so a load balancer sends Slack's requests to replicas that can take them.
 */
export function httpRoutes(readiness: Readiness, registry: Registry): HttpRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => json(res, 200, { ok: true }),
    },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        readiness.ready().then(
          (ready) => json(res, ready ? 200 : 503, { ready }),
          () => json(res, 503, { ready: false }),
        );
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => {
        registry.metrics().then(
          (text) => {
            res.writeHead(200, { 'content-type': registry.contentType });
            res.end(text);
          },
          () => {
            res.writeHead(500);
            res.end();
          },
        );
      },
    },
  ];
}
