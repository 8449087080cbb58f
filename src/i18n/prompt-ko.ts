import type { promptEn } from './prompt-en.js';

/** The questions the bot asks in an incident channel (setup, mitigation, update nudges), in Korean. */
export const promptKo: typeof promptEn = {
  setupIntro: '아직 빠진 정보가 있습니다. 가능할 때 답해 주세요:',
  setupSeverity: '*얼마나 심각한가요?* 심각도를 고르세요:',
  setupImpact: '*누가 어떻게 영향을 받나요?*',
  addImpact: '영향 입력',
  setupLead: '*아직 지휘자가 없습니다.*',
  leadSelf: '제가 지휘할게요',
  setupDone: '심각도, 영향, 지휘자가 모두 정해졌습니다.',
  mitigationQuestion: (who) => `${who} 고객 영향이 완화되었나요?`,
  mitigated: '완화됨',
  notYet: '아직',
  postUpdate: '업데이트 게시',
  nudge: (who, since) => `${who} ${since} 동안 상태 업데이트가 없습니다. 이해관계자들이 기다립니다. 게시할까요?`,
  snooze: (d) => `${d} 미루기`,
  answeredBy: (answer, who, when) => `✓ ${answer} — ${who}, ${when}`,
  expired: '더 이상 필요하지 않습니다.',
  answers: {
    mitigated: '완화됨',
    not_yet: '아직. 다시 묻겠습니다',
    post_update: '업데이트 게시 중',
    lead_self: '지휘를 맡음',
    severity: '심각도 지정됨',
    snoozed: (d) => `${d} 미룸`,
  },
  handoffPending: (who, when) => `⏳ ${who} 님에게 지휘 인계 확인 대기 중 (${when}부터)`,
};
