import { describe, expect, it } from 'vitest';
import { loadAlertFixtures } from '../../../../test/support/alert-fixtures.js';
import { ALERT_SOURCES, type AlertSource } from '../alert.js';

const fixtures = loadAlertFixtures();

describe('the fixtures', () => {
  it('are real message shapes, each citing where it comes from', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(60);
    for (const fixture of fixtures) expect(fixture.citation, fixture.file).toMatch(/\S{3,}/);
  });

  it('live in one folder per alert source, and every source has some', () => {
    expect([...new Set(fixtures.map((f) => f.tool))].sort()).toEqual([...ALERT_SOURCES].sort());
  });

  it.each(ALERT_SOURCES.map((source) => [source]))('cover %s firing and its resolution (a message or an edit)', (source: AlertSource) => {
    const statuses = new Set(fixtures.filter((f) => f.tool === source).map((f) => f.expected.status));
    expect(statuses).toContain('firing');
    expect(statuses).toContain('resolved');
  });

  it('edit only fixtures of their own tool', () => {
    for (const fixture of fixtures.filter((f) => f.edits !== null)) {
      expect(fixtures.some((f) => f.tool === fixture.tool && f.file === fixture.edits), fixture.file).toBe(true);
    }
  });
});
