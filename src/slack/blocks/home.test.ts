import { describe, expect, it } from 'vitest';
import { checkHomeView } from '../../../test/fake-slack/methods-home.js';
import type { HomeData } from '../../app/home/home-of.js';
import { defaultConfig } from '../../config.js';
import type { FollowUp, Incident } from '../../domain/incident.js';
import type { Handoff } from '../../domain/oncall/handoff.js';
import type { OnCallView, Rotation } from '../../domain/oncall/rotation.js';
import { messages, type Locale } from '../../i18n/index.js';
import { HOME_MAX_BLOCKS, HOME_MAX_BYTES, renderHome } from './home.js';

const severities = defaultConfig().severities;
const now = new Date('2026-11-23T03:00:00Z');

const incident = (number: number, title: string, over: Partial<Incident> = {}): Incident => ({
  number,
  title,
  impact: '',
  severity: 'sev2',
  status: 'investigating',
  commanderId: 'UALICE',
  pendingLead: { userId: 'UBOB', by: 'UALICE', since: now },
  declaredBy: 'UALICE',
  responders: ['UALICE'],
  isPrivate: false,
  origin: 'manual',
  channelId: `C${number}`,
  milestones: { impactStartedAt: null, detectedAt: null, declaredAt: now, acknowledgedAt: null, mitigatedAt: null, resolvedAt: now },
  lastUpdate: null,
  resolutionSummary: null,
  cause: null,
  ...over,
});

const rotation = (n: number): Rotation => ({
  name: `rotation-${n}`.padEnd(40, 'x'),
  channelId: 'C0ONCALL',
  timezone: 'Asia/Seoul',
  members: ['UALICE', 'UBOB'],
  startAt: now,
  handoffCron: '0 10 * * *',
  remindBeforeMs: 0,
  ackTimeoutMs: 0,
});

const onCall = (r: Rotation): OnCallView => {
  const shift = { shiftIndex: 0, userId: 'UALICE', startedAt: now, endsAt: now };
  return { rotation: r, now: { userId: 'UALICE', shift, override: null }, next: { userId: 'UBOB', shift, override: null, at: now }, upcomingOverrides: [] };
};

const handoff = (id: number): Handoff => ({
  id,
  rotation: `rotation-${id}`,
  dueAt: now,
  trigger: 'scheduled',
  shiftIndex: 1,
  outgoingId: 'UALICE',
  incomingId: 'UBOB',
  late: false,
  skipped: false,
  notes: null,
  notesBy: null,
  remindedAt: null,
  postedAt: now,
  acknowledgedBy: null,
  acknowledgedAt: null,
  ackRemindedAt: null,
  createdAt: now,
});

/** Far more of everything than a team has, every title at its longest, in Hangul (three bytes each in UTF-8). */
function crowded(): HomeData {
  const long = (n: number) => `${n} ${'결제 오류가 계속 발생합니다 '.repeat(20)}`;
  const followUp = (id: number): FollowUp => ({ id, incidentNumber: 1, text: long(id), ownerId: 'UBOB', done: false, createdBy: 'UALICE', createdAt: now });
  const rotations = Array.from({ length: 25 }, (_, i) => rotation(i));
  return {
    userId: 'UBOB',
    leadRequests: Array.from({ length: 8 }, (_, i) => incident(1_000 + i, long(i))),
    shiftHandoffs: Array.from({ length: 8 }, (_, i) => ({ handoff: handoff(i + 1), rotation: rotation(i) })),
    mine: Array.from({ length: 60 }, (_, i) => incident(2_000 + i, long(i), { commanderId: 'UBOB' })),
    others: Array.from({ length: 300 }, (_, i) => incident(3_000 + i, long(i))),
    followUps: Array.from({ length: 150 }, (_, i) => ({ followUp: followUp(i), incident: incident(1, long(1)) })),
    onCall: rotations.map(onCall),
    ownShifts: rotations.map((r) => ({ rotation: r, shift: { kind: 'next' as const, from: now } })),
    resolved: Array.from({ length: 40 }, (_, i) => ({ incident: incident(4_000 + i, long(i), { status: 'resolved' }), draftLink: `https://acme.slack.com/archives/C1/p${1795400000000100 + i}` })),
  };
}

const empty: HomeData = { userId: 'UDAN', leadRequests: [], shiftHandoffs: [], mine: [], others: [], followUps: [], onCall: [], ownShifts: [], resolved: [] };

const texts = (node: unknown): string[] =>
  Array.isArray(node) ? node.flatMap(texts) : node !== null && typeof node === 'object' ? Object.entries(node).flatMap(([k, v]) => (k === 'text' && typeof v === 'string' ? [v] : texts(v))) : [];

describe.each<Locale>(['en', 'ko'])('the Home in %s', (locale) => {
  const t = messages(locale);

  it('stays within Slack’s 100 blocks and 250 kB however much there is, each long list ending in "and N more" with its command', () => {
    const view = renderHome(crowded(), { t, severities });
    expect(view.blocks.length).toBeLessThanOrEqual(HOME_MAX_BLOCKS);
    expect(Buffer.byteLength(JSON.stringify(view))).toBeLessThanOrEqual(HOME_MAX_BYTES);
    expect(checkHomeView(view)).toBeUndefined();
    const shown = texts(view.blocks).join('\n');
    for (const line of [
      t.home.moreInDms(11),
      t.home.more(50, '/incident list'),
      t.home.more(285, '/incident list'),
      t.home.more(140, '/incident followups'),
      t.home.more(15, '/incident oncall'),
      t.home.more(35, '/incident stats 7d'),
    ])
      expect(shown).toContain(line);
  });

  it('with nothing to do: a short, friendly empty state and the three commands most likely needed', () => {
    const view = renderHome(empty, { t, severities });
    const shown = texts(view.blocks).join('\n');
    expect(shown).toContain(t.home.emptyTitle);
    expect(t.home.emptyCommands).toHaveLength(3);
    for (const command of t.home.emptyCommands) expect(shown).toContain(command);
    expect(view.blocks.length).toBeLessThanOrEqual(4);
  });
});
