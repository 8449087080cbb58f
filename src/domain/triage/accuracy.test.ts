import { describe, expect, it } from 'vitest';
import { loadAlertFixtures } from '../../../test/support/alert-fixtures.js';
import { accuracyTable, scoreAll } from '../../../test/support/fixture-accuracy.js';

/**
 * The accuracy the README reports (also printed by `npm run bench:triage`): per tool, the fields a person reads in
 * the triage reply — kind, status, name, severity, service, count and grouping — against what the fixtures' cited
 * messages say, replayed in the order they were posted.
 */
describe('triage accuracy on the cited fixtures', () => {
  const scores = scoreAll(loadAlertFixtures());

  it.each(scores.map((s) => [s.tool, s] as const))('%s: at least 95 % of the fields right', (_tool, score) => {
    expect(score.misses, accuracyTable([score])).toEqual(score.right / score.checked >= 0.95 ? score.misses : []);
    expect(score.right / score.checked).toBeGreaterThanOrEqual(0.95);
  });

  it('never presents a non-alert as firing', () => {
    expect(scores.filter((s) => s.falseFiring > 0).map((s) => s.tool)).toEqual([]);
  });
});
