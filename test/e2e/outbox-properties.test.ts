import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { THREADED_KINDS } from '../../src/domain/postmortem/event-text.js';
import { messages } from '../../src/i18n/index.js';
import { renderAnnouncement } from '../../src/slack/blocks/announcement.js';
import { renderSummaryCard, renderTopic } from '../../src/slack/blocks/summary-card.js';
import type { Fault } from '../fake-slack/server.js';
import { eventually } from '../support/eventually.js';
import { CHANNELS, declare, startHarness, USERS, type Harness } from './harness.js';

/**
 * Property: after any interleaving of changes, Slack latencies and faults, the card, topic and announcement equal
 * the render of the final record, and every timeline line and update is posted exactly once.
 */
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const t = messages('en');
const severities = defaultConfig().severities;

/** Block ids are Slack's; the durations line counts minutes up to "now", which the test cannot pin down. */
function comparable(blocks: unknown): unknown {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'block_id').map(([k, v]) => [k, strip(v)]));
  };
  const list = Array.isArray(blocks) ? blocks : [];
  return strip(list.filter((b) => !JSON.stringify(b).includes('⏱')));
}

const word = fc.stringMatching(/^[a-z]{3,10}$/);
const change = fc.oneof(
  word.map((w) => `update ${w} is being rolled back`),
  fc.constantFrom('sev1', 'sev2', 'sev3', 'sev4').map((s) => `severity ${s}`),
  word.map((w) => `note checked ${w}`),
  word.map((w) => `followup audit ${w}`),
  fc.constant('mitigated'),
);
const FAULTS: Fault[] = [
  { kind: 'http_error', status: 503 },
  { kind: 'slack_error', error: 'internal_error' },
  { kind: 'reset' },
  { kind: 'answer_lost' },
  { kind: 'ratelimited', retryAfterSeconds: 1 },
];
const scenario = fc.record({
  steps: fc.array(fc.record({ change, pauseMs: fc.integer({ min: 0, max: 250 }) }), { minLength: 3, maxLength: 9 }),
  faultRate: fc.double({ min: 0.05, max: 0.3, noNaN: true }),
  seed: fc.integer({ min: 1, max: 2_000_000 }),
});

describe('Slack equals the render of the record', () => {
  it('after random changes, latencies and faults', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ steps, faultRate, seed }) => {
        await h?.stop();
        h = await startHarness({}, undefined, { delivery: { retryBaseMs: 100 }, slackTimeoutMs: 2_000 });
        const harness = h;
        const { channelId } = await declare(harness, 'Property check', { impact: 'Checkout fails' });
        let state = seed;
        const random = (): number => ((state = (state * 16_807) % 2_147_483_647) - 1) / 2_147_483_646;
        harness.fake.chaos({ rate: faultRate, faults: FAULTS, random });
        for (const step of steps) {
          const response = await harness.slack.command(step.change, { user: USERS.alice, channel: channelId });
          expect(response.status).toBe(200);
          await new Promise((resolve) => setTimeout(resolve, step.pauseMs));
        }
        harness.fake.calm();

        await eventually(async () => {
          await harness.bot.settled();
          const incident = await harness.bot.store.getIncident(1);
          if (!incident) throw new Error('no incident');
          const openFollowUps = (await harness.bot.store.followUps(1)).filter((f) => !f.done).length;
          const channel = harness.fake.channel(channelId);
          const [card, ...others] = channel?.messages ?? [];
          expect(others).toHaveLength(0);
          expect(channel?.pins).toEqual([card?.ts]);
          expect(harness.fake.channels().filter((c) => c.name.startsWith('inc-'))).toHaveLength(1);
          const expectedCard = renderSummaryCard({ incident, openFollowUps, severities, now: new Date(), t });
          expect(comparable(card?.blocks)).toEqual(comparable(expectedCard.blocks));
          expect(card?.text).toBe(expectedCard.text);
          expect(channel?.topic).toBe(renderTopic(incident, severities, t));

          const [announcement, ...moreAnnouncements] = harness.fake.channel(CHANNELS.announce)?.messages ?? [];
          expect(moreAnnouncements).toHaveLength(0);
          expect(comparable(announcement?.blocks)).toEqual(comparable(renderAnnouncement(incident, severities, new Date(), t).blocks));

          // Every threaded event has exactly one message in the card's thread, and each update one in the announcement's.
          const timeline = await harness.bot.store.timeline(1);
          const threaded = timeline.filter((e) => THREADED_KINDS.includes(e.kind));
          const replies = harness.fake.replies(channelId, card?.ts ?? '');
          expect(replies).toHaveLength(threaded.length);
          expect(threaded.every((e) => e.message?.ts !== undefined && replies.some((r) => r.ts === e.message?.ts))).toBe(true);
          const updates = timeline.filter((e) => e.kind === 'status_update').length;
          expect(harness.fake.replies(CHANNELS.announce, announcement?.ts ?? '')).toHaveLength(updates);
        }, 30_000);
      }),
      { numRuns: 4, endOnFailure: true },
    );
  }, 240_000);
});
