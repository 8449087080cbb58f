import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test/support/eventually.js';
import { checkLease, HeldLease, LeaseLost } from './held-lease.js';

const leases: HeldLease[] = [];
afterEach(() => leases.splice(0).forEach((lease) => lease.stop()));

const LEASE_MS = 300;

function hold(renew: () => Promise<boolean>, claimSentAt = performance.now()) {
  const renewErrors: unknown[] = [];
  const lease = new HeldLease(renew, LEASE_MS, claimSentAt, (error) => renewErrors.push(error));
  leases.push(lease);
  let lostAt: number | null = null;
  lease.signal.addEventListener('abort', () => (lostAt = performance.now() - claimSentAt));
  return { lease, renewErrors, lostAfterMs: () => lostAt };
}

describe('a held lease', () => {
  it('stays held for as long as its renewals get through, over many lease periods', async () => {
    let renewals = 0;
    const { lease } = hold(async () => ((renewals += 1), true));
    await eventually(() => expect(renewals).toBeGreaterThanOrEqual(10), 10_000);
    expect(lease.lostBecause).toBeNull();
    await expect(lease.run(async () => checkLease())).resolves.toBeUndefined();
  });

  it('is given up at the first renewal answered "not yours", and the work under it stops at its next check', async () => {
    const { lease, lostAfterMs } = hold(async () => false);
    await eventually(() => expect(lease.lostBecause).toContain('another worker holds it now'));
    expect(lostAfterMs()).toBeLessThan(LEASE_MS / 2);
    await expect(lease.run(async () => checkLease())).rejects.toBeInstanceOf(LeaseLost);
    // Outside any lease there is nothing to check.
    expect(() => checkLease()).not.toThrow();
  });

  it.each([
    ['fail (the database refuses)', () => Promise.reject(new Error('connection refused'))],
    ['never answer (the database hangs)', () => new Promise<boolean>(() => undefined)],
  ])('is given up before it could run out when its renewals %s', async (_name, renew) => {
    const { lease, renewErrors, lostAfterMs } = hold(renew);
    await eventually(() => expect(lease.lostBecause).toContain('no renewal got through in time'));
    expect(lostAfterMs()).toBeLessThan(LEASE_MS);
    if (_name.startsWith('fail')) expect(renewErrors.length).toBeGreaterThanOrEqual(2);
  });

  it('is given up at once when its claim took longer than the lease to come back', () => {
    const { lease } = hold(async () => true, performance.now() - LEASE_MS);
    expect(lease.lostBecause).toContain('no renewal got through in time');
  });
});
