import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { expect } from 'vitest';
import type { FakeSlack } from '../fake-slack/server.js';
import { SignedSlackClient } from '../fake-slack/slack-client.js';
import type { MessageRecord } from '../fake-slack/types.js';
import { killHard, spawnBot, type BotProcess } from './bot-process.js';

const CLOCK_AHEAD = fileURLToPath(new URL('./clock-ahead.mjs', import.meta.url));

/**
 * Bot processes (`src/main.ts`, each its own process) sharing one PostgreSQL database behind one fake Slack. Requests
 * go to the replicas in turn, as a load balancer spreads them; one sent to a replica that is gone is sent to another,
 * as Slack retries an event and a person runs a command again.
 */
export class ReplicaSet {
  private readonly live: Array<{ bot: BotProcess; client: SignedSlackClient }> = [];
  private turn = 0;

  constructor(
    private readonly fake: FakeSlack,
    private readonly env: Record<string, string>,
    readonly databaseUrl: string,
    private readonly signingSecret: string,
  ) {}

  /** Starts `n` replicas at once (they migrate under the Migrator's lock: the later ones wait, then find nothing to do). */
  async start(n: number): Promise<void> {
    const bots = await Promise.all(Array.from({ length: n }, () => spawnBot(this.env)));
    for (const bot of bots) this.add(bot);
  }

  private add(bot: BotProcess): void {
    this.live.push({ bot, client: new SignedSlackClient({ appUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: this.signingSecret, fake: this.fake }) });
  }

  get ports(): number[] {
    return this.live.map((r) => r.bot.port);
  }

  get pids(): number[] {
    return this.live.map((r) => r.bot.child.pid ?? -1);
  }

  /** Sends one request through the next replica in turn, or another if that one is gone. */
  async send<T>(request: (client: SignedSlackClient) => Promise<T>): Promise<T> {
    let lastError: unknown;
    // The replica may die while the request is in flight: the retry goes to whichever replicas are left then.
    for (let tries = 0; tries < 3; tries += 1) {
      const replica = this.live[this.turn++ % this.live.length];
      if (!replica) break;
      try {
        return await request(replica.client);
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError instanceof Error ? lastError : new Error('no replica answered');
  }

  /** Sends one request to the replica with this pid. */
  sendTo<T>(pid: number, request: (client: SignedSlackClient) => Promise<T>): Promise<T> {
    const replica = this.live.find((r) => r.bot.child.pid === pid);
    if (!replica) throw new Error(`no replica with pid ${pid}`);
    return request(replica.client);
  }

  /** SIGKILLs the replica with this pid (nothing it held is handed back) and stops sending to it. */
  async kill(pid: number): Promise<void> {
    const index = this.live.findIndex((r) => r.bot.child.pid === pid);
    const [victim] = this.live.splice(index, 1);
    if (!victim) throw new Error(`no replica with pid ${pid}`);
    await killHard(victim.bot);
  }

  /** Stops the replica with this pid the way an orchestrator does (SIGTERM); resolves with its exit code. */
  async terminate(pid: number): Promise<number | null> {
    const index = this.live.findIndex((r) => r.bot.child.pid === pid);
    const [replica] = this.live.splice(index, 1);
    if (!replica) throw new Error(`no replica with pid ${pid}`);
    const exited = new Promise<number | null>((resolve) => replica.bot.child.once('exit', resolve));
    replica.bot.child.kill('SIGTERM');
    return exited;
  }

  /** A replacement replica, started against the database the others use (a rolling restart does the same). */
  async replace(): Promise<void> {
    this.add(await spawnBot(this.env));
  }

  /** One more replica, on a host whose clock runs `aheadMs` ahead of the others'; resolves with its pid. */
  async addWithClockAhead(aheadMs: number): Promise<number> {
    const bot = await spawnBot({ ...this.env, NODE_OPTIONS: `--import ${CLOCK_AHEAD}`, CLOCK_AHEAD_MS: String(aheadMs) });
    this.add(bot);
    return bot.child.pid ?? -1;
  }

  async stop(): Promise<void> {
    await Promise.all(this.live.splice(0).map((r) => killHard(r.bot)));
  }

  /** One query on the shared database, as an operator would run it. */
  async query<R extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<R[]> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  /** The pid of a replica holding a lease on a running row (its owner name is `host:pid:…`), once one does. */
  async leaseHolder(where = 'true', table: 'outbox' | 'inbox' = 'outbox'): Promise<{ pid: number; rowId: number }> {
    const [row] = await this.query<{ id: number; lease_owner: string }>(`select id, lease_owner from ${table} where state = 'running' and ${where} order by id limit 1`);
    const pid = Number(row?.lease_owner.split(':')[1]);
    if (!row || !this.pids.includes(pid)) throw new Error(`no live replica holds an ${table} lease yet`);
    return { pid, rowId: row.id };
  }
}

/** Every message the bot posted, top level and in threads, in every channel and DM. */
export function botMessages(fake: FakeSlack): Array<MessageRecord & { channel: string }> {
  return fake.channels().flatMap((c) =>
    fake
      .messages(c.id, { includeReplies: true })
      .filter((m) => m.user === fake.botUserId || m.bot_id === fake.botId)
      .map((m) => ({ ...m, channel: c.id })),
  );
}

/**
 * Each message the bot meant to post is in Slack once: those tagged with a send key (metadata) have distinct keys, the
 * others distinct text within their channel and thread.
 */
export function expectEachMessageOnce(fake: FakeSlack): void {
  const keys = botMessages(fake).map((m) =>
    m.metadata ? `${m.metadata.event_type} ${JSON.stringify(m.metadata.event_payload)}` : `${m.channel} ${m.thread_ts ?? '-'} ${m.text}`,
  );
  const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
  expect(repeated).toEqual([]);
}
