import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../test/fake-slack/server.js';
import { connectWebClient } from '../../test/fake-slack/web-client.js';
import { createChannelMembership } from './channel-membership.js';

let fake: FakeSlack | undefined;
afterEach(async () => fake?.stop());

async function setUp() {
  fake = await FakeSlack.start({ botToken: 'xoxb-membership' });
  fake.addChannel({ id: 'G0PRIV', name: 'inc-1-secret', isPrivate: true, members: ['UBOT', 'UALICE'] });
  let nowMs = 0;
  const membership = createChannelMembership(connectWebClient(fake), { now: () => nowMs, ttlMs: 30_000, log: { warn: () => undefined } });
  const asked = () => fake?.callsTo('conversations.members').length ?? 0;
  return { fake, membership, asked, advance: (ms: number) => (nowMs += ms) };
}

describe('channel membership from Slack', () => {
  it('reuses a "yes" for a while, and asks again after it', async () => {
    const { membership, asked, advance } = await setUp();
    expect(await membership.isMember('G0PRIV', 'UALICE')).toBe(true);
    expect(await membership.isMember('G0PRIV', 'UALICE')).toBe(true);
    expect(asked()).toBe(1);
    advance(30_000);
    expect(await membership.isMember('G0PRIV', 'UALICE')).toBe(true);
    expect(asked()).toBe(2);
  });

  it('asks again on a "no", so someone just invited is in at once', async () => {
    const { fake, membership } = await setUp();
    expect(await membership.isMember('G0PRIV', 'UBOB')).toBe(false);
    fake.joinChannel('G0PRIV', 'UBOB');
    expect(await membership.isMember('G0PRIV', 'UBOB')).toBe(true);
  });

  it('shares one call among questions asked together', async () => {
    const { membership, asked } = await setUp();
    await Promise.all(['UALICE', 'UBOB', 'UCAROL'].map((u) => membership.isMember('G0PRIV', u)));
    expect(asked()).toBe(1);
  });

  it('when Slack cannot answer, uses the last list it had, else says no', async () => {
    const { fake, membership, advance } = await setUp();
    fake.failNext('conversations.members', 1, 500);
    expect(await membership.isMember('G0PRIV', 'UALICE')).toBe(false);
    expect(await membership.isMember('G0PRIV', 'UALICE')).toBe(true);
    advance(60_000);
    fake.failNext('conversations.members', 1, 500);
    expect(await membership.isMember('G0PRIV', 'UALICE')).toBe(true);
    expect(await membership.isMember('G0NOPE', 'UALICE')).toBe(false);
  });

  it('reads every page of a big channel', async () => {
    const { fake, membership, asked } = await setUp();
    for (let i = 0; i < 1_100; i += 1) fake.joinChannel('G0PRIV', `U${String(i).padStart(4, '0')}`);
    expect(await membership.isMember('G0PRIV', 'U1099')).toBe(true);
    expect(asked()).toBe(2);
  });
});
