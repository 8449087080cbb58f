import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stormAlertEvent } from '../../bench/storm-event.js';
import { en } from '../../src/i18n/en.js';
import { FakeSlack } from '../fake-slack/server.js';
import { eventually } from '../support/eventually.js';
import { declareVia } from '../support/bot-process.js';
import { expectEachMessageOnce, ReplicaSet } from '../support/replicas.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.js';
import { BOT_TOKEN, CHANNELS, SIGNING_SECRET, USERS } from './harness.js';

/**
 * Two bot processes on one PostgreSQL server of their own, which this test stops (`pg_ctl stop -m fast`, as a restart,
 * a minor-version upgrade or a failover does) for 10 s and starts again, three times, while alerts and commands keep
 * coming. Slack's side is played as Slack plays it: an event not answered 200 is delivered again (same event id), and
 * a person told that a command was not saved runs it again.
 */
const OUTAGE_MS = 10_000;
const OUTAGES = 3;
const UP_BETWEEN_MS = 3_000;
const ALERTS = 'C0ALERTS';
const GROUPS = 4;

let server: ThrowawayPostgres | undefined;
let fake: FakeSlack | undefined;
let replicas: ReplicaSet | undefined;
afterEach(async () => {
  await Promise.all(streams.splice(0).map((s) => s.abort()));
  await replicas?.stop();
  await fake?.stop();
  server?.stop();
  replicas = undefined;
  fake = undefined;
  server = undefined;
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Something the test keeps sending in the background until told to stop. A failure inside it is kept and thrown by
 * `stop`; `abort` (after a failed test) ends it without waiting for what is pending.
 */
abstract class Stream {
  protected issuing = true;
  protected live = true;
  private done: Promise<unknown> = Promise.resolve();
  private failure: unknown = null;

  protected begin(senders: Array<Promise<void>>): void {
    this.done = Promise.all(senders).catch((error: unknown) => {
      this.failure = error;
      this.live = false;
    });
    streams.push(this);
  }

  /** Starts nothing new; resolves once everything started has gone through. */
  async stop(): Promise<void> {
    this.issuing = false;
    await this.done;
    if (this.failure !== null) throw this.failure;
  }

  async abort(): Promise<void> {
    this.issuing = false;
    this.live = false;
    await this.done;
  }
}

const streams: Stream[] = [];

/** Alerts posted in #alerts, each sent until a replica answers 200: `acknowledged` holds what the bot promised to keep. */
class AlertStream extends Stream {
  readonly acknowledged = new Map<number, number>();
  refusals = 0;
  private next = 0;

  constructor(
    private readonly set: ReplicaSet,
    private readonly f: FakeSlack,
    concurrency: number,
  ) {
    super();
    this.begin(Array.from({ length: concurrency }, () => this.send()));
  }

  private async send(): Promise<void> {
    while (this.issuing) {
      const i = this.next++;
      const event = stormAlertEvent(this.f, ALERTS, i, GROUPS);
      for (let retry = 0; this.live; retry += 1) {
        const status = await this.set
          .send((c) => c.event(event, { eventId: `EvOutage${i}`, ...(retry > 0 ? { retryNum: retry, retryReason: 'http_error' } : {}) }))
          .then((r) => r.status, () => 0);
        if (status === 200) {
          this.acknowledged.set(i, Date.now());
          break;
        }
        this.refusals += 1;
        // Slack delivers again after a while (compressed here from its minute-scale schedule).
        await pause(300);
      }
      await pause(150);
    }
  }
}

/** `/incident note …` in the incident channel, one at a time; a note the bot says it did not save is run again. */
class NoteStream extends Stream {
  readonly confirmed: string[] = [];
  notSaved = 0;

  constructor(
    private readonly set: ReplicaSet,
    private readonly f: FakeSlack,
    private readonly channelId: string,
  ) {
    super();
    this.begin([this.send()]);
  }

  private async send(): Promise<void> {
    for (let k = 1; this.issuing; k += 1) {
      const text = `Drill note ${k}`;
      while (this.live) {
        const reply = await this.run(text);
        if (reply.startsWith('✅')) {
          this.confirmed.push(text);
          break;
        }
        expect([en.errors.storeUnavailable, en.errors.internal]).toContain(reply);
        this.notSaved += 1;
        await pause(500);
      }
      await pause(1_500);
    }
  }

  /** What the person is told (the command is acknowledged at once; the answer comes by its response URL). */
  private async run(text: string): Promise<string> {
    const sent = await this.set.send((c) => c.command(`note ${text}`, { user: USERS.alice, channel: this.channelId }));
    expect(sent.status).toBe(200);
    const id = sent.responseUrl.split('/').at(-1);
    return eventually(() => {
      const answer = this.f.responses.find((r) => r.id === id)?.text;
      if (answer === undefined) throw new Error(`no answer yet to "${text}"`);
      return answer;
    }, 15_000);
  }
}

async function status(port: number | undefined, path: string): Promise<number> {
  return fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.status, () => 0);
}

async function metric(port: number | undefined, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

const linesWith = (output: string, message: string): number => output.split('\n').filter((l) => l.includes(message)).length;

describe('two replicas while their PostgreSQL server restarts', () => {
  it('stay up through three 10 s outages: every acknowledged alert counted once, every note once, ready again within seconds', async () => {
    server = await startThrowawayPostgres();
    const f = (fake = await FakeSlack.start({ botToken: BOT_TOKEN, botUserId: 'U0BOT' }));
    f.addUser({ id: USERS.alice, name: 'alice' });
    f.addChannel({ id: CHANNELS.general, name: 'general', members: ['U0BOT', USERS.alice] });
    f.addChannel({ id: CHANNELS.announce, name: 'incidents', members: ['U0BOT'] });
    f.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT'] });
    const dir = mkdtempSync(join(tmpdir(), 'incident-bot-outage-'));
    writeFileSync(join(dir, 'incident-bot.yml'), `announceChannel: ${CHANNELS.announce}\nalertChannels: [${ALERTS}]\n`);
    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${f.url}/api/`, DATABASE_URL: server.url, CONFIG_FILE: join(dir, 'incident-bot.yml'), REPLICA_LEASE: '5s' };
    const set = (replicas = new ReplicaSet(f, env, server.url, SIGNING_SECRET));
    await set.start(2);
    const channel = await declareVia((request) => set.send(request), f, { user: USERS.alice, channel: CHANNELS.general, severity: 'sev2' });

    const alerts = new AlertStream(set, f, 2);
    const notes = new NoteStream(set, f, channel.id);
    await eventually(() => expect(notes.confirmed.length).toBeGreaterThan(0), 10_000);

    for (let outage = 1; outage <= OUTAGES; outage += 1) {
      const stoppedAt = Date.now();
      await server.halt();
      // Within a couple of seconds every replica says it is not ready; each stays alive, and says why in its metrics.
      await eventually(async () => {
        for (const port of set.ports) expect(await status(port, '/readyz')).toBe(503);
      }, 3_000);
      for (const port of set.ports) {
        expect(await status(port, '/healthz')).toBe(200);
        expect(await metric(port, 'incident_bot_database_up')).toBe(0);
      }
      await pause(stoppedAt + OUTAGE_MS - Date.now());
      const acknowledgedBefore = alerts.acknowledged.size;
      await server.resume();
      const upAt = Date.now();
      // Ready again, and working again: the alerts acknowledged since the server came back are read and grouped.
      await eventually(async () => {
        for (const port of set.ports) expect(await status(port, '/readyz')).toBe(200);
      }, 5_000);
      const acknowledgedSince = await eventually(() => {
        expect([...alerts.acknowledged.values()].some((at) => at >= upAt)).toBe(true);
        return alerts.acknowledged.size;
      }, 5_000);
      expect(acknowledgedSince).toBeGreaterThan(acknowledgedBefore);
      await eventually(async () => {
        const [grouped] = await set.query<{ n: string }>('select count(*) as n from alerts where group_id is not null');
        expect(Number(grouped?.n)).toBeGreaterThanOrEqual(acknowledgedSince);
      }, 10_000);
      // Up for a few seconds before the next stop, as between two real restarts (back and away again within two
      // probes looks like a flapping database, which the bot probes less often).
      if (outage < OUTAGES) await pause(upAt + UP_BETWEEN_MS - Date.now());
    }

    await notes.stop();
    await alerts.stop();
    expect(alerts.refusals).toBeGreaterThan(0);
    expect(notes.notSaved).toBeGreaterThan(0);

    // Every alert acknowledged with 200 is stored and counted once in its group.
    const total = alerts.acknowledged.size;
    await eventually(async () => {
      const groups = await set.query<{ alert_count: number }>('select alert_count from alert_groups');
      expect(groups.reduce((sum, g) => sum + g.alert_count, 0)).toBe(total);
    }, 20_000);
    const [stored] = await set.query<{ n: string }>('select count(*) as n from alerts');
    expect(Number(stored?.n)).toBe(total);
    // Every note the person was told was saved is on the timeline once and in the incident's thread once.
    const timeline = await set.query<{ text: string }>("select text from timeline_events where kind = 'note'");
    expect(timeline.map((e) => e.text).sort()).toEqual([...notes.confirmed].sort());
    await eventually(() => {
      const thread = f.replies(channel.id, channel.pins[0] ?? '');
      for (const text of notes.confirmed) expect(thread.filter((m) => m.text.includes(text))).toHaveLength(1);
    }, 60_000);
    expectEachMessageOnce(f);

    // Both replicas lived through it, and each said so once per change: away, back.
    expect(set.running).toEqual([true, true]);
    await eventually(() => {
      for (const output of set.outputs) expect(linesWith(output, 'database answers again')).toBe(OUTAGES);
    });
    for (const [i, output] of set.outputs.entries()) {
      expect(output).not.toContain("Unhandled 'error' event");
      expect(output).not.toMatch(/uncaught|unhandled promise rejection/i);
      expect(linesWith(output, 'database unavailable')).toBe(OUTAGES);
      expect(await metric(set.ports[i], 'incident_bot_database_outages_total')).toBe(OUTAGES);
    }
  }, 180_000);
});
