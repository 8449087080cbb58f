import { afterEach, describe, expect, it } from 'vitest';
import { declare, startHarness, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.stop());

describe('declaring never fails on a channel name', () => {
  it('adds a suffix when the name is taken', async () => {
    h = await startHarness();
    h.fake.addChannel({ id: 'C0TAKEN', name: 'inc-1-db-down' });
    const { channelId } = await declare(h, 'DB down');
    expect(h.fake.channel(channelId)?.name).toBe('inc-1-db-down-2');
  });

  it('falls back to Latin letters, then to inc-<n>, where the workspace refuses other scripts', async () => {
    h = await startHarness();
    h.fake.allowNonLatinChannelNames = false;
    const first = await declare(h, '결제 API 502 에러');
    expect(h.fake.channel(first.channelId)?.name).toBe('inc-1-api-502');
    const second = await declare(h, '결제 실패');
    expect(h.fake.channel(second.channelId)?.name).toBe('inc-2');
  });

  it('names an emoji-only title inc-<n> and keeps long titles within 80 characters', async () => {
    h = await startHarness();
    const emoji = await declare(h, '🔥🔥🔥 !!!');
    expect(h.fake.channel(emoji.channelId)?.name).toBe('inc-1');
    const long = await declare(h, `Checkout ${'very '.repeat(30)}slow`);
    const name = h.fake.channel(long.channelId)?.name ?? '';
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name).toMatch(/^inc-2-checkout-very-/);
  });

  it('creates a private channel for a private incident and does not announce it', async () => {
    h = await startHarness();
    const { channelId } = await declare(h, 'Security: leaked key', { private: true });
    expect(h.fake.channel(channelId)?.isPrivate).toBe(true);
    expect(h.fake.channel('C0ANNOUNCE')?.messages).toHaveLength(0);
  });
});
