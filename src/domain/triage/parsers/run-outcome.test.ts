import { describe, expect, it } from 'vitest';
import { readRunOutcome } from './run-outcome.js';

describe("a numbered run's outcome", () => {
  it.each([
    ['checkout-web - #1432 Failure after 4 min 12 sec (<https://ci.acme.io/job/checkout-web/1432/|Open>)', 'failure', 'checkout-web', 'Failure'],
    ['checkout-web - #1433 Still Failing after 3 min 58 sec (<https://ci.acme.io/job/checkout-web/1433/|Open>)', 'failure', 'checkout-web', 'Still Failing'],
    ['checkout-web - #1434 Back to normal after 41 min (<https://ci.acme.io/job/checkout-web/1434/|Open>)', 'success', 'checkout-web', 'Back to normal'],
    ['Build <https://travis-ci.org/a/b/builds/1|#12> (<https://github.com/a/b/compare/x|abc1234>) of acme/api@main by Jane Doe errored in 1 min 2 sec', 'failure', 'acme/api@main', 'errored'],
    ['nightly-export - #88 Aborted after 2 hr 0 min', 'cancelled', 'nightly-export', 'Aborted'],
  ])('%s', (line, outcome, job, said) => {
    expect(readRunOutcome(line)).toEqual({ outcome, job, said });
  });

  it('names every run of a job alike, whatever its number, duration, commit or author', () => {
    const first = readRunOutcome('Build #12 (abc1234) of acme/api@main by Jane Doe failed in 1 min 2 sec');
    const next = readRunOutcome('Build #13 (def5678) of acme/api@main by Sam Roe failed in 58 sec');
    expect(first?.job).toBe(next?.job);
  });

  it.each([
    ['Showing 5 errors (ordered by count)'],
    ['PR #12 merged into main'],
    ['Failure: #12 is not a run'],
    ['#1432 failed'],
  ])('reads no run where a line names none: %s', (line) => {
    expect(readRunOutcome(line)).toBeNull();
  });
});
