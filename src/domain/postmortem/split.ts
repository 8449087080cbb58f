import { truncate } from '../slack-text.js';
import type { DraftDocument } from './render.js';

export interface MessageLimits {
  readonly maxBlocks: number;
  readonly maxSectionChars: number;
  readonly maxHeaderChars: number;
  /** Slack refuses a message whose blocks add up to much more than ~13,000 characters (`msg_blocks_too_long`). */
  readonly maxMessageChars: number;
}

export const SLACK_MESSAGE_LIMITS: MessageLimits = { maxBlocks: 50, maxSectionChars: 3_000, maxHeaderChars: 150, maxMessageChars: 12_000 };

export type PlannedBlock = { readonly type: 'header' | 'section' | 'context'; readonly text: string };

export interface PlannedMessage {
  readonly blocks: readonly PlannedBlock[];
}

/** `<…>` links and mentions and `&amp;`-style entities: a cut inside one would break what Slack renders. */
function atomicSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(/<[^<>\n]*>|&(?:amp|lt|gt);/g)].map((m) => [m.index, m.index + m[0].length]);
}

function cutAt(text: string, room: number): { at: number; atSpace: boolean } {
  const spans = atomicSpans(text);
  const inside = (i: number): [number, number] | undefined => spans.find(([start, end]) => start < i && i < end);
  for (let i = room; i > room / 2; i -= 1) {
    if (/\s/.test(text.charAt(i)) && !inside(i)) return { at: i, atSpace: true };
  }
  const span = inside(room);
  return { at: span && span[0] > 0 ? span[0] : room, atSpace: false };
}

/**
 * Splits one over-long line into pieces of at most `max` characters, at a space where there is one. Every cut is
 * marked: the piece before ends with ` …` (cut at a space) or `…` (a word too long to keep whole, cut inside it),
 * the piece after starts with the continued marker.
 */
export function splitLongLine(line: string, max: number, continued: string): string[] {
  const pieces: string[] = [];
  let rest = line;
  let prefix = '';
  while (prefix.length + rest.length > max) {
    const room = max - prefix.length - ' …'.length;
    const cut = cutAt(rest, room);
    pieces.push(cut.atSpace ? `${prefix}${rest.slice(0, cut.at).trimEnd()} …` : `${prefix}${rest.slice(0, cut.at)}…`);
    rest = cut.atSpace ? rest.slice(cut.at).replace(/^\s+/, '') : rest.slice(cut.at);
    prefix = `${continued} `;
  }
  pieces.push(`${prefix}${rest}`);
  return pieces;
}

/** Packs a section's lines into texts of at most `max` characters, line by line. */
function packLines(lines: readonly string[], max: number, continued: string): string[] {
  const texts: string[] = [];
  let current = '';
  for (const line of lines) {
    for (const piece of line.length > max ? splitLongLine(line, max, continued) : [line]) {
      if (current === '') current = piece;
      else if (current.length + 1 + piece.length <= max) current += `\n${piece}`;
      else {
        texts.push(current);
        current = piece;
      }
    }
  }
  if (current !== '') texts.push(current);
  return texts;
}

/**
 * Lays a draft out as Slack messages that each pass Slack's limits: at most 50 blocks, sections of at most 3,000
 * characters, headers of at most 150, and a total Slack accepts. A section that runs on into the next message
 * repeats its heading there, marked as continued.
 */
export function planMessages(doc: DraftDocument, continued: string, limits: MessageLimits = SLACK_MESSAGE_LIMITS): PlannedMessage[] {
  const messages: PlannedBlock[][] = [];
  let blocks: PlannedBlock[] = [];
  let chars = 0;
  const header = (text: string): PlannedBlock => ({ type: 'header', text: truncate(text, limits.maxHeaderChars) });
  const flush = (): void => {
    if (blocks.length > 0) messages.push(blocks);
    blocks = [];
    chars = 0;
  };
  const add = (block: PlannedBlock, heading: string | null): void => {
    if (blocks.length + 1 > limits.maxBlocks || chars + block.text.length > limits.maxMessageChars) {
      flush();
      if (heading !== null) {
        const again = header(`${heading} ${continued}`);
        blocks.push(again);
        chars += again.text.length;
      }
    }
    blocks.push(block);
    chars += block.text.length;
  };

  add(header(doc.title), null);
  for (const text of packLines(doc.intro, limits.maxSectionChars, continued)) add({ type: 'section', text }, null);
  for (const section of doc.sections) {
    // A heading must not be the last block of a message: start a new one if its first text would not fit.
    const texts = packLines(section.lines, limits.maxSectionChars, continued);
    const first = texts[0]?.length ?? 0;
    if (blocks.length + 2 > limits.maxBlocks || chars + section.heading.length + first > limits.maxMessageChars) flush();
    add(header(section.heading), null);
    for (const text of texts) add({ type: 'section', text }, section.heading);
  }
  for (const text of packLines([doc.footer], limits.maxSectionChars, continued)) add({ type: 'context', text }, null);
  flush();
  return messages.map((m) => ({ blocks: m }));
}
