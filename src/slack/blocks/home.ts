import type { types } from '@slack/bolt';
import type { HomeData } from '../../app/home/home-of.js';
import { incidentRef, type Incident } from '../../domain/incident.js';
import type { Severity } from '../../domain/severity.js';
import type { Catalog } from '../../i18n/index.js';
import { VIEW } from '../ids.js';
import { followUpLine } from './follow-ups.js';
import { context, plain, safe, section, slackAgo, slackDate, user, type Block } from './format.js';
import { handoffAckButton } from './handoff.js';
import { leadAnswerButtons } from './lead-handoff.js';
import { onCallLine } from './oncall.js';
import { severityLabel } from './summary-card.js';

/** Slack's limits for a Home tab: 100 blocks, and views.publish refuses a view over 250 kB (`view_too_large`). */
export const HOME_MAX_BLOCKS = 100;
export const HOME_MAX_BYTES = 250_000;

/** How many of each list a Home shows before "and N more": together well within HOME_MAX_BLOCKS (see home.test.ts). */
export const HOME_SHOWN = { waiting: 5, mine: 10, others: 15, followUps: 10, rotations: 10, resolved: 5 } as const;

export interface HomeTab {
  readonly type: 'home';
  readonly callback_id: string;
  readonly blocks: Block[];
}

interface Words {
  readonly t: Catalog;
  readonly severities: readonly Severity[];
}

/** At most `max` items, then one line that says how many more and which command shows them. */
function capped<T>(items: readonly T[], max: number, render: (item: T) => Block[], more: (n: number) => string): Block[] {
  const blocks = items.slice(0, max).flatMap(render);
  return items.length > max ? [...blocks, context(more(items.length - max))] : blocks;
}

const group = (title: string, body: readonly Block[]): Block[] => (body.length === 0 ? [] : [{ type: 'divider' }, { type: 'header', text: plain(title) }, ...body]);

function incidentLine(incident: Incident, w: Words, role: string | null): string {
  const { t } = w;
  const where = incident.channelId ? ` · <#${incident.channelId}>` : '';
  const facts = `${safe(severityLabel(incident.severity, w.severities, t), 40)} · ${t.status[incident.status]} · IC ${user(incident.commanderId, t.noCommander)} · ${t.home.opened(slackAgo(incident.milestones.declaredAt))}${where}`;
  return `*${incidentRef(incident.number)}* · ${safe(incident.title, 150)}${role === null ? '' : ` — _${role}_`}\n${facts}`;
}

function waiting(data: HomeData, w: Words): Block[] {
  const { t } = w;
  const items: Array<() => Block[]> = [
    ...data.leadRequests.map((incident) => () => [
      section(`*${incidentRef(incident.number)}* · ${safe(incident.title, 150)}\n${t.home.leadAsked(user(incident.pendingLead?.by ?? null, '?'), slackAgo(incident.pendingLead?.since ?? incident.milestones.declaredAt))}`),
      leadAnswerButtons(incident, t, `home_lead_${incident.number}`),
    ]),
    ...data.shiftHandoffs.map(({ handoff, rotation }) => (): Block[] => [
      section(t.home.shiftHanded(user(handoff.outgoingId, '?'), safe(rotation.name, 40), slackAgo(handoff.postedAt ?? handoff.dueAt))),
      { type: 'actions', block_id: `home_shift_${handoff.id}`, elements: [handoffAckButton(handoff, t)] },
    ]),
  ];
  return capped(items, HOME_SHOWN.waiting, (render) => render(), t.home.moreInDms);
}

function onCall(data: HomeData, w: Words): Block[] {
  const { t } = w;
  if (data.onCall.length === 0) return [];
  const lines = data.onCall.slice(0, HOME_SHOWN.rotations).map((view) => onCallLine(view, t));
  const more = data.onCall.length > HOME_SHOWN.rotations ? [context(t.home.more(data.onCall.length - HOME_SHOWN.rotations, '/incident oncall'))] : [];
  const own = data.ownShifts.slice(0, HOME_SHOWN.rotations).map(({ rotation, shift }) => {
    const name = safe(rotation.name, 40);
    if (shift.kind === 'next') return t.home.youNext(name, slackDate(shift.from));
    return shift.until === null ? t.home.youNowOpenEnded(name) : t.home.youNow(name, slackDate(shift.until));
  });
  return [section(lines.join('\n')), ...more, ...(own.length > 0 ? [context(own.join('\n'))] : [])];
}

function resolved(data: HomeData, w: Words): Block[] {
  const { t } = w;
  return capped(
    data.resolved,
    HOME_SHOWN.resolved,
    ({ incident, draftLink }) => {
      const draft = draftLink === null ? t.home.noDraft : `<${draftLink}|${t.home.draft}>`;
      const when = t.home.resolvedAt(slackAgo(incident.milestones.resolvedAt ?? incident.milestones.declaredAt));
      return [section(`*${incidentRef(incident.number)}* · ${safe(incident.title, 150)}\n${when} · ${draft}`)];
    },
    (n) => t.home.more(n, '/incident stats 7d'),
  );
}

function emptyState(t: Catalog): Block[] {
  return [section(`*${t.home.emptyTitle}*\n${t.home.emptyHint}`), section(t.home.emptyCommands.map((c) => `• ${c}`).join('\n'))];
}

/**
 * One person's App Home, "what needs me now", from what the record says they may see: handoffs waiting for them
 * (with the same Acknowledge / Decline as the DMs), their incidents, every other open one, their follow-ups, who
 * is on call, and what was resolved lately. Each list is capped so the view stays within Slack's limits.
 */
export function renderHome(data: HomeData, options: Words): HomeTab {
  const w = options;
  const { t } = w;
  const incidents = (list: readonly Incident[], max: number, role: (i: Incident) => string | null) =>
    capped(list, max, (i) => [section(incidentLine(i, w, role(i)))], (n) => t.home.more(n, '/incident list'));
  const followUps = data.followUps.length === 0 ? [] : [section(data.followUps.slice(0, HOME_SHOWN.followUps).map(followUpLine).join('\n'))];
  const moreFollowUps = data.followUps.length > HOME_SHOWN.followUps ? [context(t.home.more(data.followUps.length - HOME_SHOWN.followUps, '/incident followups'))] : [];
  const nothing = data.leadRequests.length + data.shiftHandoffs.length + data.mine.length + data.others.length + data.followUps.length === 0;
  const blocks: Block[] = [
    { type: 'header', text: plain(t.home.title) },
    ...(nothing ? emptyState(t) : []),
    ...group(t.home.waiting, waiting(data, w)),
    ...group(t.home.yours, incidents(data.mine, HOME_SHOWN.mine, (i) => (i.commanderId === data.userId ? t.home.youLead : t.home.youRespond))),
    ...group(t.home.others, incidents(data.others, HOME_SHOWN.others, () => null)),
    ...group(t.home.followUps, [...followUps, ...moreFollowUps]),
    ...group(t.home.onCall, onCall(data, w)),
    ...group(t.home.resolved, resolved(data, w)),
  ];
  return { type: 'home', callback_id: VIEW.home, blocks };
}

/** What a press on the Home gets back when it changed nothing: there is no message to answer under, so a small modal. */
export function homeNotice(text: string, t: Catalog): types.ModalView {
  return { type: 'modal', callback_id: VIEW.homeNotice, title: plain(t.home.noticeTitle, 24), close: plain(t.home.noticeClose, 24), blocks: [section(text)] };
}
