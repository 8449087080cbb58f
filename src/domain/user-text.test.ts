import { describe, expect, it } from 'vitest';
import { readText, showsNothing, tidyText } from './user-text.js';

const rules = { max: 50, required: true };

describe('texts people type', () => {
  it.each([
    ['NUL only', '\u0000'],
    ['NULs and spaces', ' \u0000 \u0000 '],
    ['zero-width space, joiner, non-joiner, word joiner, BOM', '\u200B\u200D\u200C\u2060\uFEFF'],
    ['right-to-left override and isolates', '\u202E\u2067\u2069'],
    ['direction marks', '\u200E\u200F\u061C'],
    ['Hangul filler', '\u3164\u3164'],
    ['braille blank', '\u2800'],
    ['soft hyphen and combining grapheme joiner', '\u00AD\u034F'],
    ['variation selector', '\uFE0F'],
    ['other control characters', '\u0001\u001B\u007F\u0085'],
  ])('refuses a text of %s, saying it shows as nothing', (_name, raw) => {
    expect(readText('title', raw, rules)).toEqual({ ok: false, error: { code: 'text_invisible', field: 'title' } });
    expect(readText('note', raw, { max: 50, required: false })).toEqual({ ok: false, error: { code: 'text_invisible', field: 'note' } });
  });

  it('tells an empty required text apart from an invisible one', () => {
    expect(readText('title', '   ', rules)).toEqual({ ok: false, error: { code: 'title_missing' } });
    expect(readText('note', '', rules)).toEqual({ ok: false, error: { code: 'text_missing', field: 'note' } });
    expect(readText('title', '\u3000\u00A0', rules)).toEqual({ ok: false, error: { code: 'title_missing' } });
    expect(readText('note', '  ', { max: 50, required: false })).toEqual({ ok: true, value: '' });
  });

  it.each([
    ['NUL bytes inside', 'DB\u0000 down\u0000', 'DB down'],
    ['escape sequences', '\u001B[31mred\u001B[0m alert', '[31mred[0m alert'],
    ['a lone surrogate', 'bad \uD800 half', 'bad \uFFFD half'],
  ])('strips %s and keeps the rest', (_name, raw, stored) => {
    expect(readText('title', raw, rules)).toEqual({ ok: true, value: stored });
  });

  it.each([
    ['Korean', '결제 API 502 에러'],
    ['Arabic with its direction mark', '\u200Fالدفع متوقف'],
    ['an emoji joined with ZWJ', '👩\u200D💻 on it'],
    ['a flag (regional indicators)', '🇰🇷'],
    ['tabs and line breaks inside', 'line one\n\tline two'],
  ])('keeps %s as typed', (_name, raw) => {
    expect(readText('note', raw, rules)).toEqual({ ok: true, value: raw });
  });

  it('measures the limit after tidying', () => {
    expect(readText('title', `${'x'.repeat(50)}\u0000\u0000`, rules)).toEqual({ ok: true, value: 'x'.repeat(50) });
    expect(readText('title', 'x'.repeat(51), rules)).toMatchObject({ ok: false, error: { code: 'text_too_long', max: 50, length: 51 } });
  });

  it('tidies without judging', () => {
    expect(tidyText('  a\u0000b  ')).toBe('ab');
    expect(showsNothing('\u200B x')).toBe(false);
  });
});
