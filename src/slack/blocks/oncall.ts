import type { OnCallView } from '../../domain/oncall/rotation.js';
import type { Catalog } from '../../i18n/index.js';
import { safe, section, type Block } from './format.js';
import { formatZoned } from '../../domain/zoned-time.js';

/** One rotation: who is on call now (until when) and next, overrides marked. */
export function onCallLine(view: OnCallView, t: Catalog): string {
  const o = t.oncall;
  const tz = view.rotation.timezone;
  const now = view.now;
  const until = now.override ? (view.next && view.next.at < now.override.until ? view.next.at : now.override.until) : view.next?.at;
  const current = until === undefined ? o.nowOpenEnded(`<@${now.userId}>`) : o.now(`<@${now.userId}>`, formatZoned(until, tz));
  const mark = now.override ? ` ${o.overrideMark(`<@${now.shift.userId}>`, formatZoned(now.override.until, tz))}` : '';
  const next = view.next ? ` · ${o.next(`<@${view.next.userId}>`)}${view.next.override ? ` ${o.overrideMark(`<@${view.next.shift.userId}>`, formatZoned(view.next.override.until, tz))}` : ''}` : '';
  return `• *${safe(view.rotation.name, 40)}* (${tz}): ${current}${mark}${next}`;
}

/** `/incident oncall`: per rotation, who is on call now (until when) and next, overrides marked. */
export function renderOnCall(views: readonly OnCallView[], t: Catalog): { text: string; blocks: Block[] } {
  const o = t.oncall;
  if (views.length === 0) return { text: o.noRotations, blocks: [section(o.noRotations)] };
  const lines = views.map((view) => {
    const tz = view.rotation.timezone;
    const upcoming = view.upcomingOverrides.map((u) => `\n    ${o.upcomingOverride(`<@${u.userId}>`, formatZoned(u.from, tz), formatZoned(u.until, tz))}`).join('');
    return `${onCallLine(view, t)}${upcoming}`;
  });
  const text = `*${o.viewHeading}*\n${lines.join('\n')}`;
  return { text, blocks: [section(text)] };
}
