import { describe, expect, it } from 'vitest';
import { loadAlertFixtures, loadHeldOutFixtures } from '../../../test/support/alert-fixtures.js';
import { accuracyTable, scoreAll, type ToolAccuracy } from '../../../test/support/fixture-accuracy.js';

/**
 * The accuracy the README reports (also printed by `npm run bench:triage`): per tool, the fields a person reads in
 * the triage reply — kind, status, name, severity, service, count and grouping — against what the fixtures' cited
 * messages say, replayed in the order they were posted; on the parsers' own fixtures and, separately, on the held-out
 * set written from other sources without reading the parsers.
 */
const own = scoreAll(loadAlertFixtures());
const heldOutFixtures = loadHeldOutFixtures();
const heldOut = heldOutFixtures ? scoreAll(heldOutFixtures) : null;

/** What every fixture set must hold to: no failure post silent, no question (or other non-alert) firing. */
function holdsTheLine(scores: readonly ToolAccuracy[], minimum: number): void {
  it.each(scores.map((s) => [s.tool, s] as const))(`%s: at least ${minimum * 100} % of the fields right`, (_tool, score) => {
    expect(score.misses, accuracyTable([score])).toEqual(score.right / score.checked >= minimum ? score.misses : []);
    expect(score.right / score.checked).toBeGreaterThanOrEqual(minimum);
  });

  it('never ignores a failure post', () => {
    expect(scores.filter((s) => s.failuresIgnored > 0).map((s) => `${s.tool}: ${s.misses.join('; ')}`)).toEqual([]);
  });

  it('never reads a question, or any other non-alert, as firing', () => {
    expect(scores.filter((s) => s.falseFiring > 0).map((s) => `${s.tool}: ${s.misses.join('; ')}`)).toEqual([]);
  });
}

describe('triage accuracy on the parsers\' own cited fixtures', () => {
  holdsTheLine(own, 0.95);
});

describe.skipIf(heldOut === null)('triage accuracy on the held-out fixtures', () => {
  holdsTheLine(heldOut ?? [], 0.97);
});

describe('the accuracy table', () => {
  it('shows both sets side by side, with failures ignored and questions as firing as rows of their own', () => {
    const table = accuracyTable(own, heldOut);
    expect(table).toMatch(/^\| tool \| own fixtures \| own: fields right \/ checked \| held-out fixtures \| held-out: fields right \/ checked \|$/m);
    expect(table).toMatch(/^\| \*\*failure posts ignored\*\* \| \| 0 \|/m);
    expect(table).toMatch(/^\| \*\*questions read as firing\*\* \| \| 0 \|/m);
    for (const score of own) expect(table).toContain(`| ${score.tool} | ${score.fixtures} | ${score.right} / ${score.checked} (`);
  });

  it('scores a fixture set it was not built from in its own column', () => {
    const ownOnly = accuracyTable(own, null);
    expect(ownOnly).toMatch(/^\| \*\*all\*\* \| \d+ \| [\d /()%.]+ \| — \| — \|$/m);
    const [first] = own;
    if (!first) throw new Error('no fixtures');
    const missing = { ...first, right: first.checked - 1, failuresIgnored: 1 };
    const table = accuracyTable(own, [missing]);
    expect(table).toContain(`| ${first.tool} | ${first.fixtures} | ${first.right} / ${first.checked} (100.0 %) | ${first.fixtures} | ${first.checked - 1} / ${first.checked} (`);
    expect(table).toMatch(/^\| \*\*failure posts ignored\*\* \| \| 0 \| \| 1 \|$/m);
  });
});
