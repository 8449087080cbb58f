/** apps.connections.open: Socket Mode's WebSocket link, for the app-level token. */
import { randomUUID } from 'node:crypto';
import { ok } from './args.js';
import type { Args, ApiResult } from './types.js';
import type { Workspace } from './workspace.js';

/**
 * "Generate a temporary Socket Mode WebSocket URL that your app can connect to": `{ ok, url }`, the URL carrying a
 * ticket that opens one connection (docs.slack.dev/apis/events-api/using-socket-mode). The token was checked before.
 */
function appsConnectionsOpen(ws: Workspace): ApiResult {
  const ticket = randomUUID();
  ws.socketTickets.set(ticket, ws.now());
  return ok({ url: `${ws.socketBase}/link/?ticket=${ticket}&app_id=A0FAKEAPP` });
}

export const appMethods = {
  'apps.connections.open': appsConnectionsOpen,
} satisfies Record<string, (ws: Workspace, args: Args) => ApiResult>;
