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
import { fastForward, nextDueWork } from '../../playground/scenarios/fast-forward.js';

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
    expect(parseCliOptions([])).toEqual({ ok: true, value: { port: 4000, databasePath: null, locale: 'en', logLevel: 'warn', socketMode: false, help: false } });
    expect(parseCliOptions(['--socket-mode'])).toMatchObject({ ok: true, value: { socketMode: true } });
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
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

  it('finds the bot’s next work: the first shift reminder, or a stored job due before it', async () => {
    const fresh = { nextJobDueAt: async () => null, latestHandoff: async () => undefined, lastPostedHandoff: async () => undefined, trackRotation: async () => start };
    expect(iso(await nextDueWork(fresh, rotations, start))).toBe('2026-11-23T05:08:00.000Z');
    const reminded = { ...fresh, latestHandoff: async () => ({ dueAt: new Date('2026-11-23T05:13:00Z'), postedAt: null, skipped: false }) as Handoff };
    expect(iso(await nextDueWork(reminded, rotations, start))).toBe('2026-11-23T05:13:00.000Z');
    const prompt = { ...fresh, nextJobDueAt: async () => new Date('2026-11-23T05:06:30Z') };
    expect(iso(await nextDueWork(prompt, rotations, start))).toBe('2026-11-23T05:06:30.000Z');
  });

  /** A bot whose work falls due at `dueTimes`: each look does what is due by the clock and takes 20 ms; telling Slack 300 ms. */
  function botWith(clock: OffsetClock, dueTimes: number[], advance: (ms: number) => void, stuck: number | null = null) {
    const lookedAt: string[] = [];
    const toldAt: string[] = [];
    return {
      lookedAt,
      toldAt,
      deps: {
        clock,
        nextDueAt: async () => (dueTimes.length === 0 ? null : Math.min(...dueTimes)),
        ticked: async () => {
          lookedAt.push(new Date(clock.nowMs()).toISOString());
          for (const due of dueTimes.filter((d) => d <= clock.nowMs() && d !== stuck)) dueTimes.splice(dueTimes.indexOf(due), 1);
          advance(20);
        },
        settled: async () => {
          advance(300);
          toldAt.push(new Date(clock.nowMs()).toISOString());
        },
        stopTimeoutMs: 5_000,
      },
    };
  }

  it('does the work due within the jump in order, each at its own time, and ends 15 minutes on', async () => {
    let real = start.getTime();
    const clock = new OffsetClock(() => real);
    const at = (hhmmss: string): number => Date.parse(`2026-11-23T${hhmmss}Z`);
    const bot = botWith(clock, [at('05:13:00'), at('05:08:00'), at('05:18:40'), at('05:30:00')], (ms) => (real += ms));
    await fastForward({ ...bot.deps, onStuck: () => expect.unreachable() }, 15 * 60_000);
    // The clock stood at each due time while the bot looked and told Slack (not at the end of the jump, not later).
    expect(bot.lookedAt).toEqual(['2026-11-23T05:08:00.000Z', '2026-11-23T05:13:00.000Z', '2026-11-23T05:18:40.000Z']);
    expect(bot.toldAt).toEqual(expect.arrayContaining(bot.lookedAt));
    expect(clock.offsetMs).toBe(15 * 60_000);
    expect(clock.nowMs()).toBe(real + 15 * 60_000);
  });

  it('goes on without work the bot does not do when due, and says so once', async () => {
    let real = start.getTime();
    const clock = new OffsetClock(() => real);
    const due = start.getTime() + 60_000;
    const bot = botWith(clock, [due, due + 5 * 60_000], (ms) => (real += ms), due);
    const stuck: number[] = [];
    await fastForward({ ...bot.deps, onStuck: (at) => stuck.push(at) }, 15 * 60_000);
    expect(stuck).toEqual([due]);
    expect(clock.offsetMs).toBe(15 * 60_000);
  });

  it('the clock holds still and runs on from where it stood, never backwards', () => {
    let real = start.getTime();
    const clock = new OffsetClock(() => real);
    clock.hold(real + 60_000);
    real += 500;
    expect(clock.nowMs()).toBe(start.getTime() + 60_000);
    clock.release();
    real += 100;
    expect(clock.nowMs()).toBe(start.getTime() + 60_100);
    clock.hold(start.getTime());
    expect(clock.nowMs()).toBe(start.getTime() + 60_100);
  });
});
