import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ALERT_SOURCES, type AlertMessage, type AlertSource, type ParsedAlert } from '../alert.js';
import { ALERT_PARSERS, explainParse, genericParser, parseAlertMessage } from './index.js';

/** test/fixtures/alerts/<source>/<name>.json: a real message shape, where it comes from, and what it must parse to. */
const FIXTURE_ROOT = join(import.meta.dirname, '../../../../test/fixtures/alerts');

const fixtureFile = z.object({
  source: z.string().min(20),
  message: z.object({
    text: z.string(),
    attachments: z.array(z.unknown()),
    blocks: z.array(z.unknown()),
    username: z.string().nullable(),
    botId: z.string().nullable(),
  }),
  expected: z.looseObject({ status: z.enum(['firing', 'resolved']) }),
});

interface Fixture {
  readonly folder: string;
  readonly file: string;
  readonly citation: string;
  readonly message: AlertMessage;
  readonly expected: Partial<ParsedAlert> & Pick<ParsedAlert, 'status'>;
}

function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURE_ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(FIXTURE_ROOT, dir.name))
        .filter((file) => file.endsWith('.json'))
        .sort()
        .map((file) => {
          const raw: unknown = JSON.parse(readFileSync(join(FIXTURE_ROOT, dir.name, file), 'utf8'));
          const parsed = fixtureFile.parse(raw);
          return {
            folder: dir.name,
            file,
            citation: parsed.source,
            message: parsed.message,
            expected: parsed.expected as Fixture['expected'],
          };
        }),
    );
}

const fixtures = loadFixtures();

/** The ParsedAlert contract every parser's answer keeps, whatever it was given. */
function expectValidAlert(alert: ParsedAlert): void {
  expect(ALERT_SOURCES).toContain(alert.source);
  expect(['firing', 'resolved']).toContain(alert.status);
  expect(alert.name.trim()).not.toBe('');
  expect(alert.name.length).toBeLessThanOrEqual(200);
  expect(alert.summary.trim()).not.toBe('');
  expect(alert.summary.length).toBeLessThanOrEqual(300);
  expect(alert.summary).not.toMatch(/\n/);
  if (alert.severity !== null) expect(alert.severity).toBe(alert.severity.toLowerCase());
  for (const [key, value] of Object.entries(alert.labels)) {
    expect(typeof key).toBe('string');
    expect(typeof value).toBe('string');
  }
  expect(Number.isInteger(alert.count)).toBe(true);
  expect(alert.count).toBeGreaterThanOrEqual(0);
  expect(typeof alert.countIsTotal).toBe('boolean');
  if (alert.link !== null) expect(alert.link).toMatch(/^https?:\/\/\S+$/);
}

describe('the fixtures', () => {
  it('are at least 25 real message shapes, each citing where it comes from', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
    for (const fixture of fixtures) expect(fixture.citation, fixture.file).toMatch(/\S{3,}/);
  });

  it('live in one folder per alert source', () => {
    expect(ALERT_SOURCES).toEqual(expect.arrayContaining([...new Set(fixtures.map((f) => f.folder))]));
  });

  it.each(ALERT_SOURCES.map((source) => [source]))('cover %s both firing and resolved', (source: AlertSource) => {
    const statuses = new Set(fixtures.filter((f) => f.folder === source).map((f) => f.expected.status));
    expect([...statuses].sort()).toEqual(['firing', 'resolved']);
  });
});

describe('parseAlertMessage on real messages', () => {
  it.each(fixtures.map((f) => [`${f.folder}/${f.file}`, f] as const))('%s', (_name, fixture) => {
    const parsed = parseAlertMessage(fixture.message);
    expect(parsed.source).toBe(fixture.folder);
    expect(explainParse(fixture.message).parser).toBe(fixture.folder);
    expect(parsed).toMatchObject(fixture.expected);
    // An expected `labels: {}` means "no labels", not "any labels".
    if (fixture.expected.labels && Object.keys(fixture.expected.labels).length === 0) expect(parsed.labels).toEqual({});
    expectValidAlert(parsed);
  });
});

const human = (text: string): AlertMessage => ({ text, attachments: [], blocks: [], username: null, botId: null });

describe('generic heuristics on what people write', () => {
  const cases: [string, Pick<ParsedAlert, 'name' | 'service' | 'status' | 'severity'>][] = [
    ['502 errors spiking on checkout!!', { name: '502 errors spiking on checkout', service: 'checkout', status: 'firing', severity: null }],
    ['checkout is down again', { name: 'checkout is down again', service: 'checkout', status: 'firing', severity: 'critical' }],
    ['db latency back to normal now', { name: 'db latency back to normal now', service: 'db', status: 'resolved', severity: null }],
    ['db-primary is down', { name: 'db-primary is down', service: 'db-primary', status: 'firing', severity: 'critical' }],
    ['payments down', { name: 'payments down', service: 'payments', status: 'firing', severity: 'critical' }],
    ['checkout latency high', { name: 'checkout latency high', service: 'checkout', status: 'firing', severity: null }],
    ['staging is slow', { name: 'staging is slow', service: null, status: 'firing', severity: null }],
    ['<!channel> the checkout service is DOWN', { name: 'the checkout service is down', service: 'checkout', status: 'firing', severity: 'critical' }],
    ['Heads up: elevated 5xx on the payments API', { name: 'heads up elevated 5xx on the payments api', service: 'payments', status: 'firing', severity: null }],
    ['is checkout back to normal?', { name: 'is checkout back to normal', service: 'checkout', status: 'firing', severity: null }],
    ['search is not fixed yet', { name: 'search is not fixed yet', service: 'search', status: 'firing', severity: null }],
    ['resolved: login errors on web-01', { name: 'resolved login errors on web-01', service: 'web-01', status: 'resolved', severity: null }],
    ['warning: disk 91% on db-replica-2', { name: 'warning disk 91 on db-replica-2', service: 'db-replica-2', status: 'firing', severity: 'warning' }],
    ['we are rolling back the deploy', { name: 'we are rolling back the deploy', service: null, status: 'firing', severity: null }],
    ['Non-200 API errors on web-101', { name: 'non-200 api errors on web-101', service: 'web-101', status: 'firing', severity: null }],
    ['Has anyone noticed elevated error rates?', { name: 'has anyone noticed elevated error rates', service: null, status: 'firing', severity: null }],
  ];

  it.each(cases)('%s', (text, expected) => {
    const parsed = parseAlertMessage(human(text));
    expect(parsed.source).toBe('generic');
    expect(parsed).toMatchObject(expected);
    expect(parsed.count).toBe(1);
  });

  it('names repeats of the same complaint alike, so they group', () => {
    expect(parseAlertMessage(human('Checkout is DOWN!!')).name).toBe(parseAlertMessage(human('checkout is down')).name);
  });
});

/** A message nested `depth` blocks deep. */
function nestedBlocks(depth: number): unknown {
  let node: unknown = { type: 'section', text: { type: 'mrkdwn', text: '[FIRING:1] Deep' } };
  for (let i = 0; i < depth; i += 1) node = { type: 'context', elements: [node] };
  return node;
}

function cyclicAttachment(): unknown {
  const attachment: Record<string, unknown> = { title: 'Triggered: loop', title_link: 'https://app.datadoghq.com/monitors/1' };
  attachment['blocks'] = [{ type: 'section', elements: [attachment] }];
  attachment['fields'] = [attachment];
  return attachment;
}

const huge = 'x'.repeat(1_000_000);

/** JSON-shaped input Slack (or a buggy caller) could hand over; every field the wrong type somewhere. */
const hostile: [string, unknown][] = [
  ['null', null],
  ['undefined', undefined],
  ['a number', 42],
  ['a string', '[FIRING:3] not an object'],
  ['an array', [{ text: 'x' }]],
  ['empty object', {}],
  ['every field null', { text: null, attachments: null, blocks: null, username: null, botId: null }],
  ['fields of wrong types', { text: 5, attachments: 'nope', blocks: { type: 'section' }, username: ['x'], botId: {} }],
  ['attachments of wrong types', { text: '', attachments: [null, 1, 'x', [], true, { title: {}, fields: 'nope', blocks: {} }], blocks: [] }],
  ['fields and blocks of wrong types', { text: '', attachments: [{ fields: [null, 3, { title: 1, value: { x: 1 } }], blocks: [null, 'b'] }], blocks: [null, 7, { type: 'section', text: 42 }, { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: null }] }] }],
  ['deeply nested blocks', { text: '', attachments: [], blocks: [nestedBlocks(5_000)] }],
  ['cyclic attachment', { text: '', attachments: [cyclicAttachment()], blocks: [] }],
  ['a million-character text', { text: huge, attachments: [], blocks: [] }],
  ['a huge title and field', { text: '', attachments: [{ title: `Triggered: ${huge}`, fields: [{ title: huge, value: huge }] }], blocks: [] }],
  ['thousands of attachments', { text: '', attachments: Array.from({ length: 10_000 }, (_, i) => ({ title: `[FIRING:${i}] A`, text: 'x' })), blocks: [] }],
  ['broadcasts and mentions only', { text: '<!channel> <!here> <@U012ABC34> <#C012ABC34|ops> <!subteam^S1>', attachments: [], blocks: [], username: null, botId: null }],
  ['markup only', { text: '*_~`:fire::fire:`~_*  <|> &amp;&lt;&gt;', attachments: [], blocks: [] }],
  ['unbalanced angle brackets', { text: `<${'<'.repeat(100_000)}https://x.io|${'>'.repeat(100_000)}`, attachments: [], blocks: [] }],
  ['repeated scope words', { text: `Triggered: a${' on x:y'.repeat(50_000)}`, attachments: [], blocks: [], username: 'Datadog', botId: 'B1' }],
  ['repeated key lines', { text: `[FIRING:1] X\n${' - a = b\n'.repeat(50_000)}`, attachments: [], blocks: [], username: 'Alertmanager', botId: 'B1' }],
  ['truncated SNS JSON', { text: `{"AlarmName": "x", "NewStateValue": ${'['.repeat(100_000)}`, attachments: [], blocks: [], username: 'aws', botId: 'B1' }],
  ['SNS JSON of wrong types', { text: '{"AlarmName": 1, "NewStateValue": "ALARM", "Trigger": {"Dimensions": "x"}}', attachments: [], blocks: [], username: 'aws', botId: 'B1' }],
  ['prototype keys as labels', { text: '[FIRING:1] X\nLabels:\n - __proto__ = polluted\n - constructor = y\n - alertname = X', attachments: [], blocks: [], username: 'Alertmanager', botId: 'B1' }],
  ['links that are not http', { text: '', attachments: [{ title: '[FIRING:1] X', title_link: 'javascript:alert(1)' }], blocks: [], botId: 'B1' }],
  ['a count beyond reason', { text: '[FIRING:9999999] Everything', attachments: [], blocks: [], username: 'Alertmanager', botId: 'B1' }],
  ['invalid block ids', { text: '', attachments: [], blocks: [{ type: 'section', block_id: '{"issue":', text: { type: 'mrkdwn', text: '<https://sentry.io/issues/1|*X*>' } }] }],
  ['emoji and zero-width only', { text: ':fire: \u200d\ufe0f 🔥🚨', attachments: [], blocks: [] }],
  ['a wall of shortcodes', { text: `${':a:'.repeat(100_000)} down`, attachments: [], blocks: [] }],
  ['linking words without end', { text: `x ${'is not '.repeat(50_000)}`, attachments: [], blocks: [] }],
  ['Alertmanager link, empty title', { text: '', attachments: [{ title: ':fire:', title_link: 'http://am:9093/#/alerts' }], blocks: [], botId: 'B1' }],
  ['Sentry rule link without a status', { text: '<https://x.sentry.io/alerts/rules/details/1/|*Nothing*>', attachments: [{ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '<!date^1^x|y>' } }] }], blocks: [] }],
  ['CloudWatch fields with odd values', { text: '', attachments: [{ fields: [{ title: 'Alarm Name', value: '``' }, { title: 'Current State', value: '`MAYBE`' }] }], blocks: [], botId: 'B1' }],
];

describe('parsing never throws and always answers a valid alert', () => {
  it.each(hostile)('%s', (_name, input) => {
    const message = input as AlertMessage;
    const started = performance.now();
    const parsed = parseAlertMessage(message);
    // Catastrophic regex backtracking would take seconds (or forever) on these inputs.
    expect(performance.now() - started).toBeLessThan(5_000);
    expectValidAlert(parsed);
    for (const parser of [...ALERT_PARSERS, genericParser]) {
      expect(() => parser.parse(message), parser.source).not.toThrow();
    }
  });

  it('never lets a label key reach an object prototype', () => {
    const parsed = parseAlertMessage({ text: '[FIRING:1] X\nLabels:\n - __proto__ = polluted\n - alertname = X', attachments: [], blocks: [], username: 'Alertmanager', botId: 'B1' });
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getPrototypeOf(parsed.labels)).toBe(Object.prototype);
  });

  it('survives a message whose properties throw when read', () => {
    const exploding = Object.defineProperty({}, 'text', {
      get() {
        throw new Error('boom');
      },
      enumerable: true,
    }) as AlertMessage;
    const explained = explainParse(exploding);
    expectValidAlert(explained.parsed);
    expect(explained.parser).toBe('generic');
  });

  it('keeps the generic parser as the last word for anything unrecognised', () => {
    const explained = explainParse(human('hello world'));
    expect(explained.tried).toEqual([...ALERT_PARSERS.map((p) => p.source), 'generic']);
    expect(explained.parser).toBe('generic');
  });
});
