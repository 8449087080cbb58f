/**
 * Every text of the bot's catalogs (English and Korean), as Slack gets it (escaped by the bot's last step before
 * Slack) and drawn by the page's mrkdwn renderer, which reads `<…>` the way Slack does: nothing a person should read
 * is lost. Without the escaping, `/incident update <text>` would show as "/incident update".
 */
import { describe, expect, it } from 'vitest';
import { escapeStrayMarkup } from '../../src/domain/slack-text.js';
import { messages, type Locale } from '../../src/i18n/index.js';
import { replaceShortcodes } from '../../playground/web/emoji.js';
import { mrkdwn } from '../../playground/web/mrkdwn.js';
import { renderContext } from './render-context.js';

interface CatalogText {
  readonly path: string;
  readonly text: string;
}

/** Arguments to call a catalog function with: words, then numbers (1 and 2 for plurals), then nulls (optional parts). */
const ARGUMENT_SETS: ReadonlyArray<(i: number) => unknown> = [(i) => `Word${i + 1}`, () => 1, (i) => i + 2, () => null];

/** Every string the catalog can produce: its strings, and each function's result for each argument set it takes. */
function catalogTexts(value: unknown, path: string): CatalogText[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => catalogTexts(v, `${path}[${i}]`));
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    const results = ARGUMENT_SETS.flatMap((arg, set) => {
      try {
        return catalogTexts(fn(...Array.from({ length: Math.max(fn.length, 1) }, (_, i) => arg(i))), `${path}(#${set})`);
      } catch {
        return [];
      }
    });
    if (results.length === 0) throw new Error(`${path}: no argument set makes text; add one to ARGUMENT_SETS`);
    return results;
  }
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => catalogTexts(v, path === '' ? k : `${path}.${k}`));
  return [];
}

const ctx = renderContext({ channelName: () => null });

/** What a reader should see of a catalog text: Slack's tokens as they show, everything else as written. */
function meant(text: string): string {
  const shown = text.replace(/<([@#!])([^<>|]+)(?:\|([^<>]*))?>|<((?:https?|mailto):[^<>|]+)(?:\|([^<>]*))?>/g, (_, sigil: string, id: string, label: string | undefined, url: string | undefined, urlLabel: string | undefined) => {
    if (url !== undefined) return urlLabel ?? url;
    if (sigil === '!') return `@${id}`;
    return `${sigil}${(sigil === '@' ? ctx.users[id]?.name : null) ?? label ?? id}`;
  });
  return comparable(replaceShortcodes(shown));
}

/** What the page shows, as text. */
function shownText(html: string): string {
  const text = html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return comparable(text);
}

/** Formatting marks and spacing aside (bold, italic, strike and code change how text looks, not what it says). */
const comparable = (text: string): string => text.replace(/[*_~`]/g, '').replace(/\s+/g, ' ').trim();

describe.each<Locale>(['en', 'ko'])('the %s catalog rendered as Slack mrkdwn', (locale) => {
  const texts = catalogTexts(messages(locale), '');

  it('has texts to check, placeholders among them', () => {
    expect(texts.length).toBeGreaterThan(300);
    expect(texts.filter((t) => /<[^@#!][^<>]*>/.test(t.text)).length).toBeGreaterThan(10);
  });

  it('loses no text of any catalog string, placeholders like <text> included', () => {
    const lost = texts
      .map((t) => ({ path: t.path, meant: meant(t.text), shown: shownText(mrkdwn(escapeStrayMarkup(t.text), ctx)) }))
      .filter((t) => t.shown !== t.meant);
    expect(lost).toEqual([]);
  });

  it('would lose the placeholders without the escaping (the renderer reads <…> as Slack does)', () => {
    const help = messages(locale).help;
    expect(shownText(mrkdwn(help, ctx))).not.toBe(meant(help));
    expect(shownText(mrkdwn(escapeStrayMarkup(help), ctx))).toContain(locale === 'en' ? '/incident update <text>' : '/incident update <내용>');
  });
});
