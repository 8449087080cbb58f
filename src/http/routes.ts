import type { CustomRoute } from '@slack/bolt';
import type { Registry } from 'prom-client';

/** `/healthz` answers 200 only once the bot is ready (migrated, authenticated, listening). */
export function httpRoutes(isReady: () => boolean, registry: Registry): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        const ready = isReady();
        res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: ready }));
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
