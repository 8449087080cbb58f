import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config.js';
import { declare } from '../../domain/lifecycle.js';
import { LEAD_MESSAGE_PARTS, type LeadHandoff, type LeadMessagePart } from '../../domain/lead-handoff.js';
import { messages } from '../../i18n/index.js';
import type { Prompt } from '../../app/prompt-ports.js';
import { renderLeadMessage } from './lead-handoff.js';
import { renderPrompt } from './prompts.js';

const t = messages('en');
const requestedAt = new Date('2026-11-23T03:00:00Z');
const endedAt = new Date('2026-11-23T03:07:00Z');

const declared = declare(
  { number: 1, title: 'Checkout <!channel> down', impact: 'EU cannot pay', severity: 'sev2', commanderId: 'UALICE', declaredBy: 'UALICE', isPrivate: false, origin: 'manual', impactStartedAt: null, detectedAt: null },
  requestedAt,
);
if (!declared.ok) throw new Error('declare failed');
const incident = { ...declared.value.incident, channelId: 'C0INC1' };

const pending: LeadHandoff = {
  id: 1,
  incidentNumber: 1,
  fromId: 'UALICE',
  toId: 'UBOB',
  requestedBy: 'UALICE',
  requestedAt,
  state: 'pending',
  endedAt: null,
  endedBy: null,
  nextLeadId: null,
  closedAs: null,
  remindedAt: null,
};

/** Every state a handoff can end in (and the open one), as the record holds it. */
const STATES: Record<string, LeadHandoff> = {
  pending,
  acknowledged: { ...pending, state: 'acknowledged', endedAt, endedBy: 'UBOB' },
  declined: { ...pending, state: 'declined', endedAt, endedBy: 'UBOB' },
  replaced: { ...pending, state: 'replaced', endedAt, endedBy: 'UDAN', nextLeadId: 'UCAROL' },
  'withdrawn (resolved)': { ...pending, state: 'withdrawn', endedAt, endedBy: 'UALICE', closedAs: 'resolved' },
  'withdrawn (declined)': { ...pending, state: 'withdrawn', endedAt, endedBy: 'UALICE', closedAs: 'declined' },
};

/** What the reader must read first: Bob reads the briefing and the reminder, Alice the notice. */
const SAYS: Record<string, Record<LeadMessagePart, string>> = {
  pending: {
    briefing: '<@UALICE> asked you to lead INC-1. Here is where it stands; press Acknowledge to take over, or Decline.',
    reminder: 'Reminder: <@UALICE> asked you to lead INC-1 (',
    notice: '<@UBOB> has not acknowledged the INC-1 handoff yet (asked ',
  },
  acknowledged: {
    briefing: '✓ You acknowledged the handoff from <@UALICE> and took over INC-1 as commander (',
    reminder: '✓ You acknowledged the handoff from <@UALICE> and took over INC-1 as commander (',
    notice: '✓ <@UBOB> acknowledged the INC-1 handoff and took over as commander (',
  },
  declined: {
    briefing: 'You declined to lead INC-1 (',
    reminder: 'You declined to lead INC-1 (',
    notice: '<@UBOB> declined to lead INC-1 (',
  },
  replaced: {
    briefing: 'Closed: <@UDAN> asked <@UCAROL> to lead INC-1 instead (',
    reminder: 'Closed: <@UDAN> asked <@UCAROL> to lead INC-1 instead (',
    notice: 'The INC-1 handoff to <@UBOB> was replaced: <@UDAN> asked <@UCAROL> instead (',
  },
  'withdrawn (resolved)': {
    briefing: 'INC-1 was closed as Resolved (',
    reminder: 'INC-1 was closed as Resolved (',
    notice: 'INC-1 was closed as Resolved (',
  },
  'withdrawn (declined)': {
    briefing: 'INC-1 was closed as Declined (',
    reminder: 'INC-1 was closed as Declined (',
    notice: 'INC-1 was closed as Declined (',
  },
};

/** Sentences that would be false to this reader whatever the state. */
const NEVER_TO: Record<'proposed' | 'commander', readonly string[]> = {
  proposed: ['you are still the commander', 'you stayed the commander', 'has not acknowledged', 'you can step back'],
  commander: ['You acknowledged', 'You declined', 'asked you to lead', 'Nothing for you to do', 'before you acknowledged'],
};

const render = (handoff: LeadHandoff, part: LeadMessagePart) =>
  renderLeadMessage({
    handoff,
    part,
    incident: handoff.state === 'pending' ? { ...incident, pendingLead: { userId: 'UBOB', by: 'UALICE', since: requestedAt } } : incident,
    followUps: [],
    tried: [],
    severities: defaultConfig().severities,
    now: endedAt,
    t,
  });

const cases = Object.keys(STATES).flatMap((state) => LEAD_MESSAGE_PARTS.map((part) => [state, part] as const));

describe('every message of a lead handoff, in every state, to its reader', () => {
  it.each(cases)('%s · %s', (state, part) => {
    const handoff = STATES[state] as LeadHandoff;
    const message = render(handoff, part);
    const shown = JSON.stringify(message.blocks);
    const says = SAYS[state]?.[part] ?? '';
    expect(message.text.startsWith(says)).toBe(true);
    expect(shown).toContain(JSON.stringify(says).slice(1, -1));
    for (const wrong of NEVER_TO[part === 'notice' ? 'commander' : 'proposed']) expect(message.text).not.toContain(wrong);
    // Nobody is ever named blank, and user text stays escaped.
    expect(message.text).not.toMatch(/<@>|^\s|\s\s/);
    expect(shown).toContain('Checkout &lt;!channel&gt; down');
    // Buttons only on the proposed commander's messages of an open request: nothing live is left behind.
    const live = state === 'pending' && part !== 'notice';
    expect(shown.includes('lead.acknowledge')).toBe(live);
    expect(shown.includes('lead.decline')).toBe(live);
  });

  it('the briefing tells the proposed commander where to go while it is open, and only names the channel after', () => {
    expect(JSON.stringify(render(pending, 'briefing').blocks)).toContain('Join <#C0INC1> to take over.');
    expect(JSON.stringify(render(STATES.acknowledged as LeadHandoff, 'briefing').blocks)).toContain('Incident channel: <#C0INC1>');
  });

  it('the notice of an open request tells the commander they still lead; after a decline, how to ask someone else', () => {
    expect(render(pending, 'notice').text).toContain('you are still the commander');
    expect(render(STATES.declined as LeadHandoff, 'notice').text).toContain('you stayed the commander. To ask someone else: `/incident lead @user`');
  });
});

describe('reminders stored as prompts before migration 011', () => {
  const legacy = (recipientId: string, state: Prompt['state']): Prompt => ({
    id: 9,
    incidentNumber: 1,
    kind: 'lead_ack_reminder',
    state,
    recipientId,
    channelId: 'D0X',
    messageTs: '1795400000.000900',
    sendStartedAt: null,
    answer: null,
    answeredBy: null,
    answeredAt: null,
    createdAt: requestedAt,
  });
  const asked = { ...incident, pendingLead: { userId: 'UBOB', by: 'UALICE', since: requestedAt } };
  const options = { severities: defaultConfig().severities, snoozesMs: [], now: endedAt, t };

  it('ask while their handoff is pending, and say who leads once it is over (never a blank name)', () => {
    expect(renderPrompt(legacy('UBOB', 'pending'), asked, options).text).toContain('Reminder: <@UALICE> asked you to lead INC-1');
    expect(JSON.stringify(renderPrompt(legacy('UBOB', 'pending'), asked, options).blocks)).toContain('lead.acknowledge');
    expect(renderPrompt(legacy('UALICE', 'pending'), asked, options).text).toContain('<@UBOB> has not acknowledged the INC-1 handoff yet');
    for (const reader of ['UALICE', 'UBOB']) {
      const settled = renderPrompt(legacy(reader, 'expired'), { ...incident, commanderId: 'UBOB' }, options);
      expect(settled.text).toBe('INC-1: The INC-1 lead handoff is settled: <@UBOB> leads.');
      expect(JSON.stringify(settled.blocks)).not.toContain('lead.acknowledge');
    }
  });
});
