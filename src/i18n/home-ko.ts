import type { homeEn } from './home-en.js';

/** The App Home ("what needs me now") and `/incident followups`, in Korean. */
export const homeKo: typeof homeEn = {
  title: '지금 나를 기다리는 일',
  waiting: '⏳ 내 응답을 기다리는 중',
  leadAsked: (by, when) => `${by} 님이 이 인시던트의 지휘를 요청했습니다 (${when}). 확인하면 지휘를 넘겨받고, 거절할 수도 있습니다.`,
  shiftHanded: (outgoing, rotation, when) => `${outgoing} 님이 *${rotation}* 온콜 근무를 넘겼습니다 (${when}). 확인해야 근무를 마칠 수 있습니다.`,
  yours: '🧯 내 인시던트',
  youLead: '지휘 중',
  youRespond: '대응 중',
  others: '📋 그 밖의 열린 인시던트',
  opened: (when) => `${when} 선언`,
  followUps: '✅ 내 후속 조치',
  onCall: '📟 온콜',
  youNow: (rotation, until) => `*${rotation}* 온콜 근무 중입니다 (${until}까지).`,
  youNowOpenEnded: (rotation) => `*${rotation}* 온콜 근무 중입니다.`,
  youNext: (rotation, from) => `다음 *${rotation}* 근무는 ${from}에 시작합니다.`,
  resolved: '🏁 최근 해결됨',
  resolvedAt: (when) => `${when} 해결`,
  draft: '포스트모템 초안',
  noDraft: '포스트모템 초안 아직 게시 전',
  more: (n, command) => `…외 ${n}건: \`${command}\``,
  moreInDms: (n) => `…외 ${n}건은 봇이 보낸 DM에 있습니다.`,
  emptyTitle: '지금은 기다리는 일이 없습니다. 🌤',
  emptyHint: '인시던트, 인수인계, 후속 조치가 생기면 여기에 나옵니다. 가장 많이 쓰는 명령:',
  emptyCommands: ['`/incident declare [제목]` 인시던트 선언', '`/incident list` 열린 인시던트', '`/incident oncall` 지금 온콜인 사람'],
  noticeTitle: 'incident-bot',
  noticeClose: '확인',
  followUpList: {
    heading: (n) => `내 미완료 후속 조치 ${n}건`,
    empty: '미완료 후속 조치가 없습니다. 🎉',
  },
};
