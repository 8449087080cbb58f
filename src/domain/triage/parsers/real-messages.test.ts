import { describe, expect, it } from 'vitest';
import { loadAlertFixtures } from '../../../../test/support/alert-fixtures.js';
import { expectValidAlert } from '../../../../test/support/parsed-alert.js';
import { explainParse } from './index.js';

const fixtures = loadAlertFixtures();

describe('parseAlertMessage on real messages', () => {
  it.each(fixtures.map((f) => [`${f.tool}/${f.file}`, f] as const))('%s', (_name, fixture) => {
    const explained = explainParse(fixture.message);
    expect(explained.parsed.source).toBe(fixture.tool);
    expect(explained.parser).toBe(fixture.tool);
    expect(explained.parsed).toMatchObject(fixture.expected);
    // An expected `labels: {}` means "no labels", not "any labels".
    if (fixture.expected.labels && Object.keys(fixture.expected.labels).length === 0) expect(explained.parsed.labels).toEqual({});
    expectValidAlert(explained.parsed);
  });

  it("dispatches cheaply: a tool's message is read by its own parser alone, a person's by none but the generic one", () => {
    for (const fixture of fixtures.filter((f) => f.tool !== 'generic')) {
      expect(explainParse(fixture.message).tried, `${fixture.tool}/${fixture.file}`).toEqual([fixture.tool]);
    }
    expect(explainParse({ text: 'is checkout down?', attachments: [], blocks: [], username: null, botId: null }).tried).toEqual(['generic']);
  });
});
