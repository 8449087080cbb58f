import { describe, expect, it } from 'vitest';
import { expectValidAlert, human } from '../../../../test/support/parsed-alert.js';
import type { AlertMessage } from '../alert.js';
import { ALERT_PARSERS, explainParse, genericParser, parseAlertMessage, viewMessage } from './index.js';

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
