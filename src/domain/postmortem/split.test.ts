import { describe, expect, it } from 'vitest';
import { messages } from '../../i18n/index.js';
import { busyTimeline, scriptedIncident } from '../../../test/support/scripted-incident.js';
import { slackDialect } from './dialect.js';
import { buildDraft } from './draft.js';
import { renderDocument, type DraftDocument } from './render.js';
import { planMessages, SLACK_MESSAGE_LIMITS, splitLongLine } from './split.js';

const CONTINUED = '(continued)';

function busyDocument(events: number): DraftDocument {
  const input = scriptedIncident();
  const draft = buildDraft({ ...input, timeline: [...input.timeline, ...busyTimeline(events, new Date('2026-11-23T06:20:00Z'))] });
  return renderDocument(draft, { words: messages('en').postmortem, dialect: slackDialect, timeZone: 'Asia/Seoul' });
}

/** Undoes the cuts: a piece ending in ` …` (at a space) or `…` (inside a word) continues after the next marker. */
function rejoin(texts: readonly string[]): string[] {
  const lines: string[] = [];
  for (const text of texts) {
    for (const piece of text.split('\n')) {
      const previous = lines.at(-1);
      const rest = piece.slice(CONTINUED.length + 1);
      if (previous?.endsWith('…') && piece.startsWith(`${CONTINUED} `)) {
        lines[lines.length - 1] = previous.endsWith(' …') ? `${previous.slice(0, -2)} ${rest}` : `${previous.slice(0, -1)}${rest}`;
      } else lines.push(piece);
    }
  }
  return lines;
}

describe('splitting a draft into Slack messages', () => {
  const doc = busyDocument(5_000);
  const plan = planMessages(doc, CONTINUED);
  const blocks = plan.flatMap((m) => m.blocks);

  it('keeps a 5,000-event draft within every limit: ≤ 50 blocks, ≤ 3,000-char sections, ≤ 150-char headers, a total Slack takes', () => {
    expect(plan.length).toBeGreaterThan(10);
    for (const message of plan) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      expect(message.blocks.reduce((sum, b) => sum + b.text.length, 0)).toBeLessThanOrEqual(SLACK_MESSAGE_LIMITS.maxMessageChars);
      for (const block of message.blocks) {
        expect(block.text.length).toBeLessThanOrEqual(block.type === 'header' ? 150 : 3_000);
        expect(block.text.trim()).not.toBe('');
      }
      // A message never ends on a heading with nothing under it.
      expect(message.blocks.at(-1)?.type).not.toBe('header');
    }
  });

  it('loses nothing and keeps the order: every timeline line is there once, whole after undoing the marked cuts', () => {
    const timeline = doc.sections.find((s) => s.heading.startsWith('Timeline'));
    const sectionTexts = blocks.filter((b) => b.type === 'section').map((b) => b.text);
    const all = rejoin(sectionTexts);
    const start = all.indexOf(timeline?.lines[0] ?? '');
    expect(start).toBeGreaterThan(0);
    expect(all.slice(start, start + (timeline?.lines.length ?? 0))).toEqual(timeline?.lines);
    expect(timeline?.lines).toHaveLength(5_010);
  });

  it('cuts an over-long line only at a space, marking both sides; never inside a link, mention or entity', () => {
    const cutPieces = blocks.flatMap((b) => b.text.split('\n')).filter((p) => p.endsWith(' …'));
    expect(cutPieces.length).toBeGreaterThan(0);
    for (const piece of cutPieces) {
      expect((piece.match(/</g) ?? []).length).toBe((piece.match(/>/g) ?? []).length);
      expect(piece).not.toMatch(/&[a-z]*$/);
    }
    const line = `• <https://acme.slack.com/archives/C1/p1|2026-11-23 14:00 UTC> · ${'word &amp; <@U0BOB> '.repeat(400)}`;
    const pieces = splitLongLine(line, 3_000, CONTINUED);
    expect(pieces.length).toBeGreaterThan(2);
    pieces.forEach((piece, i) => {
      expect(piece.length).toBeLessThanOrEqual(3_000);
      if (i < pieces.length - 1) expect(piece).toMatch(/(?:&amp;|<@U0BOB>|word) …$/);
      if (i > 0) expect(piece.startsWith(`${CONTINUED} `)).toBe(true);
    });
    expect(rejoin(pieces)).toEqual([line]);
  });

  it('marks a hard cut in text with no space at all', () => {
    const pieces = splitLongLine('x'.repeat(7_000), 3_000, CONTINUED);
    expect(pieces.map((p) => p.length).every((n) => n <= 3_000)).toBe(true);
    expect(pieces[0]?.endsWith('x…')).toBe(true);
    expect(rejoin(pieces)).toEqual(['x'.repeat(7_000)]);
  });

  it('repeats a heading that runs on into the next message, marked as continued', () => {
    const headers = blocks.filter((b) => b.type === 'header').map((b) => b.text);
    expect(headers[0]).toBe('INC-3 · Checkout 502s — postmortem draft');
    expect(plan[0]?.blocks.some((b) => b.type === 'header' && b.text === 'Timeline (Asia/Seoul)')).toBe(true);
    // Every later message opens with a heading; a continued heading only ever opens a message.
    for (const message of plan.slice(1)) expect(message.blocks[0]?.type).toBe('header');
    const continuedAt = plan.flatMap((m) => m.blocks.map((b, i) => (b.text === 'Timeline (Asia/Seoul) (continued)' ? i : -1)).filter((i) => i >= 0));
    expect(continuedAt.length).toBeGreaterThanOrEqual(plan.length - 3);
    expect(new Set(continuedAt)).toEqual(new Set([0]));
  });

  it('fits a small draft in one message', () => {
    expect(planMessages(busyDocument(0), CONTINUED)).toHaveLength(1);
  });
});
