import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../../i18n/index.js';
import { CARD_TS, INCIDENT_CHANNEL, scriptedIncident, TEAM_URL } from '../../../test/support/scripted-incident.js';
import { draftFromJson, draftToJson } from './codec.js';
import { markdownDialect, slackDialect } from './dialect.js';
import { buildDraft } from './draft.js';
import { renderDocument, toMarkdown } from './render.js';

const words = messages('en').postmortem;
const markdownOf = (input = scriptedIncident(), timeZone = 'Asia/Seoul', locale: 'en' | 'ko' = 'en'): string =>
  toMarkdown(renderDocument(buildDraft(input), { words: messages(locale).postmortem, dialect: markdownDialect, timeZone }));

/** The lines of one `## heading` section (without blank lines). */
function section(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`no section ${heading}`);
  const body = markdown.slice(start + heading.length + 5);
  const end = body.search(/\n## |\n---\n/);
  return body.slice(0, end === -1 ? undefined : end).split('\n').filter((line) => line !== '');
}

describe('the postmortem draft of a scripted incident', () => {
  it('matches the golden markdown (alert → declare → SEV1 → note → pin → update → mitigated → resolved → follow-ups)', () => {
    const golden = readFileSync(join(import.meta.dirname, 'golden', 'inc-3.en.md'), 'utf8');
    expect(markdownOf()).toBe(golden);
  });

  it('has every section, in order', () => {
    const headings = [...markdownOf().matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual([
      'Summary',
      'Impact',
      'Detection',
      'Durations',
      'Timeline (Asia/Seoul)',
      'Resolution',
      'Cause',
      '5 whys',
      'What went well',
      'What went poorly',
      'Where we got lucky',
      'Action items',
    ]);
    const head = markdownOf().split('\n').slice(0, 4);
    expect(head[0]).toBe('# INC-3 · Checkout 502s — postmortem draft');
    expect(head[2]).toBe('**SEV1** · Resolved · Commander: @U0ALICE · Participants: @U0ALICE, @U0BOB  ');
    expect(head[3]).toBe('Version 2 — supersedes version 1 · generated 2026-11-23 15:20 +09:00 from the incident record');
  });

  it('measures each duration between its named milestones, exactly as scripted', () => {
    const draft = buildDraft(scriptedIncident());
    expect(draft.durations.map((d) => [d.id, d.from, d.to, d.ms])).toEqual([
      ['detect', 'impactStartedAt', 'detectedAt', 4 * 60_000],
      ['acknowledge', 'detectedAt', 'acknowledgedAt', 6 * 60_000],
      ['mitigate', 'detectedAt', 'mitigatedAt', 36 * 60_000],
      ['resolve', 'detectedAt', 'resolvedAt', 66 * 60_000],
    ]);
    expect(section(markdownOf(), 'Durations')).toEqual([
      '- **Time to detect**: 4m (impact started 2026-11-23 14:00 +09:00 → detected 2026-11-23 14:04 +09:00)',
      '- **Time to acknowledge**: 6m (detected 2026-11-23 14:04 +09:00 → acknowledged 2026-11-23 14:10 +09:00)',
      '- **Time to mitigate**: 36m (detected 2026-11-23 14:04 +09:00 → mitigated 2026-11-23 14:40 +09:00)',
      '- **Time to resolve**: 1h 6m (detected 2026-11-23 14:04 +09:00 → resolved 2026-11-23 15:10 +09:00)',
    ]);
  });

  it('links every timeline line to its Slack message, with full dates in the configured zone', () => {
    const lines = section(markdownOf(), 'Timeline (Asia/Seoul)');
    expect(lines).toHaveLength(10);
    for (const line of lines) expect(line).toMatch(/^- \[2026-11-23 1\d:\d\d \+09:00\]\(https:\/\/acme\.slack\.com\/archives\/C0[A-Z0-9]+\/p\d{16}(\?thread_ts=\d+\.\d{6}&cid=C0INC3)?\) · /);
    expect(lines[2]).toBe(
      `- [2026-11-23 14:15 +09:00](${TEAM_URL}archives/${INCIDENT_CHANNEL}/p1795410900000200?thread_ts=${CARD_TS}&cid=${INCIDENT_CHANNEL}) · @U0ALICE · Severity SEV2 → SEV1`,
    );
    expect(lines.map((l) => l.replace(/^- \[[^\]]+\]\([^)]+\) · /, ''))).toEqual([
      'Alert: firing: HighErrorRate — 5xx above 5% on checkout',
      '@U0ALICE · Declared “Checkout 502s” as SEV2',
      '@U0ALICE · Severity SEV2 → SEV1',
      '@U0BOB · Note: Gateway returns 502 for every EU card <@U0CAROL>',
      '@U0BOB · Pinned: Error graph: spike starts 05:00',
      '@U0ALICE · Status update: Rolled back to v41, error rate falling',
      '@U0ALICE · Status Investigating → Mitigated',
      '@U0ALICE · Status Mitigated → Resolved: Rolled back the gateway config',
      '@U0ALICE · Follow-up: Lint gateway URLs in CI (owner @U0BOB)',
      '@U0ALICE · Follow-up: Alert on 5xx per payment provider',
    ]);
  });

  it('starts the 5 whys from the entered cause and turns follow-ups into checkboxes with owners', () => {
    const markdown = markdownOf();
    expect(section(markdown, '5 whys').slice(1, 3)).toEqual([
      '1. Why did “Checkout 502s” happen? — A typo in the payment gateway URL shipped in v42',
      '2. Why did that happen? — _answer here_',
    ]);
    expect(section(markdown, '5 whys')).toHaveLength(6);
    expect(section(markdown, 'Action items')).toEqual(['- [ ] Lint gateway URLs in CI — owner @U0BOB', '- [x] Alert on 5xx per payment provider']);
    expect(section(markdown, 'Detection')[0]).toBe(
      'First alert: **HighErrorRate** from alertmanager at [2026-11-23 14:04 +09:00](https://acme.slack.com/archives/C0ALERTS/p1795410240000100).',
    );
    expect(section(markdown, 'Cause')).toEqual(['A typo in the payment gateway URL shipped in v42']);
    for (const heading of ['What went well', 'What went poorly', 'Where we got lucky']) expect(section(markdown, heading)).toHaveLength(1);
  });

  it('says "unknown" for a duration whose milestone is missing, and estimates nothing', () => {
    const markdown = markdownOf(scriptedIncident({ impactStartedAt: null, mitigatedAt: null }));
    expect(section(markdown, 'Durations')).toEqual([
      '- **Time to detect**: unknown (no “impact started” time recorded)',
      '- **Time to acknowledge**: 6m (detected 2026-11-23 14:04 +09:00 → acknowledged 2026-11-23 14:10 +09:00)',
      '- **Time to mitigate**: unknown (no “mitigated” time recorded)',
      '- **Time to resolve**: 1h 6m (detected 2026-11-23 14:04 +09:00 → resolved 2026-11-23 15:10 +09:00)',
    ]);
    expect(buildDraft(scriptedIncident({ detectedAt: null })).durations.map((d) => d.ms)).toEqual([null, null, null, null]);
  });

  it('says the incident was declared manually when it did not come from an alert, and starts 5 whys empty without a cause', () => {
    const input = scriptedIncident();
    const manual = { ...input, firstAlert: null, version: 1, incident: { ...input.incident, origin: 'manual' as const, cause: null } };
    const markdown = markdownOf(manual);
    expect(section(markdown, 'Detection')[0]).toBe('Declared manually by @U0ALICE at 2026-11-23 14:10 +09:00 (not from an alert).');
    expect(section(markdown, '5 whys')[1]).toBe('1. Why did “Checkout 502s” happen? — _answer here_');
    expect(markdown).toContain('\nVersion 1 · generated');
    expect(markdown).not.toContain('supersedes');
  });

  it('without a workspace URL, names each line’s message by channel and ts instead', () => {
    const lines = section(markdownOf({ ...scriptedIncident(), teamUrl: null }, 'UTC'), 'Timeline (UTC)');
    expect(lines[0]).toBe('- 2026-11-23 05:04 UTC (C0ALERTS/1795410240.000100) · Alert: firing: HighErrorRate — 5xx above 5% on checkout');
  });

  it('writes Korean headings and prompts and leaves user text untouched', () => {
    const markdown = markdownOf(scriptedIncident(), 'Asia/Seoul', 'ko');
    expect([...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual([
      '요약',
      '영향',
      '탐지',
      '소요 시간',
      '타임라인 (Asia/Seoul)',
      '해결',
      '원인',
      '5 Whys (다섯 번의 왜)',
      '잘된 점',
      '아쉬운 점',
      '운이 좋았던 점',
      '후속 조치',
    ]);
    expect(markdown).toContain('- **탐지까지**: 4m (영향 시작 2026-11-23 14:00 +09:00 → 탐지 2026-11-23 14:04 +09:00)');
    expect(markdown).toContain('Gateway returns 502 for every EU card <@U0CAROL>');
    expect(markdown).toContain('1. “Checkout 502s”은(는) 왜 일어났나요? — A typo in the payment gateway URL shipped in v42');
    expect(markdown).toContain('버전 2 — 버전 1을(를) 대체합니다');
  });

  it('escapes user text for Slack so a note can never ping or forge a link', () => {
    const doc = renderDocument(buildDraft(scriptedIncident()), { words, dialect: slackDialect, timeZone: 'UTC' });
    const timeline = doc.sections.find((s) => s.heading.startsWith('Timeline'))?.lines ?? [];
    expect(timeline[3]).toBe(
      `• <${TEAM_URL}archives/${INCIDENT_CHANNEL}/p1795411200000300?thread_ts=${CARD_TS}&cid=${INCIDENT_CHANNEL}|2026-11-23 05:20 UTC> · <@U0BOB> · Note: Gateway returns 502 for every EU card &lt;@U0CAROL&gt;`,
    );
  });

  it('round-trips through its stored JSON', () => {
    const draft = buildDraft(scriptedIncident());
    expect(draftFromJson(draftToJson(draft))).toEqual(draft);
    expect(() => draftFromJson('{"version":"two"}')).toThrow();
  });
});
