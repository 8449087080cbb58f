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
  const membership = createChannelMembership(connectWebClient(fake, { rejectRateLimitedCalls: true }), { now: () => nowMs, ttlMs: 30_000, log: { warn: () => undefined } });
  const asked = () => fake?.callsTo('conversations.members').length ?? 0;
  return { fake, membership, asked, advance: (ms: number) => (nowMs += ms) };
}

describe('channel membership from Slack', () => {
  it('reuses a "yes" for a while, and asks again after it', async () => {
    const { membership, asked, advance } = await setUp();
    expect(await membership.checkMember('G0PRIV', 'UALICE')).toBe('member');
    expect(await membership.checkMember('G0PRIV', 'UALICE')).toBe('member');
    expect(asked()).toBe(1);
    advance(30_000);
    expect(await membership.checkMember('G0PRIV', 'UALICE')).toBe('member');
    expect(asked()).toBe(2);
  });

  it('asks again on a "no", so someone just invited is in at once', async () => {
    const { fake, membership } = await setUp();
    expect(await membership.checkMember('G0PRIV', 'UBOB')).toBe('not_member');
    fake.joinChannel('G0PRIV', 'UBOB');
    expect(await membership.checkMember('G0PRIV', 'UBOB')).toBe('member');
  });

  it('shares one call among questions asked together', async () => {
    const { membership, asked } = await setUp();
    await Promise.all(['UALICE', 'UBOB', 'UCAROL'].map((u) => membership.checkMember('G0PRIV', u)));
    expect(asked()).toBe(1);
  });

  it('when Slack cannot answer, says it cannot tell (never an older list), except for a "yes" still fresh', async () => {
    const { fake, membership, advance } = await setUp();
    fake.failNext('conversations.members', 1, 500);
    expect(await membership.checkMember('G0PRIV', 'UALICE')).toBe('unknown');
    expect(await membership.checkMember('G0PRIV', 'UALICE')).toBe('member');
    // Within its 30 s the "yes" needs no call, so a failing Slack does not matter.
    advance(29_000);
    fake.rateLimit('conversations.members', 1, 60);
    expect(await membership.checkMember('G0PRIV', 'UALICE')).toBe('member');
    // Past it, a 429 is not a "yes": Alice may have been removed since.
    advance(2_000);
    expect(await membership.checkMember('G0PRIV', 'UALICE')).toBe('unknown');
    expect(await membership.checkMember('G0NOPE', 'UALICE')).toBe('not_member');
  });

  it('lets someone in with conversations.invite, and knows them as a member at once', async () => {
    const { fake, membership, asked } = await setUp();
    for (const id of ['UBOB', 'UCAROL']) fake.addUser({ id, name: id.toLowerCase() });
    fake.addChannel({ id: 'C0PUB', name: 'inc-2-public', members: ['UBOT'] });
    expect(await membership.letIn('C0PUB', 'UBOB')).toBe(true);
    expect(fake.channel('C0PUB')?.members).toContain('UBOB');
    expect(await membership.checkMember('C0PUB', 'UBOB')).toBe('member');
    expect(asked()).toBe(0);
    // Already in: still in.
    expect(await membership.letIn('C0PUB', 'UBOB')).toBe(true);
    fake.failNext('conversations.invite', 1, 500);
    expect(await membership.letIn('C0PUB', 'UCAROL')).toBe(false);
  });

  it('reads every page of a big channel', async () => {
    const { fake, membership, asked } = await setUp();
    for (let i = 0; i < 1_100; i += 1) fake.joinChannel('G0PRIV', `U${String(i).padStart(4, '0')}`);
    expect(await membership.checkMember('G0PRIV', 'U1099')).toBe('member');
    expect(asked()).toBe(2);
  });
});
