import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { connectDatabase, migrateToLatest } from '../../src/db/connection.js';
import { FakeSlack } from '../fake-slack/server.js';
import type { ChannelRecord } from '../fake-slack/types.js';
import { eventually } from '../support/eventually.js';
import { freshPostgresDatabase } from '../support/postgres.js';
import { botMessages, expectEachMessageOnce, ReplicaSet } from '../support/replicas.js';
import { BOT_TOKEN, buttonValue, CHANNELS, SIGNING_SECRET, USERS } from './harness.js';

/**
 * Two bot processes on one PostgreSQL behind one fake Slack (its latency and rate limits on), requests spread between
 * them. In each scenario one replica is SIGKILLed while it holds work; the survivor takes it over when the lease runs
 * out, and Slack ends with every message once.
 */
const LEASE_MS = 4_000;
/** The advisory lock kysely's Migrator takes on PostgreSQL (kysely/dist/esm/dialect/postgres/postgres-adapter.js). */
const MIGRATION_LOCK = BigInt('3853314791062309107');
const ALERTS = 'C0ALERTS';
const ONCALL = 'C0ONCALL';

let fake: FakeSlack | undefined;
let replicas: ReplicaSet | undefined;
afterEach(async () => {
  await replicas?.stop();
  await fake?.stop();
  replicas = undefined;
});

async function workspace(): Promise<FakeSlack> {
  const f = await FakeSlack.start({ botToken: BOT_TOKEN, botUserId: 'U0BOT' });
  f.addUser({ id: USERS.alice, name: 'alice' });
  f.addUser({ id: USERS.bob, name: 'bob' });
  f.addChannel({ id: CHANNELS.general, name: 'general', members: ['U0BOT', USERS.alice, USERS.bob] });
  f.addChannel({ id: CHANNELS.announce, name: 'incidents', members: ['U0BOT'] });
  f.addChannel({ id: ALERTS, name: 'alerts', members: ['U0BOT'] });
  f.addChannel({ id: ONCALL, name: 'oncall', members: ['U0BOT', USERS.alice, USERS.bob] });
  return f;
}

async function startReplicas(f: FakeSlack, config: string, options: { count?: number; leaseMs?: number } = {}): Promise<ReplicaSet> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-bot-replicas-'));
  writeFileSync(join(dir, 'incident-bot.yml'), `announceChannel: ${CHANNELS.announce}\nalertChannels: [${ALERTS}]\n${config}`);
  const url = await freshPostgresDatabase('replicas');
  const env = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${f.url}/api/`,
    DATABASE_URL: url,
    CONFIG_FILE: join(dir, 'incident-bot.yml'),
    REPLICA_LEASE: `${(options.leaseMs ?? LEASE_MS) / 1000}s`,
  };
  const set = new ReplicaSet(f, env, url, SIGNING_SECRET);
  // Both start at once against an empty database: one migrates, the other waits for it and starts cleanly.
  await set.start(options.count ?? 2);
  return set;
}

/** How long after `since` the outbox row `id` was finished, waiting for it. */
async function finishedWithin(set: ReplicaSet, id: number, since: number): Promise<number> {
  return eventually(
    async () => {
      const [row] = await set.query<{ state: string }>('select state from outbox where id = $1', [id]);
      if (row?.state !== 'done') throw new Error(`row ${id} is ${row?.state ?? 'gone'}`);
      return Date.now() - since;
    },
    LEASE_MS + 10_000,
  );
}

/**
 * With chat.postMessage held by Slack (`hang`), kills the replica that holds the outbox row matching `where` while its
 * post is in flight, lets Slack answer into the void, and checks that the survivor finishes the row within the lease
 * (plus a poll and the post's own time).
 */
async function killPosterMidCall(set: ReplicaSet, f: FakeSlack, where: string, findWithinMs = 10_000): Promise<void> {
  const held = await eventually(() => set.leaseHolder(where), findWithinMs);
  await eventually(() => expect(f.hungCalls('chat.postMessage')).toBeGreaterThan(0));
  await set.kill(held.pid);
  const killedAt = Date.now();
  f.unhang('chat.postMessage');
  expect(await finishedWithin(set, held.rowId, killedAt)).toBeLessThan(LEASE_MS + 2_500);
}

async function nothingLeftToDeliver(set: ReplicaSet): Promise<void> {
  await eventually(
    async () => {
      const [row] = await set.query<{ n: string }>("select count(*) as n from outbox where state in ('queued', 'running') and next_attempt_at <= $1", [new Date(Date.now() + 3_000).toISOString()]);
      expect(Number(row?.n)).toBe(0);
    },
    30_000,
  );
}

/**
 * Declares INC-1 through the replicas as Slack's client would (the command to one, the form it opened to the next) and
 * waits for its channel with the pinned card.
 */
async function declareThrough(set: ReplicaSet, f: FakeSlack, title: string, severity: string, impact: string): Promise<ChannelRecord> {
  await set.send((c) => c.command(`declare ${title}`, { user: USERS.alice, channel: CHANNELS.general }));
  const view = await eventually(() => f.lastView() ?? Promise.reject(new Error('no declare form yet')));
  await set.send((c) =>
    c.submitView({
      user: USERS.alice,
      view,
      values: {
        title: { value: { type: 'plain_text_input', value: title } },
        severity: { value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: severity.toUpperCase() }, value: severity } } },
        impact: { value: { type: 'plain_text_input', value: impact } },
        commander: { value: { type: 'users_select', selected_user: USERS.alice } },
      },
    }),
  );
  return eventually(() => {
    const found = f.channels().find((c) => c.name.startsWith('inc-1-'));
    if (!found || found.pins.length === 0) throw new Error('no card yet');
    return found;
  }, 15_000);
}

describe('two replicas on one PostgreSQL', () => {
  it('start a replica while another migrates: it waits for the migration, then starts cleanly and is ready', async () => {
    fake = await workspace();
    const url = await freshPostgresDatabase('migrating');
    const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${fake.url}/api/`, DATABASE_URL: url };
    const first = await connectDatabase({ kind: 'postgres', url });
    const set = (replicas = new ReplicaSet(fake, env, url, SIGNING_SECRET));
    try {
      await first.connection().execute(async (session) => {
        // The first replica is migrating: it holds the Migrator's advisory lock (re-entrant within its session).
        await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK)})`.execute(session);
        const second = set.start(1);
        await eventually(async () => {
          const [waiting] = await set.query<{ n: string }>("select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and wait_event = 'advisory'");
          expect(Number(waiting?.n)).toBe(1);
        }, 15_000);
        expect(await set.query("select 1 from information_schema.tables where table_name = 'incidents'")).toEqual([]);
        await migrateToLatest(session);
        await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK)})`.execute(session);
        await second;
      });
    } finally {
      await first.destroy();
    }
    const [port] = set.ports;
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await set.query<{ name: string }>('select name from kysely_migration')).map((r) => r.name)).toContain('012_replicas');
  }, 60_000);

  it('carry an incident from declare to postmortem while one is killed holding a post; each message appears once', async () => {
    fake = await workspace();
    const set = (replicas = await startReplicas(fake, ''));
    const f = fake;

    const channel = await declareThrough(set, f, 'Checkout is down', 'sev2', 'Nobody can pay');
    await eventually(() => expect(f.channel(CHANNELS.announce)?.messages).toHaveLength(1), 10_000);
    const command = (text: string) => set.send((c) => c.command(text, { user: USERS.alice, channel: channel.id }));

    // Slack takes the update's posts but never answers: the replica holding one is killed mid-call.
    f.hang('chat.postMessage');
    await command('update Rolled back the 14:02 deploy');
    // The survivor takes the row over once the lease runs out, finds the post Slack kept, and posts nothing twice.
    await killPosterMidCall(set, f, "kind in ('post_timeline_messages', 'post_update_to_announcement')");
    await set.replace();

    await command('note Error rate back under 1%');
    await command('severity sev1');
    await command('mitigated Deploy rolled back');
    await set.send((c) => c.command('resolve', { user: USERS.alice, channel: channel.id }));
    const resolveForm = await eventually(() => {
      const v = f.lastView();
      if (v?.callback_id !== 'incident.resolve') throw new Error('no resolve form yet');
      return v;
    });
    await set.send((c) =>
      c.submitView({
        user: USERS.alice,
        view: resolveForm,
        values: { summary: { value: { type: 'plain_text_input', value: 'Rolled back' } }, cause: { value: { type: 'plain_text_input', value: 'A bad deploy' } } },
      }),
    );
    await eventually(() => {
      const thread = f.replies(channel.id, channel.pins[0] ?? '');
      expect(thread.filter((m) => m.text.includes('Rolled back the 14:02 deploy'))).toHaveLength(1);
      expect(thread.filter((m) => m.text.includes('Error rate back under 1%'))).toHaveLength(1);
      expect(thread.some((m) => m.metadata?.event_type.includes('postmortem') || m.text.includes('Postmortem'))).toBe(true);
      const announcement = f.channel(CHANNELS.announce)?.messages[0];
      expect(f.replies(CHANNELS.announce, announcement?.ts ?? '').filter((m) => m.text.includes('Rolled back the 14:02 deploy'))).toHaveLength(1);
      expect(JSON.stringify(f.message(channel.id, channel.pins[0] ?? '')?.blocks)).toContain('Resolved');
    }, 30_000);
    await nothingLeftToDeliver(set);
    expect(f.channels().filter((c) => c.name.startsWith('inc-'))).toHaveLength(1);
    expect(f.channel(channel.id)?.pins).toHaveLength(1);
    expect(f.channel(CHANNELS.announce)?.messages).toHaveLength(1);
    expectEachMessageOnce(f);
  }, 120_000);

  it('never run one row twice when one replica\'s clock runs 60 s ahead: leases are on the database\'s clock', async () => {
    fake = await workspace();
    // A lease long enough that a loaded test machine never lets it run out while its holder is alive.
    const set = (replicas = await startReplicas(fake, '', { count: 1, leaseMs: 12_000 }));
    const f = fake;
    const channel = await declareThrough(set, f, 'Checkout is down', 'sev2', 'Nobody can pay');
    await eventually(() => expect(f.channel(CHANNELS.announce)?.messages).toHaveLength(1), 10_000);

    // A second replica starts on a host whose clock runs 60 s ahead.
    const [rightPid = -1] = set.pids;
    const aheadPid = await set.addWithClockAhead(60_000);

    // The replica with the right clock takes an update's two posts (thread and announcement) at once (its own commit
    // kicks its loop), and Slack sits on them.
    f.hang('chat.postMessage');
    await set.sendTo(rightPid, (c) => c.command('update Rolled back the 14:02 deploy', { user: USERS.alice, channel: channel.id }));
    const held = await eventually(() => set.leaseHolder("kind in ('post_timeline_messages', 'post_update_to_announcement')"), 10_000);
    expect(held.pid).toBe(rightPid);
    await eventually(() => expect(f.hungCalls('chat.postMessage')).toBe(2), 5_000);

    // On the other's clock their leases (12 s) ran out long ago; on the database's they have not. It changes the
    // severity, so its delivery loop claims while the posts are held.
    await set.sendTo(aheadPid, (c) => c.command('severity sev1', { user: USERS.alice, channel: channel.id }));
    await eventually(() => expect(JSON.stringify(f.message(channel.id, channel.pins[0] ?? '')?.blocks)).toContain('SEV1'), 5_000);
    // Still the first replica's, both of them, and nobody called Slack for them again.
    const running = await set.query<{ id: number; lease_owner: string }>("select id, lease_owner from outbox where state = 'running' and kind like 'post_%' order by id");
    expect(running.map((r) => r.id)).toContain(held.rowId);
    expect(running.map((r) => r.lease_owner.split(':')[1])).toEqual(running.map(() => String(rightPid)));
    expect(f.hungCalls('chat.postMessage')).toBe(2);

    f.unhang('chat.postMessage');
    await eventually(async () => {
      const [done] = await set.query<{ state: string }>('select state from outbox where id = $1', [held.rowId]);
      expect(done?.state).toBe('done');
    }, 10_000);
    await eventually(async () => {
      const [left] = await set.query<{ n: string }>("select count(*) as n from outbox where state in ('queued', 'running')");
      expect(Number(left?.n)).toBe(0);
    }, 90_000);
    expect(f.replies(channel.id, channel.pins[0] ?? '').filter((m) => m.text.includes('Rolled back the 14:02 deploy'))).toHaveLength(1);
    expectEachMessageOnce(f);
  }, 150_000);

  it('stop on SIGTERM after finishing the Slack call in flight, handing back what they hold', async () => {
    fake = await workspace();
    const set = (replicas = await startReplicas(fake, ''));
    const f = fake;
    await set.send((c) => c.command('declare Queue backlog', { user: USERS.alice, channel: CHANNELS.general }));
    const view = await eventually(() => f.lastView() ?? Promise.reject(new Error('no declare form yet')));
    f.hang('conversations.create');
    await set.send((c) => c.submitView({ user: USERS.alice, view, values: { title: { value: { type: 'plain_text_input', value: 'Queue backlog' } } } }));
    const held = await eventually(() => set.leaseHolder("kind = 'sync_channel'"), 10_000);
    await eventually(() => expect(f.hungCalls('conversations.create')).toBe(1));
    const port = set.ports[set.pids.indexOf(held.pid)];
    const exited = set.terminate(held.pid);
    // It has begun stopping (no longer ready) while its call still hangs; only then does Slack answer.
    await eventually(async () => {
      const readiness = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 'closed');
      expect(readiness).not.toBe(200);
    });
    f.unhang('conversations.create');
    expect(await exited).toBe(0);
    // It finished the call it had started (one channel), and holds nothing: no lease is left to run out.
    const leftovers = await set.query("select id::text from outbox where state = 'running' and lease_owner like $1 union all select key from scheduled_jobs where lease_owner like $1", [`%:${held.pid}:%`]);
    expect(leftovers).toEqual([]);
    await nothingLeftToDeliver(set);
    expect(f.channels().filter((c) => c.name.startsWith('inc-1-'))).toHaveLength(1);
    expectEachMessageOnce(f);
  }, 60_000);

  it('count every alert of a 1,000-alert storm acknowledged with 200 while one replica is killed mid-storm', async () => {
    fake = await workspace();
    const set = (replicas = await startReplicas(fake, 'triage:\n  replyEvery: 1s\n'));
    const f = fake;
    const PROBLEMS = 10;
    const TOTAL = 1_000;
    const acknowledged = new Set<number>();
    const alert = async (i: number): Promise<void> => {
      const name = `HighLatency${i % PROBLEMS}`;
      const title = `[FIRING:1] ${name} checkout`;
      const attachments = [{ color: 'danger', title, text: `*Alert:* latency - \`critical\`\n*Details:*\n  • *alertname:* \`${name}\`\n  • *service:* \`checkout\``, fallback: title }];
      const ts = f.postMessage(ALERTS, { botId: 'B0AM', text: '', attachments });
      const event = { type: 'message', subtype: 'bot_message', channel: ALERTS, bot_id: 'B0AM', username: 'alertmanager', text: '', attachments, ts, event_ts: ts };
      const response = await set.send((c) => c.event(event, { eventId: `Ev0STORM${i}` }));
      if (response.status === 200) acknowledged.add(i);
    };
    const storm = async (from: number, to: number) => {
      // Eight deliveries in flight at a time, as Slack sends a busy channel's events.
      let next = from;
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (next < to) await alert(next++);
      }));
    };
    const sending = storm(0, TOTAL);
    // Mid-storm: the replica holding a batch of stored events (or a Slack write) dies. What it acknowledged is in the
    // inbox; a delivery it never answered is sent again to the survivor, as Slack retries (same event id).
    await eventually(() => expect(acknowledged.size).toBeGreaterThan(TOTAL / 3), 30_000);
    const held = await eventually(() => set.leaseHolder('true', 'inbox'), 2_000)
      .catch(() => eventually(() => set.leaseHolder(), 2_000))
      .catch(() => ({ pid: set.pids[0] ?? -1 }));
    await set.kill(held.pid);
    await sending;

    expect(acknowledged.size).toBe(TOTAL);
    const groups = await eventually(async () => {
      const rows = await set.query<{ id: number; alert_count: number; thread_ts: string }>('select id, alert_count, thread_ts from alert_groups order by id');
      expect(rows.reduce((sum, g) => sum + g.alert_count, 0)).toBe(TOTAL);
      return rows;
    }, 30_000);
    expect(groups).toHaveLength(PROBLEMS);
    const [stored] = await set.query<{ n: string }>('select count(*) as n from alerts where group_id is not null');
    expect(Number(stored?.n)).toBe(TOTAL);
    // One triage reply per problem, in its first alert's thread, ending with the true count.
    await eventually(() => {
      for (const group of groups) {
        const replies = f.replies(ALERTS, group.thread_ts).filter((m) => m.user === f.botUserId || m.bot_id === f.botId);
        expect(replies).toHaveLength(1);
        expect(JSON.stringify(replies[0]?.blocks)).toContain(`${TOTAL / PROBLEMS} alert messages`);
      }
    }, 40_000);
    expectEachMessageOnce(f);
  }, 180_000);

  it('post a due mitigation prompt and a shift handoff once each while the replica posting them is killed', async () => {
    fake = await workspace();
    const handoffAt = new Date(Math.ceil((Date.now() + 40_000) / 1000) * 1000);
    const start = new Date(Date.now() - 60_000).toISOString().slice(0, 16);
    const set = (replicas = await startReplicas(
      fake,
      [
        'severities:',
        '  - { id: sev1, label: SEV1, description: Critical, mitigationCheck: 6s }',
        'oncall:',
        '  rotations:',
        `    - { name: platform, channel: ${ONCALL}, timezone: UTC, members: [${USERS.alice}, ${USERS.bob}], start: "${start}",`,
        `        handoffCron: "${handoffAt.getUTCSeconds()} ${handoffAt.getUTCMinutes()} ${handoffAt.getUTCHours()} * * *", remindBefore: 10s, ackTimeout: 10m }`,
        '',
      ].join('\n'),
    ));
    const f = fake;

    const channel = await declareThrough(set, f, 'Search is slow', 'sev1', 'Results take 10 s');

    // The mitigation check falls due 6 s after the declaration; its post hangs, and the replica posting it dies.
    f.hang('chat.postMessage');
    await killPosterMidCall(set, f, "kind = 'post_prompt'", 15_000);
    await set.replace();
    // Answering stops the checks. Each check asked so far was posted once (its prompt id in the message metadata).
    const promptPosts = () => botMessages(f).filter((m) => m.channel === channel.id && m.metadata?.event_payload.prompt_id !== undefined);
    const answer = 'prompt.answer:mitigated';
    // A new check may close the one just pressed ("no longer open"): press the newest until the answer lands.
    await eventually(async () => {
      const latest = promptPosts().at(-1);
      if (!latest) throw new Error('no mitigation check posted yet');
      await set.send((c) => c.clickButton({ user: USERS.alice, channel: channel.id, messageTs: latest.ts, actionId: answer, value: buttonValue(latest.blocks, answer) }));
      await eventually(async () => {
        const [incident] = await set.query<{ status: string }>('select status from incidents where number = 1');
        expect(incident?.status).toBe('mitigated');
      }, 1_500);
    }, 20_000);
    await nothingLeftToDeliver(set);
    const [asked] = await set.query<{ n: string }>("select count(*) as n from prompts where kind = 'mitigation_check'");
    expect(Number(asked?.n)).toBeGreaterThan(0);
    expect(promptPosts()).toHaveLength(Number(asked?.n));

    // The shift handoff: the reminder DM 10 s before, then the post in #oncall; the replica posting it dies.
    await eventually(() => expect(f.dmsTo(USERS.alice).filter((m) => m.text.includes('on-call shift ends'))).toHaveLength(1), 30_000);
    f.hang('chat.postMessage');
    await killPosterMidCall(set, f, "kind = 'post_handoff_message' and payload like '%\"post\"%'", 20_000);
    await eventually(() => expect(f.channel(ONCALL)?.messages.filter((m) => m.text.includes('on-call handoff'))).toHaveLength(1), 10_000);
    const [handoffs] = await set.query<{ n: string }>("select count(*) as n from handoffs where posted_at is not null");
    expect(Number(handoffs?.n)).toBe(1);
    await nothingLeftToDeliver(set);
    expect(f.dmsTo(USERS.alice).filter((m) => m.text.includes('on-call shift ends'))).toHaveLength(1);
    expectEachMessageOnce(f);
    expect(botMessages(f).length).toBeGreaterThan(0);
  }, 150_000);
});
