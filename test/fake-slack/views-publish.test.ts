import { WebAPIRateLimitedError, type WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from './server.js';
import { connectWebClient, slackError } from './web-client.js';

let fake: FakeSlack;
let slack: WebClient;

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('views.publish as Slack answers it', () => {
  beforeEach(async () => {
    fake = await FakeSlack.start({ botToken: 'xoxb-home', latency: 'instant', rateLimits: false });
    fake.addUser({ id: 'U0ALICE', name: 'alice' });
    slack = connectWebClient(fake);
  });
  afterEach(async () => fake.stop());

  it('keeps one view per person: a publish replaces its blocks and hash, never its id', async () => {
    const first = await slack.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks: [section('one')] } });
    const second = await slack.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks: [section('two')] } });
    expect(second.view?.id).toBe(first.view?.id);
    expect(second.view?.hash).not.toBe(first.view?.hash);
    expect(fake.home('U0ALICE')).toMatchObject({ publishes: 2, blocks: [{ text: { text: 'two' } }] });
    expect(fake.homeOpenedEvent('U0ALICE')).toMatchObject({ type: 'app_home_opened', user: 'U0ALICE', tab: 'home', view: { id: first.view?.id, hash: second.view?.hash } });
  });

  it('takes 100 blocks and refuses the 101st; refuses a view over 250 kB; refuses a modal, an unknown user and a stale hash', async () => {
    const blocks = (n: number) => Array.from({ length: n }, (_, i) => section(`line ${i}`));
    await slack.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks: blocks(100) } });
    const tooMany = await slackError(slack.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks: blocks(101) } }));
    expect(tooMany).toEqual({ error: 'invalid_arguments', messages: ['[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]'] });
    // 100 sections of 2,900 characters of Hangul (3 bytes each in UTF-8): within each block's limit, too large together.
    const heavy = Array.from({ length: 100 }, () => section('가'.repeat(2_900)));
    expect((await slackError(slack.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks: heavy } }))).error).toBe('view_too_large');
    expect((await slackError(slack.views.publish({ user_id: 'U0ALICE', view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } }))).error).toBe('invalid_arguments');
    expect((await slackError(slack.views.publish({ user_id: 'U0NOBODY', view: { type: 'home', blocks: [] } }))).error).toBe('invalid_arguments');
    expect((await slackError(slack.views.publish({ user_id: 'U0ALICE', hash: '1.stale', view: { type: 'home', blocks: [] } }))).error).toBe('hash_conflict');
    expect(fake.home('U0ALICE')?.publishes).toBe(1);
  });
});

describe('views.publish pace', () => {
  beforeEach(async () => {
    fake = await FakeSlack.start({ botToken: 'xoxb-home', latency: 'instant' });
    fake.addUser({ id: 'U0ALICE', name: 'alice' });
    slack = connectWebClient(fake, { rejectRateLimitedCalls: true });
  });
  afterEach(async () => fake.stop());

  it('is Tier 4: a burst of 100 a minute, then 429 with a Retry-After', async () => {
    const answers = await Promise.all(
      Array.from({ length: 105 }, (_, i) => slack.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks: [section(`#${i}`)] } }).catch((e: unknown) => e)),
    );
    const limited = answers.filter((a) => a instanceof WebAPIRateLimitedError);
    // The bucket refills at 100 a minute while the burst is answered, so one or two more may pass.
    expect(answers.length - limited.length).toBeGreaterThanOrEqual(100);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited.every((a) => a instanceof WebAPIRateLimitedError && a.retryAfter >= 1)).toBe(true);
  });
});
