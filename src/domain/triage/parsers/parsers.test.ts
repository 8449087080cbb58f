import { describe, expect, it } from 'vitest';
import { loadAlertFixtures } from '../../../../test/support/alert-fixtures.js';
import { ALERT_SOURCES, ALERT_STATUSES, MESSAGE_KINDS, type AlertMessage, type AlertSource, type ParsedAlert } from '../alert.js';
import { ALERT_PARSERS, explainParse, genericParser, parseAlertMessage, viewMessage } from './index.js';

const fixtures = loadAlertFixtures();

/** The ParsedAlert contract every parser's answer keeps, whatever it was given. */
function expectValidAlert(alert: ParsedAlert): void {
  expect(ALERT_SOURCES).toContain(alert.source);
  expect(MESSAGE_KINDS).toContain(alert.kind);
  expect(ALERT_STATUSES).toContain(alert.status);
  expect(alert.name.trim()).not.toBe('');
  expect(alert.name.length).toBeLessThanOrEqual(200);
  expect(alert.summary.trim()).not.toBe('');
  expect(alert.summary.length).toBeLessThanOrEqual(300);
  expect(alert.summary).not.toMatch(/\n/);
  expect(alert.reason.trim()).not.toBe('');
  if (alert.severity !== null) expect(alert.severity).toBe(alert.severity.toLowerCase());
  if (alert.subject !== null) expect(alert.subject).toBe(alert.subject.toLowerCase());
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

const human = (text: string): AlertMessage => ({ text, attachments: [], blocks: [], username: null, botId: null });

describe('generic heuristics on what people write', () => {
  const cases: [string, Pick<ParsedAlert, 'name' | 'service' | 'status' | 'severity'>][] = [
    ['502 errors spiking on checkout!!', { name: 'checkout 502 errors', service: 'checkout', status: 'firing', severity: null }],
    ['checkout is down again', { name: 'checkout down', service: 'checkout', status: 'firing', severity: 'critical' }],
    ['db latency back to normal now', { name: 'db latency', service: 'db', status: 'resolved', severity: null }],
    ['db-primary is down', { name: 'db-primary down', service: 'db-primary', status: 'firing', severity: 'critical' }],
    ['payments down', { name: 'payments down', service: 'payments', status: 'firing', severity: 'critical' }],
    ['checkout latency high', { name: 'checkout latency', service: 'checkout', status: 'firing', severity: null }],
    ['staging is slow', { name: 'staging is slow', service: null, status: 'firing', severity: null }],
    ['<!channel> the checkout service is DOWN', { name: 'checkout down', service: 'checkout', status: 'firing', severity: 'critical' }],
    ['Heads up: elevated 5xx on the payments API', { name: 'payments 5xx errors', service: 'payments', status: 'firing', severity: null }],
    ['search is not fixed yet', { name: 'search is not fixed yet', service: 'search', status: 'firing', severity: null }],
    ['resolved: login errors on web-01', { name: 'web-01 errors', service: 'web-01', status: 'resolved', severity: null }],
    ['warning: disk 91% on db-replica-2', { name: 'disk 91 on db-replica-2', service: 'db-replica-2', status: 'firing', severity: 'warning' }],
    ['Non-200 API errors on web-101', { name: 'web-101 errors', service: 'web-101', status: 'firing', severity: null }],
    ['checkout is back up', { name: 'checkout is back up', service: 'checkout', status: 'resolved', severity: null }],
    // Questions and talk: stored, never a firing group.
    ['is checkout back to normal?', { name: 'is checkout back to normal', service: 'checkout', status: 'info', severity: null }],
    ['is checkout down?', { name: 'checkout down', service: 'checkout', status: 'info', severity: null }],
    ['Has anyone noticed elevated error rates?', { name: 'has anyone noticed elevated error rates', service: null, status: 'info', severity: null }],
    ['anyone seeing 502s on checkout', { name: 'checkout 502 errors', service: 'checkout', status: 'info', severity: null }],
    ['we are rolling back the deploy', { name: 'we are rolling back the deploy', service: null, status: 'info', severity: null }],
    ['deploying now', { name: 'deploying now', service: null, status: 'info', severity: null }],
    ['thanks, on it', { name: 'thanks on it', service: null, status: 'info', severity: null }],
    ['no errors since the fix', { name: 'no errors since the fix', service: null, status: 'info', severity: null }],
    ['shutting down the old cluster tonight', { name: 'shutting down the old cluster tonight', service: null, status: 'info', severity: null }],
    ['checkout is down. anyone looking?', { name: 'checkout down', service: 'checkout', status: 'firing', severity: 'critical' }],
    // Issue 27: a report that asks whether others see it is a question; named by service and symptom all the same.
    ['Seeing 502 errors on checkout since 10:02, anyone else?', { name: 'checkout 502 errors', service: 'checkout', status: 'info', severity: null }],
    ['Seeing 502 errors on checkout since 10:02', { name: 'checkout 502 errors', service: 'checkout', status: 'firing', severity: null }],
    ['getting 502s on checkout. anyone else?', { name: 'checkout 502 errors', service: 'checkout', status: 'info', severity: null }],
    // A question without a question mark: "is X down", "on my end", a greeting before the question.
    ['is checkout down getting 502s on my end', { name: 'checkout 502 errors', service: 'checkout', status: 'info', severity: null }],
    ['hey is checkout down getting 502s', { name: 'checkout 502 errors', service: 'checkout', status: 'info', severity: null }],
    ['502s on checkout on my end', { name: 'checkout 502 errors', service: 'checkout', status: 'info', severity: null }],
    ['folks, anybody else seeing timeouts on payments', { name: 'payments timeouts', service: 'payments', status: 'info', severity: null }],
    ['the site is really down', { name: 'site down', service: 'site', status: 'firing', severity: 'critical' }],
    // The service before what it is doing wrong, tense words between; "has recovered" says which one is back.
    ['checkout is returning 502s for every request', { name: 'checkout 502 errors', service: 'checkout', status: 'firing', severity: null }],
    ['payments keeps timing out', { name: 'payments timeouts', service: 'payments', status: 'firing', severity: null }],
    ['search has recovered', { name: 'search has recovered', service: 'search', status: 'resolved', severity: null }],
    // Planned work said ahead of time is talk, however alarming its words.
    ['heads up, staging will be down for maintenance tonight', { name: 'heads up staging will be down for maintenance tonight', service: null, status: 'info', severity: null }],
    ['scheduled maintenance on the payments db: expect errors 02:00-02:30', { name: 'payments errors', service: 'payments', status: 'info', severity: null }],
  ];

  it.each(cases)('%s', (text, expected) => {
    const parsed = parseAlertMessage(human(text));
    expect(parsed.source).toBe('generic');
    expect(parsed.kind).toBe('person');
    expect(parsed).toMatchObject(expected);
    // One report per message; "it's back" is over as a whole; talk counts nothing.
    expect(parsed.count).toBe(parsed.status === 'firing' ? 1 : 0);
  });

  it("pairs a person's \"back up\" with the report it ends, however each is worded", () => {
    const report = parseAlertMessage(human('checkout is returning 502s for every request since the deploy'));
    const recovery = parseAlertMessage(human('checkout is back up, 502s are gone'));
    expect(report.subject).toBe('checkout');
    expect(recovery).toMatchObject({ status: 'resolved', subject: 'checkout' });
  });

  it('names repeats of the same complaint alike, so they group', () => {
    expect(parseAlertMessage(human('Checkout is DOWN!!')).name).toBe(parseAlertMessage(human('checkout is down')).name);
    expect(parseAlertMessage(human('checkout throwing 502s again')).name).toBe(parseAlertMessage(human('Seeing 502 errors on checkout since 10:02')).name);
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
    const view = viewMessage(message);
    for (const parser of [...ALERT_PARSERS, genericParser]) {
      expect(() => parser.detect(view), parser.source).not.toThrow();
      expect(() => parser.parse(view), parser.source).not.toThrow();
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
    expect(explained.tried).toEqual(['generic']);
    expect(explained.parser).toBe('generic');
    expect(explained.parsed).toMatchObject({ kind: 'person', status: 'info' });
  });
});
