import type { errorsEn } from './errors-en.js';

/** What a user reads when a command, button or form is refused, in Korean. */
export const errorsKo: typeof errorsEn = {
  unknownSubcommand: (input) => `\`${input}\`은(는) 알 수 없는 명령입니다. \`/incident help\`를 보세요.`,
  missingArgument: (usage) => `인자가 더 필요합니다: \`${usage}\``,
  invalidArgument: (input, usage) => `\`${input}\`은(는) 여기에 맞지 않습니다. 형식: \`${usage}\``,
  invalidTime: (input, timeZone) => `"${input}"은(는) 읽을 수 있는 시각이 아닙니다. 14:05 또는 2026-11-23 14:05 형식으로 적으세요 (${timeZone} 기준).`,
  timeInFuture: '미래의 시각입니다.',
  invalidUser: (input) => `"${input}"은(는) Slack 사용자가 아닙니다. \`/incident lead @이름\`처럼 멘션하세요.`,
  unknownUser: (userId) => `이 워크스페이스에서 <@${userId}> 사용자를 찾을 수 없습니다.`,
  botUser: (userId) => `<@${userId}>은(는) 봇입니다. 사람이 지휘해야 합니다.`,
  notFound: (ref) => `${ref} 인시던트가 없습니다. \`/incident list\`로 열린 인시던트를 보세요.`,
  noIncidentHere: (usage) =>
    `이 채널은 인시던트 채널이 아닙니다. 인시던트 채널에서 실행하거나 번호를 붙이세요: \`${usage.replace('/incident ', '/incident <번호> ')}\``,
  invalidTransition: (from, to, allowed) => `${from}에서 ${to}(으)로 바꿀 수 없습니다. 가능한 상태: ${allowed}.`,
  alreadyInStatus: (status) => `이미 ${status} 상태입니다.`,
  unknownSeverity: (input, known) => `"${input}"은(는) 심각도가 아닙니다. 다음 중 하나: ${known}.`,
  sameSeverity: (severity) => `이미 ${severity}입니다.`,
  titleMissing: '인시던트 제목을 입력하세요.',
  textTooLong: (field, max, length) => `${field}이(가) ${length}자입니다. 최대 ${max}자입니다.`,
  textMissing: (field) => `${field}을(를) 비울 수 없습니다.`,
  textInvisible: (field) => `${field}이(가) 비어 보입니다. 보이지 않는 문자(폭 없는 공백, 방향 표시, 제어 문자)만 있습니다. 읽을 수 있는 내용을 적어 주세요.`,
  notIncidentMember: (ref, channelId) =>
    `${ref}은(는) <#${channelId}> 채널 멤버만 바꿀 수 있습니다. 누구나 참여할 수 있으니 참여한 뒤 다시 시도하세요. (보기는 멤버가 아니어도 됩니다: \`/incident status ${ref.replace('INC-', '')}\`)`,
  accessUnknown: (ref) =>
    `지금은 ${ref ?? '그 채널'}에 대한 접근 권한을 확인할 수 없습니다(Slack이 채널 멤버를 알려 주지 않습니다). 1분 뒤에 다시 시도하세요.`,
  joinFailed: (channelId) => `지금은 <#${channelId}> 채널에 초대할 수 없습니다. 1분 뒤에 다시 시도하거나 직접 참여하세요.`,
  controlNotRecognised: (what) =>
    what === 'button'
      ? '알 수 없는 버튼입니다. 이 일로 봇이 올린 메시지의 버튼이 아닙니다. 아무것도 바뀌지 않았습니다. `/incident` 명령을 쓰세요.'
      : '봇이 이 양식을 열어 드린 적이 없습니다(또는 업데이트 전의 양식입니다). 아무것도 바뀌지 않았습니다. 다시 여세요.',
  alreadyCommander: (userId) => `<@${userId}> 님이 이미 지휘 중입니다.`,
  incidentClosed: (status) => `이 인시던트는 ${status} 상태입니다. 먼저 다시 여세요: \`/incident reopen <사유>\``,
  alreadySubmitted: '이미 제출된 양식입니다.',
  notPendingLead: (pending) => (pending === null ? '답을 기다리는 지휘 인계가 없습니다.' : `<@${pending}> 님만 이 인계를 확인하거나 거절할 수 있습니다.`),
  leadAlreadyPending: (userId) => `<@${userId}> 님에게 이미 이 인시던트 지휘를 요청했고 아직 답이 없습니다. 알림이 갑니다. 다른 사람에게 요청하려면: \`/incident lead @user\``,
  groupNotFound: '그 알림 그룹은 더 이상 없습니다.',
  invalidMessageLink: (input) => `"${input}"은(는) Slack 메시지 링크가 아닙니다. 알림 메시지의 *링크 복사*를 쓰세요: \`/incident triage explain <링크>\``,
  alertNotFound: '그 메시지에 대해 저장된 알림이 없습니다. 알림 채널 메시지의 링크로 실행하세요.',
  groupAcknowledged: (by) => `<@${by}> 님이 이미 확인했습니다.`,
  groupHasIncident: (ref) => (ref === null ? '이 알림 그룹에는 이미 인시던트가 있습니다.' : `이 알림 그룹은 이미 ${ref}입니다.`),
  promptAnswered: (by) => (by === null ? '이미 닫힌 질문입니다.' : `<@${by}> 님이 이미 답했습니다.`),
  noRotations: '설정된 온콜 로테이션이 없습니다. 설정 파일의 `oncall.rotations`에 추가하세요.',
  whichRotation: (input, names) =>
    input === null ? `어느 로테이션인가요? 다음 중 하나를 적어 주세요: ${names}` : `"${input}" 로테이션은 없습니다. 로테이션: ${names}.`,
  handoffToSelf: (userId, rotation) => `<@${userId}> 님이 *${rotation}*을(를) 자기 자신에게 넘기게 됩니다. 로테이션에 다른 멤버가 필요합니다.`,
  handoffNotFound: '그 인수인계는 더 이상 없습니다.',
  notHandoffIncoming: (incoming) => `<@${incoming}> 님만 이 인수인계를 확인할 수 있습니다.`,
  notHandoffOutgoing: (outgoing) => `이 인수인계 메모는 <@${outgoing}> 님만 쓸 수 있습니다.`,
  overrideTooLong: (maxDays) => `대신 근무는 최대 ${maxDays}일입니다. \`8h\`나 \`2d\`처럼 더 짧게 적어 주세요.`,
  invalidDuration: (input) => `"${input}"은(는) 기간이 아닙니다. \`30m\`, \`2h\`, \`1d\`처럼 적어 주세요: \`/incident oncall override @사용자 2h\``,
  internal: '내부 오류가 발생했습니다. 아무것도 바뀌지 않았습니다. 다시 시도하고, 계속되면 관리자에게 알려주세요.',
  storeUnavailable: '지금은 봇의 데이터베이스가 변경을 받을 수 없어 저장하지 못했습니다. 1분 뒤에 다시 시도하세요.',
};
