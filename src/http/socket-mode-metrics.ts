import { Counter, Gauge, type Registry } from 'prom-client';

export interface SocketModeMetrics {
  connected(open: boolean): void;
  ended(because: string): void;
}

/** Socket Mode's connection on `/metrics`: whether one is open, and why connections ended (each is followed by a reconnect). */
export function registerSocketModeMetrics(registry: Registry): SocketModeMetrics {
  const registers = [registry];
  const open = new Gauge({ name: 'incident_bot_socket_mode_connected', help: "Whether this replica's Socket Mode connection to Slack is open (1) or not (0)", registers });
  const ended = new Counter({
    name: 'incident_bot_socket_mode_disconnects_total',
    help: 'Socket Mode connections that ended, by why: refresh_requested or warning (Slack recycles connections), link_disabled (Socket Mode turned off in the app settings), missed_pings, socket_closed, other',
    labelNames: ['reason'],
    registers,
  });
  open.set(0);
  return {
    connected: (isOpen) => open.set(isOpen ? 1 : 0),
    ended: (because) => ended.inc({ reason: because }),
  };
}
