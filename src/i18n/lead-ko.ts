import type { leadEn } from './lead-en.js';

/** The DMs of a lead handoff, in Korean. */
export const leadKo: typeof leadEn = {
  briefing: (ref, by) => `${by} 님이 ${ref} 지휘를 요청했습니다. 현재 상황을 확인하고 '확인'을 눌러 지휘를 이어받거나 '거절'하세요.`,
  currentState: '현재 상태',
  openFollowUps: '열린 후속 조치',
  tried: '지금까지 시도한 것 (지난 인계 이후 메모와 업데이트)',
  none: '없음',
  channelLink: (channel) => `${channel}에 참여해 지휘를 이어받으세요.`,
  channel: (channel) => `인시던트 채널: ${channel}`,
  acknowledge: '확인',
  decline: '거절',
  reminder: (ref, by, asked) => `알림: ${by} 님이 ${ref} 지휘를 요청했습니다 (${asked}). 확인해 지휘를 이어받거나, 다른 사람에게 요청할 수 있도록 거절해 주세요.`,
  waiting: (ref, who, asked) => `${who} 님이 아직 ${ref} 인계를 확인하지 않았습니다 (요청: ${asked}). 여전히 지휘자입니다.`,
  youTookOver: (ref, from, when) => `✓ ${from} 님의 인계를 확인하고 ${ref} 지휘를 이어받았습니다 (${when}).`,
  theyTookOver: (ref, who, when) => `✓ ${who} 님이 ${ref} 인계를 확인하고 지휘를 이어받았습니다 (${when}). 이제 물러나도 됩니다.`,
  youDeclined: (ref, from, when) => `${ref} 지휘 요청을 거절했습니다 (${when}). ${from} 님이 계속 지휘했습니다.`,
  theyDeclined: (ref, who, when) => `${who} 님이 ${ref} 지휘 요청을 거절했습니다 (${when}). 계속 지휘자였습니다. 다른 사람에게 요청하려면: \`/incident lead @user\``,
  youReplaced: (ref, by, next, when) => `종료됨: ${by} 님이 대신 ${next} 님에게 ${ref} 지휘를 요청했습니다 (${when}). 하실 일은 없습니다.`,
  theyReplaced: (ref, who, by, next, when) => `${who} 님에게 한 ${ref} 인계 요청이 바뀌었습니다: ${by} 님이 대신 ${next} 님에게 요청했습니다 (${when}).`,
  youWithdrawn: (ref, status, when) => `확인하기 전에 ${ref}가 ${status} 상태로 종료되어 (${when}) 인계가 철회되었습니다. 이어받을 것이 없습니다.`,
  theyWithdrawn: (ref, who, status, when) => `${who} 님이 확인하기 전에 ${ref}가 ${status} 상태로 종료되어 (${when}) 인계가 철회되었습니다. 계속 지휘자였습니다.`,
  withdrawn: (ref, when) => `${ref} 인계가 철회되었습니다 (${when}).`,
  settled: (ref, commander) => `${ref} 지휘 인계가 정리되었습니다: ${commander} 님이 지휘합니다.`,
};
