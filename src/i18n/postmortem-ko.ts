import { formatDuration } from '../domain/duration.js';
import type { PostmortemWords } from '../domain/postmortem/words.js';
import type { draftSlackEn } from './postmortem-en.js';

function answerLabel(answer: string): string {
  if (answer.startsWith('severity:')) return '심각도 지정';
  if (answer.startsWith('snooze:')) return `${formatDuration(Number(answer.slice('snooze:'.length)))} 미룸`;
  const known: Record<string, string> = { mitigated: '완화됨', not_yet: '아직', post_update: '업데이트 게시', lead_self: '지휘를 맡음' };
  return known[answer] ?? answer;
}

/** 포스트모템 초안과 타임라인 메시지 (한국어). */
export const postmortemKo: Omit<PostmortemWords, 'status'> = {
  title: (ref, title) => `${ref} · ${title} — 포스트모템 초안`,
  commander: '지휘자',
  participants: '참여자',
  noCommander: '지휘자 없음',
  nobody: '없음',
  noSeverity: '심각도 없음',
  version: (n) => `버전 ${n}`,
  supersedes: (_n, previous) => `버전 ${previous}을(를) 대체합니다`,
  generated: (when) => `${when}에 인시던트 기록으로 생성`,
  headings: {
    summary: '요약',
    impact: '영향',
    detection: '탐지',
    durations: '소요 시간',
    timeline: (timeZone) => `타임라인 (${timeZone})`,
    resolution: '해결',
    cause: '원인',
    whys: '5 Whys (다섯 번의 왜)',
    wentWell: '잘된 점',
    wentPoorly: '아쉬운 점',
    lucky: '운이 좋았던 점',
    actionItems: '후속 조치',
  },
  summary: (ref, title, at, by) => `${ref} “${title}”은(는) ${at}에 ${by} 님이 선언했습니다.`,
  summaryClosed: (status, at) => `${at}에 ${status} 상태가 되었습니다.`,
  summaryOpen: (status) => `아직 열려 있습니다 (${status}).`,
  lastUpdate: '최근 상태 업데이트',
  noImpact: '영향이 기록되지 않았습니다.',
  detectedByAlert: (name, source, at) => `첫 알림: ${source}의 ${name} (${at}).`,
  declaredManually: (by, at) => `${by} 님이 ${at}에 직접 선언했습니다 (알림에서 시작되지 않음).`,
  noResolution: '해결 내용이 입력되지 않았습니다.',
  noCause: '아직 원인이 입력되지 않았습니다.',
  durationNames: { detect: '탐지까지', acknowledge: '확인까지', mitigate: '완화까지', resolve: '해결까지' },
  milestoneNames: {
    impactStartedAt: '영향 시작',
    detectedAt: '탐지',
    declaredAt: '선언',
    acknowledgedAt: '확인',
    mitigatedAt: '완화',
    resolvedAt: '해결',
  },
  unknown: '알 수 없음',
  missingMilestone: (names) => `“${names}” 시각이 기록되지 않음`,
  noTimeline: '타임라인이 비어 있습니다.',
  why: (n, title) => (n === 1 ? `“${title}”은(는) 왜 일어났나요?` : '그건 왜 일어났나요?'),
  whyPrompt: '여기에 답하세요',
  whysIntro: '조치할 수 있는 원인에 닿을 때까지 “왜?”를 물으세요. 각 답이 다음 질문이 됩니다.',
  prompts: {
    summary: '두세 문장으로 적어 주세요: 무슨 일이 있었고, 누가 알아챘고, 어떻게 끝났나요?',
    impact: '누가, 얼마나 많이, 얼마 동안 영향을 받았나요? 가능하면 숫자로 적으세요.',
    detection: '더 빨리 알아챌 수 있었을까요? 무엇이 알려 줄 수 있었을까요?',
    wentWell: '도움이 된 것: 도구, 알림, 사람, 런북.',
    wentPoorly: '대응을 늦추거나 상황을 악화시킨 것.',
    lucky: '우연히 잘 풀린 것, 다음에는 기대면 안 되는 것.',
  },
  owner: (who) => `담당 ${who}`,
  noActionItems: '아직 후속 조치가 없습니다. /incident followup <내용> [@담당자]로 추가한 뒤 다시 생성하세요.',
  footer: (definitions) =>
    `소요 시간: ${definitions}. “알 수 없음”은 그 시점이 기록되지 않았다는 뜻이며, 추정하지 않습니다. incident-bot이 기록으로 생성했습니다. 자유롭게 고치세요.`,
  definition: (duration, to, from) => `${duration} = ${to} − ${from}`,
  events: {
    declared: (title, severity) => `“${title}” ${severity}(으)로 선언`,
    severityChanged: (from, to) => `심각도 ${from} → ${to}`,
    statusChanged: (from, to) => `상태 ${from} → ${to}`,
    commanderChanged: (to) => `${to} 님이 지휘`,
    leadRequested: (to) => `${to} 님에게 지휘 요청`,
    leadDeclined: (from) => `지휘 요청 거절, ${from} 님이 계속 지휘`,
    statusUpdate: '상태 업데이트',
    note: '메모',
    followUp: '후속 조치',
    pinned: '고정',
    impactChanged: '영향',
    alert: '알림',
    channelCreated: '채널 생성',
    promptAnswered: (answer) => `봇 질문에 답함: ${answerLabel(answer)}`,
  },
};

export const draftSlackKo: typeof draftSlackEn = {
  continued: '(계속)',
  part: (ref, version, part, parts) => `${ref} 포스트모템 초안 v${version} (${part}/${parts})`,
  alertLink: (ref, version, link) => `📝 ${ref}의 포스트모템 초안(v${version})이 인시던트 스레드에 있습니다: ${link}`,
  openDraft: '초안 열기',
  posting: (ref, version, supersedes) =>
    `${ref}의 포스트모템 초안 v${version}을(를) 요약 카드 스레드에 게시하는 중입니다${supersedes === null ? '' : ` (v${supersedes}을(를) 대체)`}.`,
  stats: {
    heading: (period) => `최근 ${period} 동안 선언된 인시던트`,
    total: (n, declined) => `인시던트 ${n}건${declined > 0 ? ` (기각 ${declined}건은 제외)` : ''}`,
    bySeverity: '심각도별',
    noSeverity: '심각도 없음',
    durations: '소요 시간 (중앙값 · p90, 최근접 순위법)',
    line: (name, median, p90, n) => `${name}: 중앙값 ${median} · p90 ${p90} — 인시던트 ${n}건 기준`,
    noData: (name) => `${name}: 두 시점이 모두 기록된 인시던트가 없습니다`,
    none: '이 기간에 선언된 인시던트가 없습니다.',
  },
};
