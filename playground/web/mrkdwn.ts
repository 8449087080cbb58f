/**
 * Slack's mrkdwn → HTML: `<@U…>` / `<#C…>` / `<!here>` / `<!date^…>` / `<url|label>` tokens, then *bold*, _italic_,
 * ~strike~, `code`, ```blocks``` and > quotes, :emoji:. Slack escapes `&`, `<` and `>` in text, so any literal `<…>` is
 * a token (even inside `code`): one that is no mention, channel, special or address shows nothing. Links only ever get
 * http(s) and mailto targets.
 */
import { replaceShortcodes } from './emoji.js';
import { esc } from './html.js';

export interface TextContext {
  readonly users: Readonly<Record<string, { readonly name: string; readonly realName: string }>>;
  readonly channelName: (id: string) => string | null;
  readonly me: string;
  /** the playground clock, for "today" and "ago" */
  readonly nowMs: number;
  /** IANA zone for dates; the browser's own when omitted (Slack shows dates in each reader's zone) */
  readonly timeZone?: string;
  /** BCP 47 locale for times (12 or 24 hours); the browser's own when omitted */
  readonly locale?: string;
}

const decode = (text: string): string => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

/** What Slack could take for a web or mail address: a scheme, or a dotted host (`example.com/x`). */
const ADDRESS = /^([a-z][a-z0-9+.-]*:\S+|[^\s.]+(\.[^\s.]+)+)$/i;

function link(url: string, label: string): string {
  const target = decode(url);
  if (!SAFE_URL.test(target)) return esc(decode(label));
  return `<a href="${esc(target)}" target="_blank" rel="noopener noreferrer">${esc(decode(label))}</a>`;
}

function mention(userId: string, label: string | undefined, ctx: TextContext): string {
  const name = ctx.users[userId]?.name ?? label ?? userId;
  const mine = userId === ctx.me ? ' mention-me' : '';
  return `<span class="mention${mine}" data-user="${esc(userId)}">@${esc(name)}</span>`;
}

function channel(channelId: string, label: string | undefined, ctx: TextContext): string {
  const name = ctx.channelName(channelId) ?? label ?? channelId;
  return `<a class="channel-link" href="#" data-goto-channel="${esc(channelId)}">#${esc(name)}</a>`;
}

// ---- dates: <!date^epoch^format^optional_link|fallback> ----

function ordinal(day: number): string {
  const teen = day % 100 >= 11 && day % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[day % 10] ?? 'th';
  return `${day}${suffix}`;
}

interface DayParts {
  year: number;
  month: number;
  day: number;
  weekday: string;
  monthLong: string;
  monthShort: string;
}

function dayParts(ms: number, timeZone: string | undefined): DayParts {
  const fmt = new Intl.DateTimeFormat('en-US', { ...(timeZone ? { timeZone } : {}), year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'long' });
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const month = Number(parts.month);
  const names = new Intl.DateTimeFormat('en-US', { ...(timeZone ? { timeZone } : {}), month: 'long' }).format(new Date(ms));
  return { year: Number(parts.year), month, day: Number(parts.day), weekday: parts.weekday ?? '', monthLong: names, monthShort: names.slice(0, 3) };
}

const dayNumber = (p: DayParts): number => Date.UTC(p.year, p.month - 1, p.day) / 86_400_000;

function relativeDay(ms: number, ctx: TextContext): string | null {
  const diff = dayNumber(dayParts(ms, ctx.timeZone)) - dayNumber(dayParts(ctx.nowMs, ctx.timeZone));
  return diff === 0 ? 'today' : diff === -1 ? 'yesterday' : diff === 1 ? 'tomorrow' : null;
}

function ago(ms: number, nowMs: number): string {
  const seconds = Math.round((nowMs - ms) / 1000);
  const abs = Math.abs(seconds);
  const [n, unit] =
    abs < 60 ? [abs, 'second'] : abs < 3_600 ? [Math.round(abs / 60), 'minute'] : abs < 86_400 ? [Math.round(abs / 3_600), 'hour'] : [Math.round(abs / 86_400), 'day'];
  const phrase = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return seconds >= 0 ? `${phrase} ago` : `in ${phrase}`;
}

export function formatSlackDate(epochSeconds: number, format: string, ctx: TextContext): string {
  const ms = epochSeconds * 1000;
  const p = dayParts(ms, ctx.timeZone);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = `${p.monthLong} ${ordinal(p.day)}, ${p.year}`;
  const dateShort = `${p.monthShort} ${p.day}, ${p.year}`;
  const dateLong = `${p.weekday}, ${date}`;
  const time = (seconds: boolean): string =>
    new Intl.DateTimeFormat(ctx.locale, { ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}), hour: 'numeric', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}) }).format(new Date(ms));
  const pretty = relativeDay(ms, ctx);
  const tokens: Record<string, () => string> = {
    date_num: () => `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    date: () => date,
    date_short: () => dateShort,
    date_long: () => dateLong,
    date_pretty: () => pretty ?? date,
    date_short_pretty: () => pretty ?? dateShort,
    date_long_pretty: () => pretty ?? dateLong,
    time: () => time(false),
    time_secs: () => time(true),
    ago: () => ago(ms, ctx.nowMs),
  };
  return format.replace(/\{([a-z_]+)\}/g, (whole, name: string) => tokens[name]?.() ?? whole);
}

function dateToken(body: string, label: string | undefined, ctx: TextContext): string {
  const [, epoch, format, target] = body.split('^');
  const seconds = Number(epoch);
  if (!Number.isFinite(seconds) || format === undefined) return esc(decode(label ?? body));
  const text = formatSlackDate(seconds, decode(format), ctx);
  const title = new Date(seconds * 1000).toISOString();
  const shown = `<time datetime="${esc(title)}" title="${esc(title)}">${esc(text)}</time>`;
  return target !== undefined && SAFE_URL.test(decode(target)) ? `<a href="${esc(decode(target))}" target="_blank" rel="noopener noreferrer">${shown}</a>` : shown;
}

/** One `<…>` token as HTML. */
function token(inner: string, ctx: TextContext): string {
  const bar = inner.indexOf('|');
  const body = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : inner.slice(bar + 1);
  if (body.startsWith('@')) return mention(body.slice(1), label, ctx);
  if (body.startsWith('#')) return channel(body.slice(1), label, ctx);
  if (body.startsWith('!')) {
    const special = body.slice(1);
    if (special === 'here' || special === 'channel' || special === 'everyone') return `<span class="mention broadcast">@${special}</span>`;
    if (special.startsWith('date^')) return dateToken(special, label, ctx);
    if (special.startsWith('subteam^')) return `<span class="mention">${esc(decode(label ?? special))}</span>`;
    return esc(decode(label ?? body));
  }
  // Slack takes any other `<…>` for a link too: one to a word that is no address (`<text>`, `<사유>`) shows nothing,
  // which is how an unescaped placeholder vanishes from a help line.
  if (label === undefined && !ADDRESS.test(decode(body))) return '';
  return link(body, label ?? body);
}

// ---- formatting ----

/** Tokens are swapped for private-use placeholders while the formatting is parsed (they hold no * _ ~ ` characters). */
const PH_START = '\uE000';
const PH_BASE = 0xe100;
const placeholder = (i: number): string => `${PH_START}${String.fromCharCode(PH_BASE + i)}`;

interface Tokenised {
  readonly text: string;
  readonly html: readonly string[];
}

function tokenise(text: string, ctx: TextContext): Tokenised {
  const html: string[] = [];
  const out = text.replace(/<([^<>\n]+)>/g, (_, inner: string) => {
    html.push(token(inner, ctx));
    return placeholder(html.length - 1);
  });
  return { text: decode(out), html };
}

const restore = (escaped: string, html: readonly string[]): string =>
  escaped.replace(new RegExp(`${PH_START}([\\uE100-\\uEFFF])`, 'g'), (_, c: string) => html[c.charCodeAt(0) - PH_BASE] ?? '');

const INLINE: ReadonlyArray<{ re: RegExp; wrap: (inner: string) => string; literal?: boolean }> = [
  { re: /`([^`\n]+)`/, wrap: (inner) => `<code>${inner}</code>`, literal: true },
  { re: /(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])/, wrap: (inner) => `<b>${inner}</b>` },
  { re: /(?<![\w_])_(?!\s)([^_\n]+?)(?<!\s)_(?![\w_])/, wrap: (inner) => `<i>${inner}</i>` },
  { re: /(?<![\w~])~(?!\s)([^~\n]+?)(?<!\s)~(?![\w~])/, wrap: (inner) => `<s>${inner}</s>` },
];

/** Bare web addresses in text are links, as in Slack's client. */
function autolink(text: string, rest: (piece: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/https?:\/\/[^\s<>"'\uE000]+[^\s<>"'.,;:!?)\]\uE000]/g)) {
    out += rest(text.slice(last, m.index)) + `<a href="${esc(m[0])}" target="_blank" rel="noopener noreferrer">${esc(m[0])}</a>`;
    last = m.index + m[0].length;
  }
  return out + rest(text.slice(last));
}

function inline(text: string, emoji: boolean): string {
  let best: { index: number; length: number; inner: string; rule: (typeof INLINE)[number] } | null = null;
  for (const rule of INLINE) {
    const m = rule.re.exec(text);
    if (m && (best === null || m.index < best.index)) best = { index: m.index, length: m[0].length, inner: m[1] ?? '', rule };
  }
  const plain = (s: string): string => autolink(s, (piece) => (emoji ? replaceShortcodes(esc(piece)) : esc(piece)));
  if (!best) return plain(text);
  const inner = best.rule.literal ? esc(best.inner) : inline(best.inner, emoji);
  return plain(text.slice(0, best.index)) + best.rule.wrap(inner) + inline(text.slice(best.index + best.length), emoji);
}

function lines(text: string): string {
  const out: string[] = [];
  let quote: string[] = [];
  const flush = (): void => {
    if (quote.length > 0) out.push(`<blockquote>${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  for (const line of text.split('\n')) {
    const q = /^>\s?(.*)$/.exec(line);
    if (q) {
      quote.push(inline(q[1] ?? '', true));
      continue;
    }
    flush();
    out.push(inline(line, true));
  }
  flush();
  return out.join('<br>').replace(/<\/blockquote><br>/g, '</blockquote>');
}

/** mrkdwn text as HTML. */
export function mrkdwn(text: string, ctx: TextContext): string {
  const t = tokenise(text, ctx);
  const parts = t.text.split(/```/);
  // Odd parts are inside ``` fences; an unclosed fence is shown as typed.
  const closed = parts.length % 2 === 1;
  const html = parts
    .map((part, i) => {
      if (i % 2 === 1 && (closed || i < parts.length - 1)) return `<pre class="code-block">${esc(part.replace(/^\n/, ''))}</pre>`;
      return lines(i % 2 === 1 ? `\`\`\`${part}` : part);
    })
    .join('');
  return restore(html, t.html);
}

/** plain_text objects: shown as typed, emoji shortcodes replaced when `emoji` is on (Slack's default). */
export function plainText(text: string, emoji = true): string {
  const escaped = esc(text).replace(/\n/g, '<br>');
  return emoji ? replaceShortcodes(escaped) : escaped;
}

/** Text where only links and mentions are parsed (legacy attachment fields not listed in `mrkdwn_in`). */
export function linksOnly(text: string, ctx: TextContext): string {
  const t = tokenise(text, ctx);
  return restore(esc(t.text).replace(/\n/g, '<br>'), t.html);
}

/** A text object `{type, text, emoji?}`. */
export function textObject(value: unknown, ctx: TextContext): string {
  if (typeof value !== 'object' || value === null) return '';
  const o = value as { type?: unknown; text?: unknown; emoji?: unknown; verbatim?: unknown };
  if (typeof o.text !== 'string') return '';
  return o.type === 'mrkdwn' ? mrkdwn(o.text, ctx) : plainText(o.text, o.emoji !== false);
}

/** The plain words of a text object (for labels, option texts and titles). */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return '';
  const t = (value as { text?: unknown }).text;
  return typeof t === 'string' ? t : '';
}
