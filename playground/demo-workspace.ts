/**
 * The demo workspace a person finds when the playground starts: four people, the four channels an incident bot is
 * configured with, and a bot configuration with cadences short enough to watch (but still ones a team could use).
 */
import { parseConfigFile, type AppConfig } from '../src/config.js';
import type { FakeSlack } from '../test/fake-slack/server.js';

export const BOT = { userId: 'U0BOT', botId: 'B0BOT', name: 'incident-bot' } as const;

export interface DemoPerson {
  readonly id: string;
  readonly name: string;
  readonly realName: string;
  readonly title: string;
}

export const PEOPLE: readonly DemoPerson[] = [
  { id: 'U0ALICE', name: 'alice', realName: 'Alice Kim', title: 'SRE' },
  { id: 'U0BOB', name: 'bob', realName: 'Bob Okafor', title: 'Backend engineer' },
  { id: 'U0CAROL', name: 'carol', realName: 'Carol Díaz', title: 'Platform on-call' },
  { id: 'U0DAN', name: 'dan', realName: 'Dan Müller', title: 'Support lead' },
];

export const CHANNELS = {
  general: { id: 'C0GENERAL', name: 'general', purpose: 'Company-wide chatter' },
  announce: { id: 'C0INCIDENTS', name: 'incidents', purpose: 'The bot announces every incident here' },
  alerts: { id: 'C0ALERTS', name: 'alerts', purpose: 'Alertmanager and Grafana post here; the bot triages' },
  oncall: { id: 'C0ONCALL', name: 'oncall', purpose: 'Shift handoffs of the platform rotation' },
} as const;

/** Integrations that post into the alert channel, by bot id: the page shows their names as Slack would. */
export const INTEGRATIONS = {
  alertmanager: { botId: 'B0ALERTMGR', name: 'Alertmanager' },
  grafana: { botId: 'B0GRAFANA', name: 'Grafana' },
  guide: { botId: 'B0GUIDE', name: 'Playground guide' },
} as const;

/** Demo shifts are 30 minutes long so that one fast-forward of 15 minutes reaches a handoff every other time. */
export const SHIFT = { firstHandoffAfterMin: 10, lengthMin: 30, remindBefore: '5m', ackTimeout: '10m' } as const;

export function seedWorkspace(fake: FakeSlack, timeZone: string): void {
  for (const p of PEOPLE) fake.addUser({ id: p.id, name: p.name, realName: p.realName, tz: timeZone });
  const everyone = [BOT.userId, ...PEOPLE.map((p) => p.id)];
  for (const c of Object.values(CHANNELS)) fake.addChannel({ id: c.id, name: c.name, members: everyone });
}

const SEVERITY_WORDS = {
  en: [
    'Critical: most users cannot use a core feature',
    'Major: a core feature is degraded for many users',
    'Minor: limited impact or a workaround exists',
    'Low: no customer impact yet',
  ],
  ko: ['치명: 대부분의 사용자가 핵심 기능을 쓸 수 없음', '중대: 많은 사용자에게 핵심 기능이 저하됨', '경미: 영향이 제한적이거나 우회 방법이 있음', '낮음: 아직 고객 영향 없음'],
} as const;

interface WallClock {
  readonly date: string;
  readonly hour: number;
  readonly minute: number;
}

function wallClock(at: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  for (const part of format.formatToParts(at)) parts[part.type] = part.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute) };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The bot's configuration, validated by the same schema as a real incident-bot.yml. The rotation starts a minute
 * ago with Carol on call and hands over ten minutes from now, then every 30 minutes.
 */
export function demoConfig(options: { locale: 'en' | 'ko'; timeZone: string; now: Date }): AppConfig {
  const { timeZone, now } = options;
  const start = wallClock(new Date(now.getTime() - 60_000), timeZone);
  const first = (wallClock(now, timeZone).minute + SHIFT.firstHandoffAfterMin) % 60;
  const minutes = [first, (first + SHIFT.lengthMin) % 60].sort((a, b) => a - b);
  const parsed = parseConfigFile(
    {
      locale: options.locale,
      timezone: timeZone,
      announceChannel: CHANNELS.announce.id,
      alertChannels: [CHANNELS.alerts.id],
      // SEV2 is asked about mitigation every 15 minutes (30 by default) so one fast-forward shows the prompt.
      severities: [
        { id: 'sev1', label: 'SEV1', description: SEVERITY_WORDS[options.locale][0], mitigationCheck: '15m', updateReminder: '30m' },
        { id: 'sev2', label: 'SEV2', description: SEVERITY_WORDS[options.locale][1], mitigationCheck: '15m', updateReminder: '30m' },
        { id: 'sev3', label: 'SEV3', description: SEVERITY_WORDS[options.locale][2], mitigationCheck: '30m', updateReminder: '60m' },
        { id: 'sev4', label: 'SEV4', description: SEVERITY_WORDS[options.locale][3] },
      ],
      triage: {
        groupBy: ['alertname', 'service'],
        rules: [
          { match: { name: 'Watchdog' }, action: 'ignore' },
          { match: { severity: 'critical' }, action: 'suggest', severity: 'sev1' },
          { match: { text: '(?i)5\\d\\d|timeout|latency' }, action: 'suggest', severity: 'sev2' },
        ],
      },
      oncall: {
        rotations: [
          {
            name: 'platform',
            channel: CHANNELS.oncall.id,
            timezone: timeZone,
            members: ['U0CAROL', 'U0ALICE', 'U0BOB'],
            start: `${start.date}T${pad(start.hour)}:${pad(start.minute)}`,
            handoffCron: `0 ${minutes.join(',')} * * * *`,
            remindBefore: SHIFT.remindBefore,
            ackTimeout: SHIFT.ackTimeout,
          },
        ],
      },
    },
    'playground',
  );
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}
