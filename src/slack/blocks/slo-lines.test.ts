import { describe, expect, it } from 'vitest';
import type { SloReport } from '../../app/slo-report.js';
import { DEFAULT_SEVERITIES } from '../../config-schema.js';
import { DAY_MS, HOUR_MS } from '../../domain/slo/burn-rate.js';
import type { SloView } from '../../domain/slo/slo-view.js';
import { messages } from '../../i18n/index.js';
import { declareAsButton, sloSection } from './slo-lines.js';

const severities = DEFAULT_SEVERITIES.map((s) => ({ id: s.id, label: s.label, description: s.description, announce: true }));
const policy = { raiseBelowBudget: 0.25, raiseWithinMs: DAY_MS };

const view = (change: Partial<SloView> = {}): SloView => ({
  generator: 'sloth',
  id: 'checkout-availability',
  title: 'checkout availability',
  service: 'checkout',
  objective: 0.999,
  periodMs: 30 * DAY_MS,
  tier: 'fast-page',
  quietTiers: [],
  burn: { rate: 16.2, windowMs: HOUR_MS, atLeast: false },
  budgetLeft: 0.37,
  exhaustionMs: (30 * DAY_MS) / 16.2,
  suggestion: { kind: 'declare', severity: 'sev2', reason: 'fast-burn' },
  measured: true,
  ...change,
});

const shown = (report: SloReport, locale: 'en' | 'ko' = 'en'): string => {
  const block = sloSection({ report, severities, policy, timeoutMs: 2_000 }, messages(locale));
  return block.type === 'section' ? (block.text?.text ?? '') : '';
};

describe('an SLO’s burn as a person reads it', () => {
  it('in English, as the issue words it', () => {
    expect(shown({ view: view(), numbers: 'prometheus' })).toBe(
      '📉 SLO *checkout availability* 99.9 % / 30 d · burning 16.2× (1h) · 37 % of budget left · gone in about 1.9 days at this rate\n' +
        'Firing: fast burn (page) · numbers from Prometheus\n' +
        'Suggested severity: *SEV2* — fast burn',
    );
  });

  it('in Korean', () => {
    expect(shown({ view: view({ suggestion: { kind: 'declare', severity: 'sev1', reason: 'budget-low' }, budgetLeft: 0.12 }), numbers: 'prometheus-unavailable' }, 'ko')).toBe(
      '📉 SLO *checkout availability* 99.9 % / 30일 · 소진 속도 16.2× (1h) · 예산 12 % 남음 · 이 속도면 약 1.9일 후 소진\n' +
        '발생 중: 빠른 소진 (호출) · Prometheus가 2s 안에 응답하지 않음: 알림 레이블의 수치\n' +
        '제안 심각도: *SEV1* — 남은 예산 25 % 미만',
    );
  });

  it('a ticket is a note with no button; a budget spent says so; a faster tier stopped is said', () => {
    const ticket: SloReport = { view: view({ tier: 'ticket', suggestion: { kind: 'ticket' }, budgetLeft: -2 }), numbers: 'labels' };
    expect(shown(ticket)).toContain('budget spent');
    expect(shown(ticket)).toContain('🎫 Ticket: no incident suggested');
    expect(declareAsButton(ticket, 7, severities, messages('en'))).toBeNull();
    const calmer: SloReport = { view: view({ tier: 'slow-page', quietTiers: ['fast-page'] }), numbers: 'labels' };
    expect(shown(calmer)).toContain("fast burn (page) stopped; slow burn (page) still firing · numbers from the alert's labels");
    expect(declareAsButton({ view: view(), numbers: 'labels' }, 7, severities, messages('ko'))).toMatchObject({ action_id: 'triage.declare_as', value: '7:sev2', text: { text: 'SEV2(으)로 선언' } });
  });
});
