import { describe, expect, it } from 'vitest';
import type { AlertExplanation } from '../../app/explain-alert.js';
import type { ParsedAlert } from '../../domain/triage/alert.js';
import { alertFromMessage } from '../../domain/alerts/from-message.js';
import { explainParse } from '../../domain/triage/parsers/index.js';
import { messages } from '../../i18n/index.js';
import { renderAlertExplanation } from './alert-explanation.js';

const at = new Date('2026-11-24T10:00:00Z');

function explanation(parsed: ParsedAlert): AlertExplanation {
  return {
    alert: { id: 1, channelId: 'C0ALERTS', messageTs: '1795600800.000100', receivedAt: at, raw: '{}', parsed: alertFromMessage(parsed), groupId: null, revisedRaw: null, revisedAt: null, deletedAt: null },
    group: undefined,
    groupWindowMs: 3_600_000,
  };
}

/** A Flux info event (colour good): read as not an alert. */
const fluxInfo = explainParse({
  text: '',
  attachments: [{ color: 'good', author_name: 'kustomization/apps.flux-system', text: 'Deployment/apps/web configured' }],
  blocks: [],
  username: 'kustomize-controller',
  botId: 'B0FLUX0001',
}).parsed;

const shown = (rendered: { blocks: unknown[] }): string => JSON.stringify(rendered.blocks);

describe('triage explain, for a post read as not an alert', () => {
  it('says which signal decided it and how a rule would change it', () => {
    const text = shown(renderAlertExplanation(explanation(fluxInfo), messages('en')));
    expect(text).toContain('*Not an alert, because*: Flux info event: not an alert; decided by green attachment colour (good)');
    expect(text).toContain('add a triage rule that names the tool: `{ match: { source: flux, text: \\"(?i)…\\" }, action: suggest }`');
    expect(text).toContain('Not grouped: it says nothing is wrong');
  });

  it("says what decided a person's question, and that a rule cannot make a question fire", () => {
    const question = explainParse({ text: 'Seeing 502 errors on checkout since 10:02, anyone else?', attachments: [], blocks: [], username: null, botId: null }).parsed;
    const text = shown(renderAlertExplanation(explanation(question), messages('en')));
    expect(text).toContain('asks whether others see it (\\"anyone else\\")');
    expect(text).toContain('(a question never does)');
  });

  it('keeps the plain "Why" for alerts', () => {
    const firing = explainParse({ text: '', attachments: [{ color: 'danger', title: 'Nightly ETL failed' }], blocks: [], username: null, botId: 'B0TOOL' }).parsed;
    const text = shown(renderAlertExplanation(explanation(firing), messages('en')));
    expect(text).toContain('*Why*: unknown integration: a failure signal');
    expect(text).not.toContain('Not an alert');
  });

  it('says the same in Korean', () => {
    const text = shown(renderAlertExplanation(explanation(fluxInfo), messages('ko')));
    expect(text).toContain('*알림이 아닌 이유*: Flux info event: not an alert; decided by green attachment colour (good)');
    expect(text).toContain('도구를 지정한 분류 규칙을 추가하세요');
    expect(text).toContain('*flux(으)로 해석*');
  });
});
