/**
 * A real Prometheus Alertmanager (Debian's `prometheus-alertmanager`, 0.25) on loopback for the end-to-end tests:
 * started with a given configuration, alone or as one member of an HA cluster, fed alerts through its API v2 the way
 * Prometheus does, restarted on its own data, stopped at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './eventually.js';

export const ALERTMANAGER_BIN = process.env.ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';

/** A free TCP port on loopback (closed again before Alertmanager takes it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** An alert as Prometheus posts it to `POST /api/v2/alerts`. */
export interface PostableAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly startsAt: string;
  /** In the future while it fires (Prometheus renews it); in the past resolves it. */
  readonly endsAt: string;
  readonly generatorURL?: string;
}

export interface ClusterOptions {
  readonly port: number;
  readonly peers: readonly number[];
}

export class Alertmanager {
  private child: ChildProcess | null = null;
  private output = '';
  readonly url: string;

  private constructor(
    private readonly args: readonly string[],
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Writes `config` (YAML) and starts Alertmanager on it, with a data folder of its own that outlives a restart. */
  static async start(config: string, cluster: ClusterOptions | null = null): Promise<Alertmanager> {
    const dir = mkdtempSync(join(tmpdir(), 'incident-bot-alertmanager-'));
    writeFileSync(join(dir, 'alertmanager.yml'), config);
    const port = await freePort();
    const clusterArgs = cluster
      ? [
          `--cluster.listen-address=127.0.0.1:${cluster.port}`,
          `--cluster.advertise-address=127.0.0.1:${cluster.port}`,
          ...cluster.peers.map((peer) => `--cluster.peer=127.0.0.1:${peer}`),
          // Settling waits up to a minute by default before the first notification.
          '--cluster.settle-timeout=2s',
          // Each member waits its position × this before sending, unless gossip says another member did: shorter
          // than gossip takes, so both members of the pair send (as happens when gossip lags).
          '--cluster.peer-timeout=10ms',
        ]
      : ['--cluster.listen-address='];
    const args = [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, ...clusterArgs];
    const alertmanager = new Alertmanager(args, port);
    await alertmanager.run();
    return alertmanager;
  }

  private async run(): Promise<void> {
    this.output = '';
    const child = spawn(ALERTMANAGER_BIN, this.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`alertmanager exited (${child.exitCode}):\n${this.output}`);
      const ready = await fetch(`${this.url}/-/ready`).catch(() => null);
      if (ready?.status !== 200) throw new Error(`alertmanager not ready:\n${this.output.slice(-2_000)}`);
    }, 15_000);
  }

  /** What Prometheus does on every evaluation: (re)sends the alerts it holds. */
  async post(alerts: readonly PostableAlert[]): Promise<void> {
    const res = await fetch(`${this.url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) });
    if (res.status !== 200) throw new Error(`alertmanager refused the alerts: ${res.status} ${await res.text()}`);
  }

  /** Notifications it has sent through an integration (`webhook`, `slack`), from its own metrics. */
  async sent(integration: string): Promise<number> {
    const text = await (await fetch(`${this.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('alertmanager_notifications_total{') && l.includes(`integration="${integration}"`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  /** A graceful stop (it snapshots its notification log and silences), then a start on the same data. */
  async restart(): Promise<void> {
    await this.stop();
    await this.run();
  }

  /** SIGTERM, then SIGKILL if it has not left within `graceMs` (leaving a cluster whose peer is gone takes 10 s). */
  async stop(graceMs = 5_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }

  /** Its log so far (for a failing test's message). */
  get log(): string {
    return this.output;
  }
}
