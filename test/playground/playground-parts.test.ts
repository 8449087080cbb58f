/** The playground's own decisions, without a browser: what a person types, its flags, the storm, the clock stops. */
import { describe, expect, it } from 'vitest';
import { rotationsOf } from '../../src/config.js';
import type { Handoff } from '../../src/domain/oncall/handoff.js';
import { readAlertMessage } from '../../src/inbound/slack/alert-message.js';
import { decideTriage } from '../../src/domain/triage/rules.js';
import { commandText, messageText } from '../../playground/composer-text.js';
import { demoConfig } from '../../playground/demo-workspace.js';
import { OffsetClock } from '../../playground/offset-clock.js';
import { parseCliOptions } from '../../playground/options.js';
import { resolvePlan, stormPlan } from '../../playground/scenarios/alert-storm.js';
import { fastForward, rotationStops, type ClockStop } from '../../playground/scenarios/fast-forward.js';

const directory = {
  users: [
    { id: 'U0BOB', name: 'bob' },
    { id: 'U0BOBBY', name: 'bobby' },
  ],
  channels: [{ id: 'C0ALERTS', name: 'alerts' }],
};

describe('what a person types reaches the bot as Slack sends it', () => {
  it('messages: & < > escaped, @name and #channel become mentions (the longest name wins)', () => {
    expect(messageText('@bob & @bobby: <b> in #alerts, mail bob@example.com', directory)).toBe('<@U0BOB> &amp; <@U0BOBBY>: &lt;b&gt; in <#C0ALERTS>, mail bob@example.com');
  });

  it('slash commands: mentions carry the name, as with "escape channels, users and links" on', () => {
    expect(commandText('lead @bob', directory)).toBe('lead <@U0BOB|bob>');
    expect(commandText('note see #alerts <now>', directory)).toBe('note see <#C0ALERTS|alerts> &lt;now&gt;');
  });
});

describe('npm run playground flags', () => {
  it('defaults, and each bad flag named in one line', () => {
    expect(parseCliOptions([])).toEqual({ ok: true, value: { port: 4000, databasePath: null, locale: 'en', logLevel: 'warn', help: false } });
    expect(parseCliOptions(['--port', '0', '--locale', 'ko'])).toMatchObject({ ok: true, value: { port: 0, locale: 'ko' } });
    expect(parseCliOptions(['--port', 'x'])).toEqual({ ok: false, error: '--port: must be a number' });
    expect(parseCliOptions(['--port', '70000'])).toEqual({ ok: false, error: '--port: must be at most 65535' });
    expect(parseCliOptions(['--locale', 'fr'])).toEqual({ ok: false, error: '--locale: must be en or ko' });
    expect(parseCliOptions(['--colour'])).toMatchObject({ ok: false, error: expect.stringContaining("Unknown option '--colour'") });
    expect(parseCliOptions(['--db', 'package.json'])).toMatchObject({ ok: false, error: expect.stringContaining('--db package.json: already holds a record') });
  });
});

describe('the alert storm', () => {
  const config = demoConfig({ locale: 'en', timeZone: 'UTC', now: new Date('2026-11-23T05:00:00Z') });
  const decide = (p: ReturnType<typeof stormPlan>[number]['post']) => {
    const message = p.kind === 'integration' ? { text: p.text, attachments: [...p.attachments], blocks: [], username: p.username, botId: p.botId } : { text: p.text, attachments: [], blocks: [], username: null, botId: null };
    const parsed = readAlertMessage(message);
    return { parsed, decision: decideTriage(parsed, p.text, config.triage.rules) };
  };

  it('is read by the real parsers as five problems to triage and one (Watchdog) the demo rules ignore', () => {
    const read = stormPlan('U0BOB').map((s) => decide(s.post));
    const problems = new Map(read.map(({ parsed, decision }) => [`${parsed.source}:${parsed.name}:${parsed.service ?? ''}`, decision.action]));
    expect(problems).toEqual(
      new Map([
        ['alertmanager:HighErrorRate:checkout', 'suggest'],
        ['grafana:CheckoutLatencyP99:checkout', 'suggest'],
        ['alertmanager:KubePodCrashLooping:payments-api', 'suggest'],
        ['alertmanager:Watchdog:monitoring', 'ignore'],
        ['generic:checkout 502 errors:checkout', 'suggest'],
        ['alertmanager:PostgresReplicationLag:orders-db', 'suggest'],
      ]),
    );
    expect(read.filter((r) => r.parsed.name === 'HighErrorRate').map((r) => r.parsed.count)).toEqual([1, 3, 5, 6, 8, 8]);
  });

  it('resolves every problem the tools can resolve', () => {
    expect(resolvePlan().map((s) => decide(s.post).parsed).map((p) => `${p.name}:${p.status}`)).toEqual([
      'KubePodCrashLooping:resolved',
      'CheckoutLatencyP99:resolved',
      'HighErrorRate:resolved',
      'PostgresReplicationLag:resolved',
    ]);
  });
});

describe('fast-forward', () => {
  const start = new Date('2026-11-23T05:03:40Z');
  const rotations = rotationsOf(demoConfig({ locale: 'en', timeZone: 'UTC', now: start }));

  it('stops at the shift reminder and the handoff that fall within the 15 minutes, in order', () => {
    const none = { latestHandoff: async () => undefined, lastPostedHandoff: async () => undefined };
    const stops = rotationStops(rotations, none, start.getTime(), start.getTime() + 15 * 60_000);
    expect(stops.map((s) => [s.what, new Date(s.at).toISOString()])).toEqual([
      ['platform handoff reminder', '2026-11-23T05:08:00.000Z'],
      ['platform handoff', '2026-11-23T05:13:00.000Z'],
    ]);
    expect(rotationStops(rotations, none, Date.parse('2026-11-23T05:19:00Z'), Date.parse('2026-11-23T05:34:00Z'))).toEqual([]);
  });

  it('moves the clock to each stop, waits until the bot has done it, and ends 15 minutes on', async () => {
    let real = start.getTime();
    const clock = new OffsetClock(() => real);
    const seenAt: string[] = [];
    let checks = 0;
    const stop = (at: number, what: string): ClockStop => ({
      at,
      what,
      done: async () => {
        checks += 1;
        seenAt.push(`${what}@${new Date(clock.nowMs()).toISOString()}`);
        real += 50;
        return checks % 2 === 0;
      },
    });
    await fastForward(
      { clock, stops: (from) => [stop(from + 5 * 60_000, 'reminder'), stop(from + 10 * 60_000, 'handoff')], stopTimeoutMs: 5_000, onStuck: () => expect.unreachable() },
      15 * 60_000,
    );
    expect(seenAt[0]).toBe('reminder@2026-11-23T05:08:40.000Z');
    expect(seenAt[2]).toBe('handoff@2026-11-23T05:13:40.000Z');
    expect(clock.nowMs()).toBe(start.getTime() + 15 * 60_000 + 200);
    expect(clock.offsetMs).toBe(15 * 60_000);
  });

  it('a handoff record the bot wrote satisfies its stop', async () => {
    const dueAt = new Date('2026-11-23T05:13:00Z');
    const handoff = { dueAt, remindedAt: new Date('2026-11-23T05:08:01Z'), postedAt: null } as Handoff;
    const store = { latestHandoff: async () => handoff, lastPostedHandoff: async () => undefined };
    const [remind, post] = rotationStops(rotations, store, start.getTime(), start.getTime() + 15 * 60_000);
    expect(await remind?.done()).toBe(true);
    expect(await post?.done()).toBe(false);
  });
});
