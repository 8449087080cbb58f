import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './eventually.js';
import { freePort } from './free-port.js';
import { PROMETHEUS } from './promtool.js';

export interface PrometheusServer {
  readonly url: string;
  /** GET on Prometheus' HTTP API, e.g. `/api/v1/alerts`; the `data` of its answer. */
  api<T = unknown>(path: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Debian's Prometheus on loopback, with its own temporary data directory: `config` is prometheus.yml, `files` are
 * written beside it (rule files it names). `port`: one chosen before (the bot is told where Prometheus will answer).
 */
export async function startPrometheus(config: string, files: Record<string, string> = {}, options: { port?: number } = {}): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-bot-prometheus-'));
  writeFileSync(join(dir, 'prometheus.yml'), config);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    PROMETHEUS,
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${output}`);
      const ready = await fetch(`${url}/-/ready`);
      if (ready.status !== 200) throw new Error(`prometheus not ready: ${ready.status}`);
    }, 15_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    async api<T>(path: string): Promise<T> {
      const response = await fetch(`${url}${path}`);
      const body = (await response.json()) as { status: string; data: T; error?: string };
      if (body.status !== 'success') throw new Error(`prometheus ${path}: ${body.error ?? body.status}`);
      return body.data;
    },
    stop,
  };
}
