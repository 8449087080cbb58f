import type { triageEn } from './triage-en.js';

/** The triage reply on an alert group, in Korean. */
export const triageKo: typeof triageEn = {
  firing: (n) => `🔥 발생 중: 인스턴스 ${n}개`,
  resolved: '✅ 해소됨',
  alerts: (n) => `알림 메시지 ${n}건`,
  countsDiffer: '반복·해소 메시지도 모두 한 건으로 세며, 메시지 하나가 인스턴스 여러 개를 알릴 수 있습니다',
  firstSeen: '처음',
  lastSeen: '마지막',
  source: '출처',
  count: '메시지',
  whyGrouped: (fields, window) => `묶은 이유: ${window} 안에 같은 ${fields}`,
  rule: (n, action, severity) => `규칙 #${n}: ${action}${severity ? ` (${severity})` : ''}`,
  acknowledged: (who, after) => `👀 ${who} 님이 ${after} 만에 확인`,
  acknowledgedVia: (tool, after) => `👀 ${tool}에서 ${after} 만에 확인`,
  muted: (until) => `🔕 ${until}까지 음소거: 이후 알림은 저장만 합니다`,
  dismissed: (who) => `인시던트 아님 — ${who}`,
  declared: (ref, channel) => `🚨 ${ref}(으)로 선언됨 ${channel}`,
  declaredPrivately: '🚨 비공개 인시던트로 선언됨',
  declare: '인시던트 선언',
  acknowledge: '확인',
  mute: '음소거…',
  muteFor: (d) => `${d} 음소거`,
  dismiss: '인시던트 아님',
  behind: (waiting, every) => `⏳ 알림 폭주: 아직 읽지 않은 메시지 ${waiting}건. 따라잡을 때까지 이 답글은 ${every}마다 갱신됩니다. 버리는 알림은 없습니다.`,
};
