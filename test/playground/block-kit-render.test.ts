/**
 * The page draws every block and element the bot's renderers produce (nothing falls back to raw JSON), wires each
 * interactive element to the action Slack would send, and shows anything it does not draw as visible JSON.
 */
import { describe, expect, it } from 'vitest';
import type { AlertGroup } from '../../src/app/triage-ports.js';
import type { Prompt } from '../../src/app/prompt-ports.js';
import { buildDraft } from '../../src/domain/postmortem/draft.js';
import type { Incident } from '../../src/domain/incident.js';
import type { LeadHandoff } from '../../src/domain/lead-handoff.js';
import { messages } from '../../src/i18n/index.js';
import { renderAnnouncement } from '../../src/slack/blocks/announcement.js';
import { renderLeadMessage } from '../../src/slack/blocks/lead-handoff.js';
import { renderIncidentList } from '../../src/slack/blocks/messages.js';
import { declareModal, handoffNotesModal, impactModal, leadModal, resolveModal, updateModal } from '../../src/slack/blocks/modals.js';
import { renderDraftMessages } from '../../src/slack/blocks/postmortem.js';
import { renderPrompt } from '../../src/slack/blocks/prompts.js';
import { renderSummaryCard } from '../../src/slack/blocks/summary-card.js';
import { renderTriageReply } from '../../src/slack/blocks/triage-reply.js';
import { renderAttachments } from '../../playground/web/attachments.js';
import { renderBlocks } from '../../playground/web/blocks.js';
import { renderModal } from '../../playground/web/modal-view.js';
import { anAlertGroup } from '../support/alert-group.js';
import { scriptedIncident } from '../support/scripted-incident.js';
import { renderContext } from './render-context.js';

const t = messages('en');
const ctx = renderContext();
const { incident, severities, followUps, timeline } = scriptedIncident();
const now = new Date('2026-11-23T06:30:00Z');
const open: Incident = { ...incident, status: 'investigating', severity: null, impact: '', resolutionSummary: null, cause: null, milestones: { ...incident.milestones, mitigatedAt: null, resolvedAt: null } };

const prompt = (kind: Prompt['kind']): Prompt => ({
  id: 7,
  incidentNumber: 3,
  kind,
  state: 'pending',
  recipientId: null,
  channelId: 'C0INC3',
  messageTs: null,
  sendStartedAt: null,
  answer: null,
  answeredBy: null,
  answeredAt: null,
  createdAt: now,
});

const leadHandoff: LeadHandoff = {
  id: 2,
  incidentNumber: 3,
  fromId: 'U0ALICE',
  toId: 'U0BOB',
  requestedBy: 'U0ALICE',
  requestedAt: now,
  state: 'pending',
  endedAt: null,
  endedBy: null,
  nextLeadId: null,
  closedAs: null,
  remindedAt: null,
};

const group: AlertGroup = anAlertGroup({
  id: 4,
  fingerprint: 'alertmanager|higherrorrate|checkout',
  fields: { source: 'alertmanager', alertname: 'higherrorrate', service: 'checkout' },
  channelId: 'C0ALERTS',
  threadTs: '1795410240.000100',
  subject: 'HighErrorRate checkout',
  first: { source: 'alertmanager', name: 'HighErrorRate', severity: 'critical', service: 'checkout', summary: '5xx above 5% <!channel>', link: 'https://am.example/#/alerts' },
  links: [{ kind: 'alert', url: 'https://am.example/#/alerts' }],
  tracksInstances: false,
  truncatedAlerts: 0,
  counts: { status: 'firing', firing: 8, alertCount: 6, firstSeenAt: new Date('2026-11-23T05:04:00Z'), lastSeenAt: now, resolvedAt: null },
  ruleIndex: 1,
  suggestedSeverity: 'sev1',
});

const messagesTheBotSends: Array<[string, unknown[]]> = [
  ['summary card', renderSummaryCard({ incident: open, openFollowUps: 1, severities, now, t }).blocks],
  ['resolved card', renderSummaryCard({ incident, openFollowUps: 0, severities, now, t }).blocks],
  ['setup prompt', renderPrompt(prompt('setup'), { ...open, commanderId: null }, { severities, snoozesMs: [1_800_000], now, t }).blocks],
  ['mitigation prompt', renderPrompt(prompt('mitigation_check'), open, { severities, snoozesMs: [1_800_000], now, t }).blocks],
  ['update nudge', renderPrompt(prompt('update_nudge'), open, { severities, snoozesMs: [1_800_000, 3_600_000], now, t }).blocks],
  ['triage reply', renderTriageReply({ group, incident: null, groupWindowMs: 3_600_000, now, t }).blocks],
  ['announcement', renderAnnouncement(open, severities, now, t).blocks],
  ['incident list', renderIncidentList([open, incident], severities, now, t).blocks],
  ...(['briefing', 'reminder', 'notice'] as const).map((part): [string, unknown[]] => [
    `lead handoff ${part}`,
    renderLeadMessage({ handoff: { ...leadHandoff, incidentNumber: open.number }, part, incident: { ...open, pendingLead: { userId: 'U0BOB', by: 'U0ALICE', since: now } }, followUps, tried: timeline.slice(0, 3), severities, now, t }).blocks,
  ]),
  ...renderDraftMessages(buildDraft(scriptedIncident()), { timeZone: 'UTC', t }).map((m, i): [string, unknown[]] => [`postmortem draft part ${i + 1}`, m.blocks]),
];

const modalsTheBotOpens = [
  declareModal({ title: 'Checkout is down', callerId: 'U0ALICE', severities, t, form: 'F0' }),
  resolveModal({ form: 'F1', summary: null, timeZone: 'UTC', t }),
  updateModal({ form: 'F2', t }),
  leadModal({ form: 'F3', t }),
  impactModal({ form: 'F4', t }),
  handoffNotesModal({ form: 'F5', notes: null, t }),
];

describe('the page renders what the bot sends', () => {
  it.each(messagesTheBotSends)('%s: every block drawn, none as raw JSON', (_, blocks) => {
    const html = renderBlocks(blocks, ctx);
    expect(html).not.toContain('raw-json');
    expect(html).not.toMatch(/disabled title=/);
  });

  it.each(modalsTheBotOpens.map((m) => [m.callback_id ?? '', m] as const))('modal %s: every input drawn and readable on submit', (_, view) => {
    const html = renderModal({ id: 'V1', hash: 'h', callbackId: view.callback_id ?? '', title: view.title, submit: view.submit, close: view.close, blocks: view.blocks, depth: 1 }, ctx, null);
    expect(html).not.toContain('raw-json');
    const inputs = view.blocks.filter((b) => b.type === 'input');
    expect(html.match(/data-input-block=/g)).toHaveLength(inputs.length);
    expect(html.match(/data-input-type=/g)).toHaveLength(inputs.length);
  });

  it('wires the card’s controls to the actions Slack would send: buttons with styles and values, the severity menu', () => {
    const card = renderSummaryCard({ incident: { ...open, severity: 'sev2' }, openFollowUps: 0, severities, now, t }).blocks;
    const html = renderBlocks(card, ctx);
    expect(html).toContain('<div class="bk bkb-header" data-block-id="block-0">INC-3 · Checkout 502s</div>');
    expect(html).toMatch(/<button type="button" class="bk-button primary" data-kind="button" data-action-id="incident.resolve" data-block-id="card_actions" data-value="3">Resolve<\/button>/);
    expect(html).toMatch(/<select class="bk-select" data-kind="select" data-action-id="incident.severity" data-block-id="card_actions"/);
    expect(html).toContain('<option value="sev2" selected>SEV2 · Major: a core feature is degraded for many users</option>');
    expect(html).toContain('<span class="mention mention-me" data-user="U0ALICE">@alice</span>');
  });

  it('escapes alert text the bot quotes (a <!channel> in an alert stays text)', () => {
    const html = renderBlocks(renderTriageReply({ group, incident: null, groupWindowMs: 3_600_000, now, t }).blocks, ctx);
    expect(html).toContain('5xx above 5% &lt;!channel&gt;');
    expect(html).not.toContain('broadcast');
    expect(html).toContain('class="bk-button danger"');
  });
});

describe('what the page does not draw is shown, never hidden', () => {
  it('an unknown block, an unknown element and legacy attachment buttons become visible JSON', () => {
    const blocks = [
      { type: 'table', block_id: 't1', rows: [[{ type: 'raw_text', text: 'a' }]] },
      { type: 'actions', block_id: 'a1', elements: [{ type: 'workflow_button', text: { type: 'plain_text', text: 'Run' }, action_id: 'w' }] },
      { type: 'rich_text', elements: [] },
    ];
    const html = renderBlocks(blocks, ctx);
    expect(html.match(/data-testid="raw-json"/g)).toHaveLength(3);
    expect(html).toContain('Unsupported block: table');
    expect(html).toContain('Unsupported element: workflow_button');
    expect(html).toContain('&quot;type&quot;: &quot;rich_text&quot;');
    const attachment = renderAttachments([{ color: 'danger', title: 'Deploy?', actions: [{ type: 'button', text: 'Approve' }] }], ctx);
    expect(attachment).toContain('border-left-color:#e01e5a');
    expect(attachment).toContain('Unsupported: legacy attachment actions');
  });

  it('elements the playground cannot send from a message are drawn but disabled, with the reason', () => {
    const html = renderBlocks([{ type: 'actions', block_id: 'a', elements: [{ type: 'datepicker', action_id: 'd', initial_date: '2026-11-23' }, { type: 'overflow', action_id: 'o', options: [{ text: { type: 'plain_text', text: 'Mute' }, value: 'm' }] }] }], ctx);
    expect(html).toContain('<input type="date" class="bk-text-input bk-picker" data-input-type="datepicker" value="2026-11-23" disabled title="The playground cannot send a datepicker action">');
    expect(html).toContain('data-option="m" data-option-text="Mute">Mute</button>');
  });

  it('external images are not fetched: their alt text stands in, linked', () => {
    const html = renderBlocks([{ type: 'image', image_url: 'https://grafana.example/render.png', alt_text: 'error rate graph' }], ctx);
    expect(html).toContain('<a class="bk-image" href="https://grafana.example/render.png"');
    expect(html).not.toContain('<img');
  });
});
