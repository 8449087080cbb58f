/** The guide's first message in #general: what to try, in the order that shows the bot best. */
import type { FakeSlack } from '../test/fake-slack/server.js';
import { CHANNELS, INTEGRATIONS } from './demo-workspace.js';

const GUIDE = {
  en: [
    '*Welcome to the incident-bot playground.* This Slack is a fake one on your machine; the bot is the real one, answering the same requests it would get from Slack.',
    '1. *Declare*: type `/incident declare Checkout is down` in the box below and fill in the form.',
    `2. *Respond* in the new incident channel: the summary card’s buttons, \`/incident update …\`, \`/incident mitigated\`, \`/incident resolve\` (the postmortem draft lands in the card’s thread).`,
    `3. *Triage*: press *Alert storm* at the top, open <#${CHANNELS.alerts.id}> and a thread; acknowledge, mute or declare from the triage reply.`,
    `4. *Time*: press *Fast-forward 15 minutes* to see the mitigation prompt and the shift handoff in <#${CHANNELS.oncall.id}>.`,
    'Switch person with *You are* at the top right. `/incident help` lists every command.',
  ],
  ko: [
    '*incident-bot 플레이그라운드에 오신 것을 환영합니다.* 이 Slack은 내 컴퓨터에서 도는 가짜이고, 봇은 진짜입니다. Slack에서 받을 요청을 그대로 받습니다.',
    '1. *선언*: 아래 입력창에 `/incident declare 결제 장애` 를 입력하고 양식을 채우세요.',
    '2. *대응*: 새 인시던트 채널에서 요약 카드의 버튼, `/incident update …`, `/incident mitigated`, `/incident resolve` (포스트모템 초안은 카드 스레드에 올라옵니다).',
    `3. *분류*: 위의 *Alert storm* 을 누르고 <#${CHANNELS.alerts.id}> 의 스레드를 열어 확인(Acknowledge), 음소거, 선언을 해 보세요.`,
    `4. *시간*: *Fast-forward 15 minutes* 를 누르면 완화 확인 질문과 <#${CHANNELS.oncall.id}> 의 교대 인계가 나옵니다.`,
    '오른쪽 위 *You are* 에서 사람을 바꿀 수 있습니다. `/incident help` 는 모든 명령을 보여 줍니다.',
  ],
} as const;

export function postWelcome(fake: FakeSlack, locale: 'en' | 'ko'): void {
  const lines = GUIDE[locale];
  fake.postMessage(CHANNELS.general.id, {
    botId: INTEGRATIONS.guide.botId,
    text: lines[0],
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: lines[0] } },
      { type: 'section', text: { type: 'mrkdwn', text: lines.slice(1, -1).join('\n') } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: lines[lines.length - 1] ?? '' }] },
    ],
  });
}
