import { describe, expect, it } from 'vitest';
import { buildDraft } from '../../domain/postmortem/draft.js';
import { summarizeIncidents } from '../../domain/postmortem/stats.js';
import { messages } from '../../i18n/index.js';
import { checkMessageContent } from '../../../test/fake-slack/block-kit.js';
import { busyTimeline, scriptedIncident } from '../../../test/support/scripted-incident.js';
import { renderDraftMessages, renderStats, renderTimelineMessage } from './postmortem.js';

const t = messages('en');

describe('the draft as Slack messages', () => {
  it('a 5,000-event draft becomes messages Slack accepts, each saying which part it is', () => {
    const input = scriptedIncident();
    const draft = buildDraft({ ...input, timeline: [...input.timeline, ...busyTimeline(5_000, new Date('2026-11-23T06:20:00Z'))] });
    const parts = renderDraftMessages(draft, { timeZone: 'Asia/Seoul', t });
    expect(parts.length).toBeGreaterThan(10);
    parts.forEach((part, i) => {
      expect(checkMessageContent({ text: part.text, blocks: part.blocks })).toBeUndefined();
      expect(part.text).toBe(`INC-3 postmortem draft v2 (${i + 1}/${parts.length})`);
    });
    expect(JSON.stringify(parts[0]?.blocks)).toContain('Version 2 — supersedes version 1');
  });

  it('a small draft is one message; user text is escaped', () => {
    const parts = renderDraftMessages(buildDraft(scriptedIncident()), { timeZone: 'UTC', t });
    expect(parts).toHaveLength(1);
    const text = JSON.stringify(parts[0]?.blocks);
    expect(text).toContain('📝 INC-3 · Checkout 502s — postmortem draft');
    expect(text).toContain('&lt;@U0CAROL&gt;');
    expect(text).not.toContain('<@U0CAROL>');
  });

  it('a timeline message says who did what, escaped', () => {
    const { timeline, severities } = scriptedIncident();
    const [, , severity, note, , , , , followUp] = timeline;
    if (!severity || !note || !followUp) throw new Error('script changed');
    expect(renderTimelineMessage(severity, severities, t)).toBe('<@U0ALICE> · Severity SEV2 → SEV1');
    expect(renderTimelineMessage(note, severities, t)).toBe('<@U0BOB> · Note: Gateway returns 502 for every EU card &lt;@U0CAROL&gt;');
    expect(renderTimelineMessage(followUp, severities, messages('ko'))).toBe('<@U0ALICE> · 후속 조치: Lint gateway URLs in CI (담당 <@U0BOB>)');
  });
});

describe('stats as an ephemeral answer', () => {
  it('names the period, counts by severity and gives median and p90 with how many incidents each is over', () => {
    const { incident, severities } = scriptedIncident();
    const stats = summarizeIncidents([incident], severities, new Date('2026-11-01T00:00:00Z'), new Date('2026-11-30T00:00:00Z'));
    const answer = renderStats(stats, 30 * 86_400_000, t);
    expect(checkMessageContent(answer)).toBeUndefined();
    const text = JSON.stringify(answer.blocks);
    expect(answer.text).toBe('Incidents declared in the last 30d: 1 incident');
    expect(text).toContain('• SEV1: 1');
    expect(text).toContain('Time to resolve: median 1h 6m · p90 1h 6m — over 1 incident');
    expect(renderStats({ ...stats, total: 0, bySeverity: [], durations: [] }, 86_400_000, t).text).toBe('Incidents declared in the last 1d: No incidents were declared in this period.');
  });
});
