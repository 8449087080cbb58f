import { WebAPIRateLimitedError, WebAPIRequestError, type WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack, SLACK_LATENCY } from './server.js';
import { connectWebClient, slackError } from './web-client.js';

/** The fake as every end-to-end test meets it: Slack's latency, its rate limits, and the faults tests inject. */
let fake: FakeSlack;
let slack: WebClient;

beforeEach(async () => {
  fake = await FakeSlack.start({ botToken: 'xoxb-realism' });
  fake.addChannel({ id: 'C0GENERAL', name: 'general' });
  fake.addChannel({ id: 'C0OTHER', name: 'other' });
  slack = connectWebClient(fake, { rejectRateLimitedCalls: true });
});
afterEach(async () => fake.stop());

const timed = async <T>(call: () => Promise<T>): Promise<{ ms: number; result: T | unknown }> => {
  const started = performance.now();
  const result = await call().catch((e: unknown) => e);
  return { ms: performance.now() - started, result };
};

describe('Slack timing by default', () => {
  it('takes 50–250 ms for every call', async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i += 1) times.push((await timed(() => slack.conversations.members({ channel: 'C0GENERAL' }))).ms);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(SLACK_LATENCY.minMs - 5);
    // Loose upper bound: the machine is shared; the fake itself waits at most 250 ms.
    expect(Math.max(...times)).toBeLessThan(SLACK_LATENCY.maxMs + 500);
  });

  it('lets a channel take a short burst of posts, then answers 429 with a Retry-After; other channels are not affected', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => slack.chat.postMessage({ channel: 'C0GENERAL', text: `burst ${i}` }).catch((e: unknown) => e)));
    const limited = answers.filter((a) => a instanceof WebAPIRateLimitedError);
    expect(limited.length).toBeGreaterThanOrEqual(2);
    expect(limited.every((a) => a instanceof WebAPIRateLimitedError && a.retryAfter >= 1)).toBe(true);
    expect(await slack.chat.postMessage({ channel: 'C0OTHER', text: 'elsewhere' })).toMatchObject({ ok: true });
    expect(fake.messages('C0GENERAL').length).toBe(6 - limited.length);
  });

  it('limits a Tier 2 method to about 20 calls a minute', async () => {
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => slack.conversations.create({ name: `tier-two-${i}` }).catch((e: unknown) => e)));
    expect(answers.filter((a) => a instanceof WebAPIRateLimitedError)).toHaveLength(5);
  });
});

describe('injected faults', () => {
  it('answers ok:false with the given error', async () => {
    fake.failNextWith('chat.update', 'internal_error');
    expect((await slackError(slack.chat.update({ channel: 'C0GENERAL', ts: '1.1', text: 'x' }))).error).toBe('internal_error');
  });

  it('resets the connection before doing anything', async () => {
    fake.resetNext('chat.postMessage');
    const { result } = await timed(() => slack.chat.postMessage({ channel: 'C0GENERAL', text: 'lost' }));
    expect(result).toBeInstanceOf(WebAPIRequestError);
    expect(fake.messages('C0GENERAL')).toHaveLength(0);
  });

  it('does the work and then loses the answer', async () => {
    fake.loseAnswerNext('chat.postMessage');
    const { result } = await timed(() => slack.chat.postMessage({ channel: 'C0GENERAL', text: 'done, unseen' }));
    expect(result).toBeInstanceOf(WebAPIRequestError);
    expect(fake.messages('C0GENERAL').map((m) => m.text)).toEqual(['done, unseen']);
    expect(fake.callsTo('chat.postMessage').map((c) => c.answer)).toEqual(['answer_lost:ok']);
  });

  it('injects random faults at the asked rate, repeatably with a seeded generator', async () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 16_807) % 2_147_483_647) - 1) / 2_147_483_646;
    fake.rateLimits = false;
    fake.chaos({ rate: 0.5, faults: [{ kind: 'http_error', status: 503 }], methods: ['conversations.members'], random });
    const answers = await Promise.all(Array.from({ length: 40 }, () => slack.conversations.members({ channel: 'C0GENERAL' }).then(() => 'ok', () => 'failed')));
    const failed = answers.filter((a) => a === 'failed').length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
    fake.calm();
    expect(await slack.conversations.members({ channel: 'C0GENERAL' })).toMatchObject({ ok: true });
  });

  it('answers is_archived once a person archives the channel, and works again when it is restored', async () => {
    fake.setArchived('C0GENERAL', true);
    expect((await slackError(slack.chat.postMessage({ channel: 'C0GENERAL', text: 'x' }))).error).toBe('is_archived');
    fake.setArchived('C0GENERAL', false);
    expect(await slack.chat.postMessage({ channel: 'C0GENERAL', text: 'x' })).toMatchObject({ ok: true });
  });
});
