import type { FollowUp, Incident, TimelineEvent, TimelineEventDraft } from '../../src/domain/incident.js';
import type { DraftInput } from '../../src/domain/postmortem/draft.js';
import { defaultConfig } from '../../src/config.js';

export const TEAM_URL = 'https://acme.slack.com/';
export const INCIDENT_CHANNEL = 'C0INC3';
export const ALERT_CHANNEL = 'C0ALERTS';
export const CARD_TS = '1795410840.000100';

const at = (hhmm: string): Date => new Date(`2026-11-23T${hhmm}:00Z`);
/** A Slack ts for a time: seconds since the epoch and a counter. */
const tsOf = (date: Date, n = 100): string => `${date.getTime() / 1000}.${String(n).padStart(6, '0')}`;

/**
 * INC-3, scripted minute by minute (UTC): impact starts 05:00, the first alert fires 05:04, Alice declares from the
 * alert group at 05:10 (acknowledged then), raises it to SEV1 05:15, notes 05:20, Bob pins a graph 05:25, mitigated
 * 05:40, resolved with a cause 06:10, two follow-ups 06:15. Every event carries the Slack message it is shown in.
 */
export function scriptedIncident(overrides: Partial<Incident['milestones']> = {}): DraftInput {
  const incident: Incident = {
    number: 3,
    title: 'Checkout 502s',
    impact: 'Card payments fail for EU users',
    severity: 'sev1',
    status: 'resolved',
    commanderId: 'U0ALICE',
    pendingLead: null,
    declaredBy: 'U0ALICE',
    responders: ['U0ALICE', 'U0BOB'],
    isPrivate: false,
    origin: 'alert',
    channelId: INCIDENT_CHANNEL,
    milestones: {
      impactStartedAt: at('05:00'),
      detectedAt: at('05:04'),
      declaredAt: at('05:10'),
      acknowledgedAt: at('05:10'),
      mitigatedAt: at('05:40'),
      resolvedAt: at('06:10'),
      ...overrides,
    },
    lastUpdate: { text: 'Rolled back to v41, error rate falling', at: at('05:35'), by: 'U0ALICE' },
    resolutionSummary: 'Rolled back the gateway config',
    cause: 'A typo in the payment gateway URL shipped in v42',
  };
  const inThread = (date: Date, n: number) => ({ channelId: INCIDENT_CHANNEL, ts: tsOf(date, n), threadTs: CARD_TS });
  const drafts: TimelineEventDraft[] = [
    { kind: 'alert_linked', actorId: null, occurredAt: at('05:04'), text: 'firing: HighErrorRate — 5xx above 5% on checkout', data: {}, message: { channelId: ALERT_CHANNEL, ts: tsOf(at('05:04')) }, sourceKey: 'alert:1' },
    { kind: 'declared', actorId: 'U0ALICE', occurredAt: at('05:10'), text: 'Checkout 502s', data: { severity: 'sev2', commander: 'U0ALICE' }, message: { channelId: INCIDENT_CHANNEL, ts: CARD_TS }, sourceKey: null },
    { kind: 'severity_changed', actorId: 'U0ALICE', occurredAt: at('05:15'), text: null, data: { from: 'sev2', to: 'sev1' }, message: inThread(at('05:15'), 200), sourceKey: null },
    { kind: 'note', actorId: 'U0BOB', occurredAt: at('05:20'), text: 'Gateway returns 502 for every EU card <@U0CAROL>', data: {}, message: inThread(at('05:20'), 300), sourceKey: null },
    { kind: 'pinned_message', actorId: 'U0BOB', occurredAt: at('05:25'), text: 'Error graph: spike starts 05:00', data: { pinnedBy: 'U0BOB' }, message: { channelId: INCIDENT_CHANNEL, ts: tsOf(at('05:25'), 400) }, sourceKey: 'pin:1' },
    { kind: 'status_update', actorId: 'U0ALICE', occurredAt: at('05:35'), text: 'Rolled back to v41, error rate falling', data: {}, message: inThread(at('05:35'), 500), sourceKey: null },
    { kind: 'status_changed', actorId: 'U0ALICE', occurredAt: at('05:40'), text: null, data: { from: 'investigating', to: 'mitigated', reopened: false }, message: inThread(at('05:40'), 600), sourceKey: null },
    { kind: 'status_changed', actorId: 'U0ALICE', occurredAt: at('06:10'), text: 'Rolled back the gateway config', data: { from: 'mitigated', to: 'resolved', reopened: false, cause: 'A typo in the payment gateway URL shipped in v42' }, message: inThread(at('06:10'), 700), sourceKey: null },
    { kind: 'followup_added', actorId: 'U0ALICE', occurredAt: at('06:15'), text: 'Lint gateway URLs in CI', data: { owner: 'U0BOB', followUpId: 1 }, message: inThread(at('06:15'), 800), sourceKey: null },
    { kind: 'followup_added', actorId: 'U0ALICE', occurredAt: at('06:15'), text: 'Alert on 5xx per payment provider', data: { owner: null, followUpId: 2 }, message: inThread(at('06:15'), 900), sourceKey: null },
  ];
  const timeline: TimelineEvent[] = drafts.map((d, i) => ({ ...d, id: i + 1, incidentNumber: 3 }));
  const followUps: FollowUp[] = [
    { id: 1, incidentNumber: 3, text: 'Lint gateway URLs in CI', ownerId: 'U0BOB', done: false, createdBy: 'U0ALICE', createdAt: at('06:15') },
    { id: 2, incidentNumber: 3, text: 'Alert on 5xx per payment provider', ownerId: null, done: true, createdBy: 'U0ALICE', createdAt: at('06:15') },
  ];
  return {
    incident,
    timeline,
    followUps,
    firstAlert: { name: 'HighErrorRate', source: 'alertmanager', at: at('05:04'), message: { channelId: ALERT_CHANNEL, ts: tsOf(at('05:04')) } },
    severities: defaultConfig().severities,
    version: 2,
    generatedAt: at('06:20'),
    teamUrl: TEAM_URL,
    botUserId: 'U0BOT',
  };
}

/** `count` more timeline events (alerts, notes, pins, updates in turn, one every 7 s, long texts among them). */
export function busyTimeline(count: number, start: Date, firstId = 1000, incidentNumber = 3): TimelineEvent[] {
  const kinds = ['alert_linked', 'note', 'pinned_message', 'status_update'] as const;
  return Array.from({ length: count }, (_, i) => {
    const occurredAt = new Date(start.getTime() + i * 7_000);
    const kind = kinds[i % kinds.length] ?? 'note';
    const long = i % 500 === 7 ? ` ${'and the retry storm kept growing & growing <here> '.repeat(60)}` : '';
    return {
      id: firstId + i,
      incidentNumber,
      kind,
      actorId: kind === 'alert_linked' ? null : i % 3 === 0 ? 'U0ALICE' : 'U0BOB',
      occurredAt,
      text: `event ${i}: ${kind === 'alert_linked' ? 'firing: HighErrorRate — 5xx above 5% on checkout' : 'p99 latency 2.4 s on /pay, pods restarting'}${long}`,
      data: {},
      message: { channelId: kind === 'alert_linked' ? ALERT_CHANNEL : INCIDENT_CHANNEL, ts: tsOf(occurredAt, 100 + (i % 9000)), ...(kind === 'note' ? { threadTs: CARD_TS } : {}) },
      sourceKey: null,
    };
  });
}
