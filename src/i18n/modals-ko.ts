import type { modalsEn } from './modals-en.js';

/** The incident modals (impact, declare, resolve, update, lead), in Korean; spread into the catalog at its top level. */
export const modalsKo: typeof modalsEn = {
  impactModal: {
    title: '고객 영향',
    submit: '저장',
    label: '누가 어떻게 영향을 받나요?',
  },
  declareModal: {
    title: '인시던트 선언',
    submit: '선언',
    cancel: '취소',
    titleLabel: '제목',
    titlePlaceholder: '무엇이 누구에게 고장났나요?',
    severityLabel: '심각도',
    impactLabel: '고객 영향',
    impactPlaceholder: '누가 어떻게 영향을 받나요?',
    commanderLabel: '인시던트 지휘자',
    privateLabel: '공개 범위',
    privateOption: '비공개 인시던트 (비공개 채널, 공지 안 함)',
  },
  resolveModal: {
    title: '인시던트 해결',
    submit: '해결',
    summaryLabel: '해결 요약',
    summaryPlaceholder: '무엇으로 해결했나요?',
    causeLabel: '원인',
    causePlaceholder: '지금 아는 범위에서 원인은?',
    impactStartLabel: '고객 영향은 언제 시작됐나요?',
    impactStartPlaceholder: (timeZone) => `14:05 또는 2026-11-23 14:05 (${timeZone} 기준)`,
  },
  updateModal: {
    title: '상태 업데이트 게시',
    submit: '게시',
    textLabel: '업데이트',
    textPlaceholder: '무엇을 알고, 무엇을 하고 있으며, 다음 업데이트는 언제인가요?',
  },
  leadModal: {
    title: '지휘 인계',
    submit: '인계',
    userLabel: '새 인시던트 지휘자',
  },
};
