import type { sloEn } from './slo-en.js';

/** What the bot says about an SLO's burn (triage reply and summary card), in Korean. */
export const sloKo: typeof sloEn = {
  slo: (title, objective, period) => `SLO *${title}*${objective ? ` ${objective}` : ''}${period ? ` / ${period}` : ''}`,
  days: (n) => `${n}일`,
  burning: (rate, window) => `소진 속도 ${rate}${window ? ` (${window})` : ''}`,
  atLeast: (rate) => `최소 ${rate}`,
  budgetLeft: (percent) => `예산 ${percent} 남음`,
  budgetSpent: '예산 소진됨',
  goneIn: (duration) => `이 속도면 약 ${duration} 후 소진`,
  goneWithin: (duration) => `이 속도면 길어야 약 ${duration} 후 소진`,
  aboutDays: (n) => `${n}일`,
  tiers: { 'fast-page': '빠른 소진 (호출)', page: '호출', 'slow-page': '느린 소진 (호출)', ticket: '티켓' },
  firingTier: (tier) => `발생 중: ${tier}`,
  quiet: (stopped, firing) => `${stopped} 멈춤, ${firing} 계속 발생 중`,
  noneFiring: '발생 중인 단계 없음',
  fromPrometheus: 'Prometheus에서 읽은 수치',
  fromLabels: '알림 레이블의 수치',
  prometheusUnavailable: (timeout) => `Prometheus가 ${timeout} 안에 응답하지 않음: 알림 레이블의 수치`,
  suggested: (severity, why) => `제안 심각도: *${severity}* — ${why}`,
  reasons: {
    'fast-burn': '빠른 소진',
    page: '호출 알림',
    'slow-burn': '느린 소진',
    'budget-low': (share) => `남은 예산 ${share} 미만`,
    'runs-out': (within) => `이 속도면 예산 전체가 ${within} 안에 소진`,
  },
  ticket: '🎫 티켓: 인시던트는 제안하지 않음 — 업무 시간에 확인하세요',
  declareAs: (severity) => `${severity}(으)로 선언`,
};
