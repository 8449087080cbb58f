/** The guide's first message in #general: what to try, in the README's order (each step shows what it says from a fresh start). */
import type { FakeSlack } from '../test/fake-slack/server.js';
import { CHANNELS, INTEGRATIONS } from './demo-workspace.js';

const GUIDE = {
  en: [
    '*Welcome to the incident-bot playground.* This Slack is a fake one on your machine; the bot is the real one, answering the same requests it would get from Slack.',
    '1. *Declare*: type `/incident declare Checkout is down` in the box below; in the form pick SEV1 or SEV2 and describe the impact.',
    `2. *Time*: press *Fast-forward 15 minutes*: the bot asks you, the commander, whether impact is mitigated, and hands Carol’s shift to you in <#${CHANNELS.oncall.id}>.`,
    '3. *Respond* on the summary card in the new incident channel: *Post update*, *Mitigated*, *Resolve* (the postmortem draft lands in the card’s thread).',
    `4. *Triage*: press *Alert storm* at the top, open <#${CHANNELS.alerts.id}> and a thread; acknowledge or mute, or *Declare incident* (its form comes with the suggested severity).`,
    '5. *Join*: as Bob, open an incident channel and press *Join channel* to write there.',
    '6. *Home*: open *Home* at the top of the sidebar: what needs you now. Ask Bob to lead (`/incident lead @bob`), then acknowledge on his Home.',
    'Switch person with *You are* at the top right. `/incident help` lists every command.',
  ],
  ko: [
    '*incident-bot 플레이그라운드에 오신 것을 환영합니다.* 이 Slack은 내 컴퓨터에서 도는 가짜이고, 봇은 진짜입니다. Slack에서 받을 요청을 그대로 받습니다.',
    '1. *선언*: 아래 입력창에 `/incident declare 결제 장애` 를 입력하고, 양식에서 SEV1 또는 SEV2를 고르고 영향을 적으세요.',
    `2. *시간*: *Fast-forward 15 minutes* 를 누르면 봇이 지휘자인 당신에게 완화 여부를 묻고, <#${CHANNELS.oncall.id}> 에서 Carol의 근무를 당신에게 인계합니다.`,
    '3. *대응*: 새 인시던트 채널의 요약 카드에서 *Post update*, *Mitigated*, *Resolve* (포스트모템 초안은 카드 스레드에 올라옵니다).',
    `4. *분류*: 위의 *Alert storm* 을 누르고 <#${CHANNELS.alerts.id}> 의 스레드를 열어 확인(Acknowledge), 음소거, 또는 *Declare incident* 를 해 보세요 (양식에 제안된 심각도가 골라져 있습니다).`,
    '5. *참여*: Bob으로 인시던트 채널을 열고 *Join channel* 을 누르면 그 채널에 쓸 수 있습니다.',
    '6. *홈*: 사이드바 맨 위의 *Home* 을 열면 지금 내가 할 일이 보입니다. Bob에게 지휘를 부탁하고(`/incident lead @bob`), Bob의 홈에서 확인(Acknowledge)하세요.',
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
