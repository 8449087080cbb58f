import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from './server.js';
import { connectWebClient, slackError } from './web-client.js';

let fake: FakeSlack;
let slack: WebClient;

beforeEach(async () => {
  fake = await FakeSlack.start({ botToken: 'xoxb-blocks' });
  fake.addChannel({ id: 'C0GENERAL', name: 'general' });
  slack = connectWebClient(fake);
});
afterEach(async () => fake.stop());

const plain = (text: string) => ({ type: 'plain_text', text });
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (actionId: string, extra: Record<string, unknown> = {}) => ({ type: 'button', action_id: actionId, text: plain('Go'), ...extra });
const option = (value: string, text = 'Option') => ({ text: plain(text), value });

/** Posts blocks through a real WebClient (form-encoded, blocks JSON-stringified) and returns Slack's verdict. */
async function verdict(blocks: unknown[], text = 'fallback'): Promise<string> {
  try {
    await slack.apiCall('chat.postMessage', { channel: 'C0GENERAL', text, blocks });
    return 'ok';
  } catch (e) {
    const failure = await slackError(Promise.reject(e));
    return [failure.error, ...failure.messages].join(' ');
  }
}

describe('message blocks', () => {
  it.each([
    ['50 blocks', Array.from({ length: 50 }, () => ({ type: 'divider' })), 'ok'],
    ['51 blocks', Array.from({ length: 51 }, () => ({ type: 'divider' })), 'invalid_blocks [ERROR] no more than 50 items allowed [json-pointer:/blocks]'],
    ['3000-char section', [section('x'.repeat(3000))], 'ok'],
    ['3001-char section', [{ type: 'divider' }, { type: 'divider' }, section('x'.repeat(3001))], 'invalid_blocks [ERROR] must be less than 3001 characters [json-pointer:/blocks/2/text/text]'],
    ['section without text or fields', [{ type: 'section' }], 'invalid_blocks [ERROR] missing required field: text [json-pointer:/blocks/0]'],
    ['11 fields', [{ type: 'section', fields: Array.from({ length: 11 }, () => plain('f')) }], 'invalid_blocks [ERROR] no more than 10 items allowed [json-pointer:/blocks/0/fields]'],
    ['2001-char field', [{ type: 'section', fields: [plain('x'.repeat(2001))] }], 'invalid_blocks [ERROR] must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]'],
    ['150-char header', [{ type: 'header', text: plain('x'.repeat(150)) }], 'ok'],
    ['151-char header', [{ type: 'header', text: plain('x'.repeat(151)) }], 'invalid_blocks [ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]'],
    ['mrkdwn header', [{ type: 'header', text: { type: 'mrkdwn', text: '*x*' } }], 'invalid_blocks [ERROR] must be plain_text [json-pointer:/blocks/0/text/type]'],
    ['empty plain_text', [{ type: 'header', text: plain('') }], 'invalid_blocks [ERROR] must be more than 0 characters [json-pointer:/blocks/0/text/text]'],
    ['26 actions', [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button(`b${i}`)) }], 'invalid_blocks [ERROR] no more than 25 items allowed [json-pointer:/blocks/0/elements]'],
    ['76-char button text', [{ type: 'actions', elements: [{ ...button('b'), text: plain('x'.repeat(76)) }] }], 'invalid_blocks [ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]'],
    ['2001-char button value', [{ type: 'actions', elements: [button('b', { value: 'x'.repeat(2001) })] }], 'invalid_blocks [ERROR] must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]'],
    ['256-char action_id', [{ type: 'actions', elements: [button('x'.repeat(256))] }], 'invalid_blocks [ERROR] must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]'],
    ['75-char option value', [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: [option('x'.repeat(75))] }] }], 'ok'],
    ['76-char option value', [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: [option('x'.repeat(76))] }] }], 'invalid_blocks [ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/value]'],
    ['76-char option text', [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: [option('v', 'x'.repeat(76))] }] }], 'invalid_blocks [ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/options/0/text/text]'],
    ['101 options', [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: Array.from({ length: 101 }, (_, i) => option(`v${i}`)) }] }], 'invalid_blocks [ERROR] no more than 100 items allowed [json-pointer:/blocks/0/elements/0/options]'],
    ['11 context elements', [{ type: 'context', elements: Array.from({ length: 11 }, () => plain('c')) }], 'invalid_blocks [ERROR] no more than 10 items allowed [json-pointer:/blocks/0/elements]'],
    ['duplicate block_id', [{ ...section('a'), block_id: 'card' }, { ...section('b'), block_id: 'card' }], 'invalid_blocks [ERROR] duplicate block_id: card [json-pointer:/blocks/1/block_id]'],
    ['duplicate action_id across blocks', [{ type: 'actions', elements: [button('go')] }, { type: 'actions', elements: [button('go')] }], 'invalid_blocks [ERROR] duplicate action_id: go [json-pointer:/blocks/1/elements/0/action_id]'],
    ['unknown block type', [{ type: 'sectoin' }], 'invalid_blocks [ERROR] unsupported type: sectoin [json-pointer:/blocks/0/type]'],
  ])('%s', async (_name, blocks, expected) => {
    expect(await verdict(blocks)).toBe(expected);
  });

  it('answers msg_too_long over 40000 characters of text', async () => {
    expect(await verdict([], 'x'.repeat(40_000))).toBe('ok');
    expect(await verdict([], 'x'.repeat(40_001))).toBe('msg_too_long');
  });

  it('answers msg_blocks_too_long when block text adds up past ~13,100 characters, every block within its own limit', async () => {
    expect(await verdict(Array.from({ length: 4 }, () => section('x'.repeat(3_000))))).toBe('ok');
    expect(await verdict(Array.from({ length: 5 }, () => section('x'.repeat(2_900))))).toBe('msg_blocks_too_long');
  });

  it('stores blocks with a block_id filled in, as Slack does', async () => {
    const { ts = '' } = await slack.chat.postMessage({ channel: 'C0GENERAL', text: 'card', blocks: [section('hi'), { ...section('x'), block_id: 'mine' }] });
    const stored = fake.message('C0GENERAL', ts)?.blocks ?? [];
    expect(stored[0]).toMatchObject({ type: 'section', block_id: expect.any(String) });
    expect(stored[1]).toMatchObject({ block_id: 'mine' });
  });

  it('validates chat.update too', async () => {
    const { ts = '' } = await slack.chat.postMessage({ channel: 'C0GENERAL', text: 'card' });
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect((await slackError(slack.apiCall('chat.update', { channel: 'C0GENERAL', ts, blocks: tooMany }))).error).toBe('invalid_blocks');
  });
});

describe('modal views', () => {
  const modal = (extra: Record<string, unknown>) => ({ type: 'modal', title: plain('Declare an incident'), submit: plain('Declare'), blocks: [], ...extra });
  const open = async (view: unknown): Promise<string> => {
    try {
      await slack.apiCall('views.open', { trigger_id: fake.issueTrigger(), view });
      return 'ok';
    } catch (e) {
      const failure = await slackError(Promise.reject(e));
      return [failure.error, ...failure.messages].join(' ');
    }
  };
  const input = (blockId: string, element: Record<string, unknown>) => ({ type: 'input', block_id: blockId, label: plain('Label'), element });

  it.each([
    ['24-char title', modal({ title: plain('x'.repeat(24)) }), 'ok'],
    ['25-char title', modal({ title: plain('x'.repeat(25)) }), 'invalid_arguments [ERROR] must be less than 25 characters [json-pointer:/view/title/text]'],
    ['25-char submit', modal({ submit: plain('x'.repeat(25)) }), 'invalid_arguments [ERROR] must be less than 25 characters [json-pointer:/view/submit/text]'],
    ['3001-char private_metadata', modal({ private_metadata: 'x'.repeat(3001) }), 'invalid_arguments [ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]'],
    ['101 blocks', modal({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }), 'invalid_arguments [ERROR] no more than 100 items allowed [json-pointer:/view/blocks]'],
    ['input without element', modal({ blocks: [{ type: 'input', label: plain('Title') }] }), 'invalid_arguments [ERROR] missing required field: element [json-pointer:/view/blocks/0]'],
    ['input without submit', { type: 'modal', title: plain('T'), blocks: [input('t', { type: 'plain_text_input', action_id: 'value' })] }, 'invalid_arguments [ERROR] submit is required when a view has input blocks [json-pointer:/view/submit]'],
    ['same action_id in two inputs', modal({ blocks: [input('a', { type: 'plain_text_input', action_id: 'value' }), input('b', { type: 'plain_text_input', action_id: 'value' })] }), 'ok'],
    ['76-char option value in a modal', modal({ blocks: [input('sev', { type: 'static_select', action_id: 'value', options: [option('x'.repeat(76))] })] }), 'invalid_arguments [ERROR] must be less than 76 characters [json-pointer:/view/blocks/0/element/options/0/value]'],
    ['home view via views.open', { type: 'home', blocks: [] }, 'invalid_arguments [ERROR] must be a valid enum value [json-pointer:/view/type]'],
  ])('%s', async (_name, view, expected) => {
    expect(await open(view)).toBe(expected);
  });
});
